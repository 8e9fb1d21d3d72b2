// The outcomes a trial measures per participant, named as the results and the [trial.outcomes] table name
// them.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

enum class TrialOutcomeKind : std::uint8_t {
  self_sufficient_at,
  weeks_on_benefit,
  partial_return,
  recovered_unemployed,
  in_state_at
};

struct TrialOutcomeDef {
  std::string name;         // e.g. "self_sufficient_week_26"
  std::string description;  // one line for people
  TrialOutcomeKind kind = TrialOutcomeKind::self_sufficient_at;
  std::size_t checkpoint =
      0;                  // for self_sufficient_at and in_state_at: index into TrialSpec::checkpoint_weeks
  bool share = true;      // a 0/1 outcome reported as a percent; otherwise weeks
  std::size_t state = 0;  // for in_state_at: index into Scenario::states
  // Reported by every trial; the others (in_STATE_week_N) only when chosen, e.g. as the primary outcome.
  bool standard = true;
};

// Every outcome a trial can measure, the standard ones first: self-sufficiency at each checkpoint and weeks
// on benefit always; a partial return to work when some offer has hours_steps; recovered but unemployed when
// the trial names unemployed_states. Then, for every state and checkpoint, "in_STATE_week_N": in that state N
// weeks after the spell began (not standard).
std::vector<TrialOutcomeDef> trial_outcomes(const TrialSpec& trial, const std::vector<StateSpec>& states,
                                            const std::vector<OfferSpec>& offers);

// The outcomes a trial's results report: the standard ones, and those of `chosen` (names, e.g. the primary
// outcome) that are not standard, in the order of trial_outcomes(). Names that are no outcome are ignored.
std::vector<TrialOutcomeDef> reported_trial_outcomes(const TrialSpec& trial,
                                                     const std::vector<StateSpec>& states,
                                                     const std::vector<OfferSpec>& offers,
                                                     const std::vector<std::string>& chosen);

}  // namespace labsim::models
