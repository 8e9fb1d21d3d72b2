// Payment by results for a programme's target group: a grant whose results share is paid only if the group
// meets its placement goal, and a bonus per job.
#pragma once

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// Whether a month with `placed_percent` of the group placed (cohort_placed_share) meets the grant's goal; a
// month without members (NaN) does not.
inline bool grant_goal_met(const Grant& grant, double placed_percent) {
  return placed_percent >= grant.goal_percent;
}

// What the grant pays: its fixed part, and its results share when the goal is met.
inline double grant_paid_dkk(const Grant& grant, bool goal_met) {
  return grant.amount_dkk * (1 - grant.results_share) +
         (goal_met ? grant.amount_dkk * grant.results_share : 0);
}

}  // namespace labsim::models
