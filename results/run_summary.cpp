// Summary table of a run: mean and 95% interval over replications of region totals, with units.
#include "results/run_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "results/chart_axes.hpp"
#include "results/summary.hpp"

namespace labsim::results {

namespace {

// Sums `a` over every dimension except replication, `keep` and (if `month` is set) restricted to one month.
// Returns [replication][keep].
LabelledArray region_total(const LabelledArray& a, const RunOutput& out, const std::string& keep,
                           std::optional<std::size_t> month) {
  std::vector<std::size_t> sizes;
  for (const auto& d : a.dims) sizes.push_back(out.dimension(d).size());
  const auto axis_of = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(a.dims.begin(), a.dims.end(), name) - a.dims.begin());
  };
  const std::size_t keep_axis = axis_of(keep), month_axis = axis_of("month");
  LabelledArray total;
  total.dims = {"replication", keep};
  total.values.assign(sizes[0] * sizes[keep_axis], 0.0);
  std::vector<std::size_t> index(sizes.size(), 0);
  for (double v : a.values) {
    if (!month || index[month_axis] == *month)
      total.values[index[0] * sizes[keep_axis] + index[keep_axis]] += v;
    for (std::size_t k = sizes.size(); k-- > 0;) {
      if (++index[k] < sizes[k]) break;
      index[k] = 0;
    }
  }
  return total;
}

std::string with_interval(double mean, double low, double high) {
  return fmt::format("{:>9} [{}–{}]", with_thousands(mean), with_thousands(low), with_thousands(high));
}

}  // namespace

std::string with_thousands(double value) {
  return chart::with_separators(std::to_string(std::llround(value)));
}

std::string format_run_summary(const RunOutput& out, const RunFacts& facts) {
  const auto& months = out.dimension("month").labels;
  const auto& states = out.dimension("state").labels;
  const auto& offers = out.dimension("offer").labels;
  const auto R = static_cast<std::size_t>(facts.replications);
  const LabelledArray& stock = out.array("stock");
  const Summary first = summarise_over_replications(region_total(stock, out, "state", 0), R);
  const Summary last = summarise_over_replications(region_total(stock, out, "state", months.size() - 1), R);

  std::string s =
      fmt::format("{}: {} jobcentres, {} replication{}, scale {}\n", facts.scenario_name, facts.jobcentres,
                  facts.replications, facts.replications == 1 ? "" : "s", facts.scale);
  s += fmt::format("\nFull-time persons in the region, mean [95% interval over replications]\n");
  s += fmt::format("{:<22} {:>26} {:>26} {:>8}\n", "benefit state", months.front(), months.back(), "change");
  for (std::size_t i = 0; i < states.size(); ++i) {
    const double a = first.mean.values[i], b = last.mean.values[i];
    const std::string change = (b >= a ? "+" : "") + with_thousands(b - a);
    s += fmt::format("{:<22} {:>26} {:>26} {:>8}\n", states[i],
                     with_interval(a, first.low95.values[i], first.high95.values[i]),
                     with_interval(b, last.low95.values[i], last.high95.values[i]), change);
  }

  const Summary started =
      summarise_over_replications(region_total(out.array("offer_starts"), out, "offer", std::nullopt), R);
  const double years = static_cast<double>(months.size()) / 12.0;
  s += fmt::format("\nActivation offers started per year in the region, mean [95% interval]\n");
  for (std::size_t o = 0; o < offers.size(); ++o) {
    s += fmt::format("{:<22} {:>26}\n", offers[o],
                     with_interval(started.mean.values[o] / years, started.low95.values[o] / years,
                                   started.high95.values[o] / years));
  }
  const double rate = facts.seconds > 0 ? static_cast<double>(facts.events) / facts.seconds : 0.0;
  s += fmt::format("\nSimulated {} persons and {} events in {:.2f} s ({:.1f} million events/s)\n",
                   with_thousands(static_cast<double>(facts.persons)),
                   with_thousands(static_cast<double>(facts.events)), facts.seconds, rate / 1e6);
  return s;
}

}  // namespace labsim::results
