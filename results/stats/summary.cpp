// Mean and type-7 percentiles over the leading "replication" axis.
#include "results/stats/summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>
#include <vector>

namespace labsim::results {

namespace {

LabelledArray derived(const LabelledArray& a, const char* suffix, const char* statistic) {
  LabelledArray out;
  out.name = a.name + suffix;
  out.units = a.units;
  out.description = a.description.empty()
                        ? fmt::format("{} over replications of {}", statistic, a.name)
                        : fmt::format("{} over replications of {}: {}", statistic, a.name, a.description);
  out.dims.assign(a.dims.begin() + 1, a.dims.end());
  out.shape.assign(a.shape.begin() + 1, a.shape.end());
  out.summarise = false;
  return out;
}

}  // namespace

double type7_quantile(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  // Equal neighbours need no interpolation, which would turn two equal infinities into NaN.
  if (sorted[lo] == sorted[lo + 1]) return sorted[lo];
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Summary summarise_over_replications(const LabelledArray& a, std::size_t replications) {
  if (a.dims.empty() || a.dims.front() != "replication") {
    throw std::invalid_argument(
        fmt::format("cannot summarise array \"{}\": its first dimension must be \"replication\"", a.name));
  }
  if (replications == 0) {
    throw std::invalid_argument(fmt::format("cannot summarise array \"{}\" over 0 replications", a.name));
  }
  if (a.values.size() % replications != 0) {
    throw std::invalid_argument(
        fmt::format("cannot summarise array \"{}\": {} values do not split into {} replications", a.name,
                    a.values.size(), replications));
  }
  if (a.shape.size() != a.dims.size()) {
    throw std::invalid_argument(fmt::format(
        "cannot summarise array \"{}\": its shape [{}] does not give one length per dimension ({})", a.name,
        fmt::join(a.shape, ", "), fmt::join(a.dims, ", ")));
  }
  if (a.shape.front() != replications) {
    throw std::invalid_argument(
        fmt::format("cannot summarise array \"{}\": its first axis has length {}, not {}", a.name,
                    a.shape.front(), replications));
  }
  const std::size_t cells = a.values.size() / replications;
  Summary s{derived(a, "_mean", "mean"), derived(a, "_low95", "2.5% percentile"),
            derived(a, "_high95", "97.5% percentile")};
  s.mean.values.resize(cells);
  s.low95.values.resize(cells);
  s.high95.values.resize(cells);

  // A NaN marks a share with nobody to measure in that replication (e.g. no new spells in a small jobcentre's
  // month); the summaries are over the replications that have a value, and NaN only when none has.
  std::vector<std::span<const double>> by_replication;
  for (std::size_t r = 0; r < replications; ++r) by_replication.push_back(a.block({r}));
  std::vector<double> column;
  column.reserve(replications);
  for (std::size_t cell = 0; cell < cells; ++cell) {
    column.clear();
    double sum = 0.0;
    for (const auto replication : by_replication) {
      const double x = replication[cell];
      if (std::isnan(x)) continue;
      column.push_back(x);
      sum += x;
    }
    if (column.empty()) {
      s.mean.values[cell] = s.low95.values[cell] = s.high95.values[cell] = std::nan("");
      continue;
    }
    s.mean.values[cell] = sum / static_cast<double>(column.size());
    std::sort(column.begin(), column.end());
    s.low95.values[cell] = type7_quantile(column, 0.025);
    s.high95.values[cell] = type7_quantile(column, 0.975);
  }
  return s;
}

}  // namespace labsim::results
