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
  recovered_unemployed
};

struct TrialOutcomeDef {
  std::string name;         // e.g. "self_sufficient_week_26"
  std::string description;  // one line for people
  TrialOutcomeKind kind = TrialOutcomeKind::self_sufficient_at;
  std::size_t checkpoint = 0;  // for self_sufficient_at: index into TrialSpec::checkpoint_weeks
  bool share = true;           // a 0/1 outcome reported as a percent; otherwise weeks
};

// Self-sufficiency at each checkpoint and weeks on benefit always; a partial return to work when some offer
// has hours_steps; recovered but unemployed when the trial names unemployed_states.
std::vector<TrialOutcomeDef> trial_outcomes(const TrialSpec& trial, const std::vector<OfferSpec>& offers);

}  // namespace labsim::models
