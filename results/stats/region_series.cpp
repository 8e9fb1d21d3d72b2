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
  const std::size_t replication = a.axis("replication"), month = a.axis("month");
  // Each axis held at a label, as (axis, index).
  std::vector<std::pair<std::size_t, std::size_t>> held;
  for (const auto& [dim, label] : fixed)
    held.emplace_back(a.axis(dim), label_index(out.dimension(dim), label));
  ReplicationSeries s(a.shape.at(replication), a.shape.at(month));
  CellIndex at(a.shape);
  for (const double v : a.values) {
    if (std::all_of(held.begin(), held.end(), [&](const auto& h) { return at[h.first] == h.second; }))
      s.at(at[replication], at[month]) += v;
    at.next();
  }
  return s;
}

ReplicationSeries whole_horizon(const ReplicationSeries& series) {
  ReplicationSeries total(series.replications, 1);
  for (std::size_t r = 0; r < series.replications; ++r) {
    for (std::size_t m = 0; m < series.months; ++m) total.at(r, 0) += series.at(r, m);
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
      column[r] = series.at(r, m);
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
