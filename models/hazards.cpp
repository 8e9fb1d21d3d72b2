// Integrals of piecewise-constant hazards: over bands in normal times, and (Model::time_to_exit) over bands
// and business-cycle months until an exponential draw is used up.
#include "models/hazards.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/model.hpp"
#include "models/rules/exits.hpp"

namespace labsim::models {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

double cumulative_hazard(const CompiledState& s, std::uint8_t group, double duration_days) {
  const std::size_t bands = s.bands();
  double h = 0;
  for (std::size_t b = 0; b < bands && s.band_start_days[b] < duration_days; ++b) {
    const double end = b + 1 < bands ? std::min(s.band_start_days[b + 1], duration_days) : duration_days;
    h += s.normal_hazard_per_day[group * bands + b] * (end - s.band_start_days[b]);
  }
  return h;
}

double risk_of_long_spell(const CompiledState& s, std::uint8_t group, double duration_days,
                          double long_days) {
  if (duration_days >= long_days) return 1.0;
  return std::exp(-(cumulative_hazard(s, group, long_days) - cumulative_hazard(s, group, duration_days)));
}

std::optional<double> Model::time_to_exit(StateIndex state, std::uint8_t group, double now,
                                          double duration_days, double job_multiplier,
                                          double other_multiplier, double exponential_draw) const {
  const CompiledState& s = states_[state];
  const std::size_t bands = s.bands();
  double remaining = exponential_draw;
  double d = duration_days;
  double t = now;
  std::size_t b = rules::band_at(s, d);
  const double horizon = calendar_.horizon().value;
  for (;;) {
    const std::size_t slot = cycle_slot(t);
    const double rate =
        rules::exit_rate_per_day(s, rules::hazard_cell(s, slot, group, b), job_multiplier, other_multiplier);
    const double band_end = b + 1 < bands ? s.band_start_days[b + 1] : kInfinity;
    // With a business cycle the rate also changes at each month end; beyond the horizon nothing matters.
    const double to_band_end = band_end - d;
    double to_month_end = kInfinity;
    if (cycle_slots_ > 1) {
      if (t >= horizon) return std::nullopt;
      to_month_end = calendar_.month_end(static_cast<int>(slot)).value - t;
    }
    const double segment = std::min(to_band_end, to_month_end);
    if (rate > 0) {
      const double needed = remaining / rate;
      if (needed < segment) return t + needed - now;
      remaining -= rate * segment;
    }
    if (segment == kInfinity) return std::nullopt;
    // Land exactly on the boundary, so that rounding never leaves a sliver of the old band or month.
    if (to_band_end <= to_month_end) {
      t += to_band_end;
      d = band_end;
      ++b;
    } else {
      t = calendar_.month_end(static_cast<int>(slot)).value;
      d += to_month_end;
    }
  }
}

}  // namespace labsim::models
