// The competing-risk choice of an exit.
#include "models/rules/exits.hpp"

namespace labsim::models::rules {

Exit choose_exit(const CompiledState& s, std::size_t slot, std::uint8_t group, std::size_t band,
                 double job_multiplier, double other_multiplier, double uniform_draw) {
  double target = uniform_draw *
                  exit_rate_per_day(s, hazard_cell(s, slot, group, band), job_multiplier, other_multiplier);
  std::size_t possible = 0;
  for (std::size_t e = 0; e < s.exits.size(); ++e) {
    const double h = exit_hazard_per_day(s, slot, group, band, e) *
                     (s.exits[e].job_finding ? job_multiplier : other_multiplier);
    if (h <= 0) continue;
    possible = e;
    target -= h;
    if (target < 0) break;
  }
  return s.exits[possible];
}

}  // namespace labsim::models::rules
