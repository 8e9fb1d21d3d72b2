// Competing exits from a state: which hazard band and business-cycle slot apply, the exit rates there with
// the multipliers on job finding and on the rest, and which exit happens.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "models/compiled.hpp"

namespace labsim::models::rules {

// The hazard band of spell duration `duration_days`: the last one starting at or before it, searched from
// `from_band` (a band at or before it, for callers that move forward through a spell).
inline std::size_t band_at(const CompiledState& s, double duration_days, std::size_t from_band = 0) {
  std::size_t b = from_band;
  while (b + 1 < s.bands() && s.band_start_days[b + 1] <= duration_days) ++b;
  return b;
}

// The business-cycle slot of calendar month `month`: the month itself, or the one slot without a cycle.
inline std::size_t cycle_slot(const CompiledState& s, std::size_t month) {
  return std::min(month, s.cycle_slots - 1);
}

// The index of (cycle slot, group, band) in the state's summed tables (job_hazard_per_day,
// other_hazard_per_day).
inline std::size_t hazard_cell(const CompiledState& s, std::size_t slot, std::uint8_t group,
                               std::size_t band) {
  return (slot * kGroupCount + group) * s.bands() + band;
}

// All exits together, per day, at a cell.
inline double exit_rate_per_day(const CompiledState& s, std::size_t cell, double job_multiplier,
                                double other_multiplier) {
  return other_multiplier * s.other_hazard_per_day[cell] + job_multiplier * s.job_hazard_per_day[cell];
}

// Exit e's own hazard per day, before the multipliers on job finding or the rest.
inline double exit_hazard_per_day(const CompiledState& s, std::size_t slot, std::uint8_t group,
                                  std::size_t band, std::size_t e) {
  const std::size_t exits = s.exits.size();
  return s.exit_hazard_per_day[(group * s.bands() + band) * exits + e] *
         s.exit_cycle_factor[slot * exits + e];
}

// The exit a uniform draw picks, in proportion to the exits' hazards with their multipliers. Rounding can
// leave the draw a hair beyond the last exit: then the last possible one.
Exit choose_exit(const CompiledState& s, std::size_t slot, std::uint8_t group, std::size_t band,
                 double job_multiplier, double other_multiplier, double uniform_draw);

}  // namespace labsim::models::rules
