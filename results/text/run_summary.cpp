// Summary table of a run: mean and 95% interval over replications of region totals, with units.
#include "results/text/run_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "results/stats/region_series.hpp"
#include "results/text/numbers.hpp"

namespace labsim::results {

namespace {

std::string with_interval(double mean, double low, double high) {
  return fmt::format("{:>9} [{}–{}]", with_thousands(mean), with_thousands(low), with_thousands(high));
}

}  // namespace

std::string format_run_summary(const RunOutput& out, const RunFacts& facts) {
  const auto& months = out.dimension("month").labels;
  const auto& states = out.dimension("state").labels;
  const auto& offers = out.dimension("offer").labels;

  std::string s =
      fmt::format("{}: {} jobcentres, {} replication{}, scale {}\n", facts.scenario_name, facts.jobcentres,
                  facts.replications, facts.replications == 1 ? "" : "s", facts.scale);
  s += fmt::format("\nFull-time persons in the region, mean [95% interval over replications]\n");
  s += fmt::format("{:<22} {:>26} {:>26} {:>8}\n", "benefit state", months.front(), months.back(), "change");
  for (const auto& state : states) {
    const Band stock = band_over_replications(monthly_totals(out, "stock", {{"state", state}}));
    const double a = stock.mean.front(), b = stock.mean.back();
    const std::string change = (b >= a ? "+" : "") + with_thousands(b - a);
    s += fmt::format("{:<22} {:>26} {:>26} {:>8}\n", state,
                     with_interval(a, stock.low95.front(), stock.high95.front()),
                     with_interval(b, stock.low95.back(), stock.high95.back()), change);
  }

  const double years = static_cast<double>(months.size()) / 12.0;
  s += fmt::format("\nActivation offers started per year in the region, mean [95% interval]\n");
  for (const auto& offer : offers) {
    const Band started =
        band_over_replications(whole_horizon(monthly_totals(out, "offer_starts", {{"offer", offer}})));
    s += fmt::format(
        "{:<22} {:>26}\n", offer,
        with_interval(started.mean[0] / years, started.low95[0] / years, started.high95[0] / years));
  }
  const double rate = facts.seconds > 0 ? static_cast<double>(facts.events) / facts.seconds : 0.0;
  s += fmt::format("\nSimulated {} persons and {} events in {:.2f} s ({:.1f} million events/s)\n",
                   with_thousands(static_cast<double>(facts.persons)),
                   with_thousands(static_cast<double>(facts.events)), facts.seconds, rate / 1e6);
  return s;
}

}  // namespace labsim::results
