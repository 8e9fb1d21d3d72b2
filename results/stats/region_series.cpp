#include "results/stats/region_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "results/stats/summary.hpp"

namespace labsim::results {

namespace {

std::size_t label_index(const Dimension& d, const std::string& label) {
  const auto it = std::find(d.labels.begin(), d.labels.end(), label);
  if (it == d.labels.end())
    throw std::out_of_range("dimension '" + d.name + "' has no label '" + label + "'");
  return static_cast<std::size_t>(it - d.labels.begin());
}

}  // namespace

ReplicationSeries monthly_totals(const RunOutput& out, const std::string& name,
                                 const std::map<std::string, std::string>& fixed) {
  const LabelledArray& a = out.array(name);
  if (a.dims.size() < 2 || a.dims[0] != "replication" || a.dims[1] != "month") {
    throw std::out_of_range("array '" + name + "' is not laid out over replication and month");
  }
  std::vector<std::size_t> sizes;
  std::vector<long> held;  // -1: summed over
  for (const auto& dim : a.dims) {
    const Dimension& d = out.dimension(dim);
    sizes.push_back(d.size());
    const auto it = fixed.find(dim);
    held.push_back(it == fixed.end() ? -1 : static_cast<long>(label_index(d, it->second)));
  }
  ReplicationSeries s{sizes[0], sizes[1], std::vector<double>(sizes[0] * sizes[1], 0.0)};
  std::size_t inner = 1;
  for (std::size_t k = 2; k < sizes.size(); ++k) inner *= sizes[k];
  std::vector<std::size_t> index(sizes.size(), 0);
  for (std::size_t cell = 0; cell < s.values.size(); ++cell) {
    double total = 0;
    for (std::size_t i = 0; i < inner; ++i) {
      std::size_t rest = i;
      bool kept = true;
      for (std::size_t k = sizes.size(); k-- > 2;) {
        const std::size_t at = rest % sizes[k];
        rest /= sizes[k];
        kept = kept && (held[k] < 0 || at == static_cast<std::size_t>(held[k]));
      }
      if (kept) total += a.values[cell * inner + i];
    }
    s.values[cell] = total;
  }
  return s;
}

ReplicationSeries whole_horizon(const ReplicationSeries& series) {
  ReplicationSeries total{series.replications, 1, std::vector<double>(series.replications, 0.0)};
  for (std::size_t r = 0; r < series.replications; ++r) {
    for (std::size_t m = 0; m < series.months; ++m) total.values[r] += series.values[r * series.months + m];
  }
  return total;
}

Band band_over_replications(const ReplicationSeries& series) {
  Band band;
  std::vector<double> column(series.replications);
  for (std::size_t m = 0; m < series.months; ++m) {
    bool finite = series.replications > 0;
    double sum = 0;
    for (std::size_t r = 0; r < series.replications; ++r) {
      column[r] = series.values[r * series.months + m];
      finite = finite && std::isfinite(column[r]);
      sum += column[r];
    }
    if (!finite) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      band.mean.push_back(nan);
      band.low95.push_back(nan);
      band.high95.push_back(nan);
      continue;
    }
    std::sort(column.begin(), column.end());
    band.mean.push_back(sum / static_cast<double>(series.replications));
    band.low95.push_back(type7_quantile(column, 0.025));
    band.high95.push_back(type7_quantile(column, 0.975));
  }
  return band;
}

double overall_mean(const ReplicationSeries& series) {
  double sum = 0;
  std::size_t n = 0;
  for (const double v : series.values) {
    if (std::isfinite(v)) sum += v, ++n;
  }
  return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace labsim::results
