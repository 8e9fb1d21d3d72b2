// Follow-up: which compiled programme follows a person up (resolved by the compiler), which step of it and
// who is active at a spell duration (other actors for the first weeks, then the jobcentre), the interview
// cadence, and the practice deadline for a first offer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/compiled.hpp"
#include "models/hazards.hpp"
#include "models/rules/age_band.hpp"

namespace labsim::models::rules {

// For the compiler: the slot of state.programmes that persons given policy `requested` get - that policy
// when the state defines it, else the normal one. Every policy table holds resolved slots, so nothing falls
// back per event.
inline std::uint8_t resolve_policy(const CompiledState& state, Policy requested) {
  const auto index = static_cast<std::uint8_t>(requested);
  return state.has_policy[index] ? index : static_cast<std::uint8_t>(Policy::normal);
}

// The programme that follows up persons in state `s` outside a trial; `policy_slot` is their table of
// resolved slots by state: their cohort's (CompiledCohort::policy_slot), or their jobcentre's for persons in
// no cohort.
inline const CompiledProgramme& follow_up_programme(const CompiledState& state,
                                                    const std::vector<std::uint8_t>& policy_slot,
                                                    StateIndex s) {
  return state.programmes[policy_slot[s]];
}

// The day a step's window closes, for a spell that began on `spell_start_day` and a step that began on
// `step_start_day` (kNoDeadline when it has none).
inline double window_end_day(const CompiledStep& step, double spell_start_day, double step_start_day) {
  return std::min(spell_start_day + step.until_days, step_start_day + step.for_days);
}

// Where windows alone take a spell in `programme` by duration `duration_days`: the step, and the spell
// duration at which it began. A spell starts in step 0; for programmes that do not keep positions this is
// where everybody is.
struct StepPosition {
  StepIndex step = 0;
  double step_start_days = 0;
};
inline StepPosition position_at(const CompiledProgramme& programme, double duration_days) {
  StepPosition at;
  // A chain of windows is at most as long as the programme, unless it loops through steps with for_days
  // (which the loader checks make progress); the bound keeps a bad table from hanging.
  for (std::size_t hops = 0; hops < kMaxSteps * kMaxSteps; ++hops) {
    const CompiledStep& s = programme.steps[at.step];
    const double end = window_end_day(s, 0.0, at.step_start_days);
    if (s.then == kNoStep || duration_days < end) return at;
    at = {s.then, end};
  }
  return at;
}

// The step of `programme` at spell duration `duration_days` (rules::position_at).
inline StepIndex step_at(const CompiledProgramme& programme, double duration_days) {
  return position_at(programme, duration_days).step;
}

// The policy of the step at spell duration `duration_days` (rules::step_at).
inline const CompiledPolicy& policy_at(const CompiledProgramme& programme, double duration_days) {
  return programme.steps[step_at(programme, duration_days)].policy;
}

// Whether other actors follow a spell up at `duration_days`: its first weeks, unless the person's trial arm
// says they do not (participants are then followed up by the jobcentre as their arm prescribes, from the
// first day).
inline bool followed_by_other_actor(const CompiledState& state, double duration_days,
                                    bool other_actors_follow) {
  return duration_days < state.other_actor_days && other_actors_follow;
}

// The policy active at `duration_days`: the other actors' during the first weeks, else `own` (the policy
// of the person's current step).
inline const CompiledPolicy& active_policy(const CompiledState& state, const CompiledPolicy& own,
                                           double duration_days, bool other_actors_follow) {
  return followed_by_other_actor(state, duration_days, other_actors_follow)
             ? policy_at(state.other_actor, duration_days)
             : own;
}

// Days from an interview at spell duration `duration_days` to the next. A risk-targeted policy follows the
// predicted risk that the spell becomes long; the others keep their step's cadence.
inline double interview_interval(const CompiledState& state, std::uint8_t group, const CompiledPolicy& policy,
                                 double duration_days) {
  if (policy.risk_targeted) {
    const double risk = risk_of_long_spell(state, group, duration_days, policy.long_spell_days);
    return risk >= policy.risk_threshold ? policy.high_risk_every_days : policy.low_risk_every_days;
  }
  return policy.interview_every_days;
}

// The practice deadline: the spell duration by which a person without an offer gets one (kNoDeadline when
// the policy sets none for the age band).
inline double first_offer_deadline_days(const CompiledPolicy& policy, std::uint8_t group) {
  return policy.first_offer_days[age_band(group)];
}

// Whether a spell of duration `duration_days` is still before the practice deadline.
inline bool before_first_offer_deadline(const CompiledPolicy& policy, std::uint8_t group,
                                        double duration_days) {
  return duration_days < first_offer_deadline_days(policy, group);
}

}  // namespace labsim::models::rules
