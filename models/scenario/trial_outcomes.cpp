// Which outcomes a trial has, and what they are called.
#include "models/scenario/trial_outcomes.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace labsim::models {

std::vector<TrialOutcomeDef> trial_outcomes(const TrialSpec& trial, const std::vector<StateSpec>& states,
                                            const std::vector<OfferSpec>& offers) {
  std::vector<TrialOutcomeDef> out;
  for (std::size_t c = 0; c < trial.checkpoint_weeks.size(); ++c) {
    const double w = trial.checkpoint_weeks[c];
    out.push_back({fmt::format("self_sufficient_week_{}", w),
                   fmt::format("self-sufficient {} weeks after the spell began", w),
                   TrialOutcomeKind::self_sufficient_at, c, true});
  }
  out.push_back({"weeks_on_benefit",
                 fmt::format("weeks on public support within {} weeks", trial.horizon_weeks),
                 TrialOutcomeKind::weeks_on_benefit, 0, false});
  if (std::any_of(offers.begin(), offers.end(), [](const OfferSpec& o) { return !o.hours_steps.empty(); })) {
    out.push_back({"partial_return", "started a partial return to work within the horizon",
                   TrialOutcomeKind::partial_return, 0, true});
  }
  if (!trial.unemployed_states.empty()) {
    out.push_back({"recovered_unemployed", "the spell ended in unemployment (recovered, but without a job)",
                   TrialOutcomeKind::recovered_unemployed, 0, true});
  }
  for (std::size_t s = 0; s < states.size(); ++s) {
    for (std::size_t c = 0; c < trial.checkpoint_weeks.size(); ++c) {
      const double w = trial.checkpoint_weeks[c];
      out.push_back({fmt::format("in_{}_week_{}", states[s].name, w),
                     fmt::format("in {} {} weeks after the spell began", states[s].name, w),
                     TrialOutcomeKind::in_state_at, c, true, s, false});
    }
  }
  return out;
}

std::vector<TrialOutcomeDef> reported_trial_outcomes(const TrialSpec& trial,
                                                     const std::vector<StateSpec>& states,
                                                     const std::vector<OfferSpec>& offers,
                                                     const std::vector<std::string>& chosen) {
  std::vector<TrialOutcomeDef> out;
  for (TrialOutcomeDef& o : trial_outcomes(trial, states, offers)) {
    if (o.standard || std::find(chosen.begin(), chosen.end(), o.name) != chosen.end())
      out.push_back(std::move(o));
  }
  return out;
}

}  // namespace labsim::models
