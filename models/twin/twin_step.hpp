// What one time step of the Markov twin does to a cohort: its survival, exits by destination, flows,
// person-days, offer occupancy and timeliness, all in expectation.
//
// Within a step a cohort's hazards are constant between split points (band boundaries, benefit limits, the
// labour-reserve threshold), so survival, person-time, exits by destination and flows are integrated exactly
// there. Exits by hazard leave a cohort in proportion to each exit's hazard, which depends on the cohort only
// through (state, group, band) and its multipliers on job finding and the rest. So a step's exits are summed
// per (state, group, band, support class) as persons per unit hazard, and shared out to exits once: per
// cohort, only two numbers are added instead of entering every exit.
#pragma once

#include <cstddef>

#include "models/counts/monthly_counts.hpp"
#include "models/twin/twin_cohorts.hpp"
#include "models/twin/twin_inputs.hpp"
#include "models/twin/twin_table.hpp"

namespace labsim::models::twin {

// Persons leaving by hazard, per unit of hazard.
struct Leaving {
  double job = 0, other = 0;                      // persons leaving per unit of job-finding / other hazard
  double job_long_from = 0, other_long_from = 0;  // the same weighted by when they join the labour reserve
  [[nodiscard]] bool empty() const { return job == 0 && other == 0; }
};

class TwinStep {
 public:
  // Counts into `out`; profiles run over `profile_steps` steps.
  TwinStep(const JobcentreInputs& in, std::size_t profile_steps, MonthlyCounts& out);

  // The step about to be taken starts at `step_start`.
  void begin(double step_start) { step_start_ = step_start; }

  // Moves cohort c on over [from, to) in month m: stretch by stretch of constant hazards, reaching benefit
  // limits on the way (those leaving then enter `into`).
  void advance(Cohort& c, double from, double to, std::size_t m, Entries& into);

  // One stretch [t, end) of constant hazards: counts the cohort's person-days, exits and timeliness, and
  // leaves the survivors. Returns the share of the cohort that survives.
  double segment(Cohort& c, double t, double end, std::size_t m);

  // Exits by hazard and completed offers summed since the last call, shared out to their destinations (as
  // flows in month m and entries into `into`).
  void share_out_leaving(std::size_t m, Entries& into);

  // Person-days spent at each profile step in month m, shared out to offers by the profile's occupancy.
  void count_offers(std::size_t m);

 private:
  const JobcentreInputs& in_;
  const StateRules* rules_;  // in_.rules, one load nearer
  MonthlyCounts& out_;
  std::size_t max_bands_;
  double horizon_;
  SparseSums<Leaving, TwinAxis::state, TwinAxis::group, TwinAxis::band, TwinAxis::support_class> leaving_;
  // Offers that end as planned, likewise summed.
  SparseSums<Entry, TwinAxis::state, TwinAxis::group, TwinAxis::completion_state, TwinAxis::support_class>
      completing_;
  Table<double, TwinAxis::profile_slot, TwinAxis::profile_step> profile_days_;  // person-days this month
  double step_start_ = 0;
  // The last segment's survival: cohorts next to each other often share rate and length (exp is a good part
  // of a segment's cost).
  double last_rate_ = 0, last_length_ = 0, last_survival_ = 1, last_days_per_person_ = 0;  // rate 0, length 0
};

}  // namespace labsim::models::twin
