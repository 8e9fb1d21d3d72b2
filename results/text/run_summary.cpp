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

// Pools with limited capacity: contacts asked per year, the share of slots taken and the mean wait per
// contact, over the whole region and horizon; empty when every pool is unlimited.
std::string capacity_summary(const RunOutput& out, double years) {
  if (!out.has_array("capacity_slots")) return {};
  const auto& pools = out.dimension("pool").labels;
  const AxesView<4> slots(out.array("capacity_slots"), {"replication", "month", "jobcentre", "pool"});
  const AxesView<4> utilisation(out.array("capacity_utilisation"),
                                {"replication", "month", "jobcentre", "pool"});
  const AxesView<4> wait(out.array("capacity_wait_weeks"), {"replication", "month", "jobcentre", "pool"});
  const AxesView<4> contacts(out.array("capacity_contacts"), {"replication", "month", "jobcentre", "pool"});
  std::string s;
  for (std::size_t k = 0; k < pools.size(); ++k) {
    double slot_total = 0, used = 0, waited = 0, asked = 0;
    for (std::size_t r = 0; r < slots.extent(0); ++r) {
      for (std::size_t m = 0; m < slots.extent(1); ++m) {
        for (std::size_t j = 0; j < slots.extent(2); ++j) {
          slot_total += slots(r, m, j, k);
          used += utilisation(r, m, j, k) / 100 * slots(r, m, j, k);
          waited += wait(r, m, j, k) * contacts(r, m, j, k);
          asked += contacts(r, m, j, k);
        }
      }
    }
    if (!(slot_total > 0)) continue;
    if (s.empty()) {
      s = fmt::format("\nCapacity in the region, mean over replications\n{:<22} {:>16} {:>12} {:>12}\n",
                      "pool", "contacts/year", "slots taken", "mean wait");
    }
    const double replications = static_cast<double>(slots.extent(0));
    s += fmt::format("{:<22} {:>16} {:>11.0f}% {:>6.1f} weeks\n", pools[k],
                     with_thousands(asked / replications / years), 100 * used / slot_total,
                     asked > 0 ? waited / asked : 0.0);
  }
  return s;
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
  s += capacity_summary(out, years);
  const double rate = facts.seconds > 0 ? static_cast<double>(facts.events) / facts.seconds : 0.0;
  s += fmt::format("\nSimulated {} persons and {} events in {:.2f} s ({:.1f} million events/s)\n",
                   with_thousands(static_cast<double>(facts.persons)),
                   with_thousands(static_cast<double>(facts.events)), facts.seconds, rate / 1e6);
  return s;
}

}  // namespace labsim::results
