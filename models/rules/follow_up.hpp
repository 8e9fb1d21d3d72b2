// Follow-up: which compiled policy follows a person up (resolved by the compiler), who is active at a spell
// duration (other actors for the first weeks, then the jobcentre), the interview cadence, and the practice
// deadline for a first offer.
#pragma once

#include <cstdint>
#include <vector>

#include "models/compiled.hpp"
#include "models/hazards.hpp"
#include "models/rules/age_band.hpp"

namespace labsim::models::rules {

// For the compiler: the slot of state.policies that persons given policy `requested` get - that policy when
// the state defines it, else the normal one. Every policy table holds resolved slots, so nothing falls back
// per event.
inline std::uint8_t resolve_policy(const CompiledState& state, Policy requested) {
  const auto index = static_cast<std::uint8_t>(requested);
  return state.has_policy[index] ? index : static_cast<std::uint8_t>(Policy::normal);
}

// The policy that follows up persons in state `s` outside a trial; `policy_slot` is their table of resolved
// slots by state: their cohort's (CompiledCohort::policy_slot), or their jobcentre's for persons in no
// cohort.
inline const CompiledPolicy& follow_up_policy(const CompiledState& state,
                                              const std::vector<std::uint8_t>& policy_slot, StateIndex s) {
  return state.policies[policy_slot[s]];
}

// Whether other actors follow a spell up at `duration_days`: its first weeks, unless a trial enrolled the
// spell (participants are followed up by the jobcentre as their arm prescribes, from the first day).
inline bool followed_by_other_actor(const CompiledState& state, double duration_days, bool in_trial) {
  return duration_days < state.other_actor_days && !in_trial;
}

// The policy active at `duration_days`: the other actors' during the first weeks, else `own` (the
// person's follow-up policy, or their trial arm's).
inline const CompiledPolicy& active_policy(const CompiledState& state, const CompiledPolicy& own,
                                           double duration_days, bool in_trial) {
  return followed_by_other_actor(state, duration_days, in_trial) ? state.other_actor : own;
}

// Days from an interview at spell duration `duration_days` to the next. A risk-targeted policy follows the
// predicted risk that the spell becomes long; the others keep their cadence until cadence_until_days, then
// the normal policy's.
inline double interview_interval(const CompiledState& state, std::uint8_t group, const CompiledPolicy& policy,
                                 double duration_days) {
  if (policy.risk_targeted) {
    const double risk = risk_of_long_spell(state, group, duration_days, policy.long_spell_days);
    return risk >= policy.risk_threshold ? policy.high_risk_every_days : policy.low_risk_every_days;
  }
  return duration_days >= policy.cadence_until_days ? policy.later_interview_every_days
                                                    : policy.interview_every_days;
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
