// The compiled benefit states and offers as plain data: follow-up policies, deadlines, benefit limits and
// hazard tables in days, and offer parameters - what the rules (models/rules/) and hazards read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/person_group.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models {

using StateIndex = std::uint8_t;
using OfferIndex = std::uint8_t;

inline constexpr OfferIndex kNoOffer = 0xFF;
inline constexpr StateIndex kNoState = 0xFF;

// One competing exit from a state.
struct Exit {
  StateIndex to = 0;
  bool job_finding = false;
};

// A follow-up policy in days and cumulative offer shares.
struct CompiledPolicy {
  double first_interview_days = kNoDeadline;
  double first_interview_spread_days = 0;
  double interview_every_days = kNoDeadline;
  double cadence_until_days = kNoDeadline;
  double later_interview_every_days = kNoDeadline;  // the normal policy's cadence, after cadence_until_days
  double offer_probability = 0;
  std::vector<double> offer_cumulative_share;  // per offer, cumulative and normalised to end at 1
  std::array<double, 2> first_offer_days{kNoDeadline, kNoDeadline};  // by age band
  double deadline_compliance = 1;
  double interview_multiplier = 1;
  double interview_effect_days = 0;
  bool risk_targeted = false;
  double risk_threshold = 0.5;
  double long_spell_days = kNoDeadline;
  double high_risk_every_days = kNoDeadline;
  double low_risk_every_days = kNoDeadline;
};

struct CompiledLimit {
  double max_days = kNoDeadline;
  std::vector<double> to_cumulative_share;  // per state, cumulative and normalised to end at 1
  double extension_share = 0;
  double extension_days = 0;
  bool has_old_rule = false;
  double old_rule_until_day = 0;  // relative to the run's first day; may be negative
  double old_max_days = 0;
  double old_rule_ends_day = 0;
};

struct CompiledState {
  bool absorbing = false;
  bool on_support = true;
  bool permanent_support = false;
  std::size_t benefit_group = 0;  // index into Model::benefit_groups()
  bool has_follow_up = false;
  // By Policy; only those the scenario defines are set. Who gets which is resolved by the compiler
  // (CompiledJobcentre::policy_slot, CompiledCohort::policy_slot).
  std::array<CompiledPolicy, kPolicyCount> policies{};
  std::array<bool, kPolicyCount> has_policy{};
  double other_actor_days = 0;
  CompiledPolicy other_actor{};
  std::array<double, 2> legal_first_interview_days{kNoDeadline, kNoDeadline};  // by age band
  std::array<double, 2> legal_first_offer_days{kNoDeadline, kNoDeadline};      // by age band
  double exempt_share = 0;
  double exempt_job_multiplier = 1;
  double exempt_other_multiplier = 1;
  std::optional<CompiledLimit> limit;

  std::vector<double> band_start_days;  // start of each hazard band in spell duration
  std::vector<Exit> exits;
  std::size_t cycle_slots = 1;  // business-cycle slots of the tables below: one per month, or one
  // Hazard per day, indexed [(group * bands + band) * exits + exit], with covariate effects applied.
  std::vector<double> exit_hazard_per_day;
  // Business-cycle factor per [cycle slot][exit].
  std::vector<double> exit_cycle_factor;
  // Sums over exits per [(slot * groups + group) * bands + band]: the job-finding part and the rest, so that
  // offers and person attributes can scale the first.
  std::vector<double> job_hazard_per_day;
  std::vector<double> other_hazard_per_day;
  // All exits together per [group * bands + band], in normal times (index 1): for predictions.
  std::vector<double> normal_hazard_per_day;

  [[nodiscard]] std::size_t bands() const { return band_start_days.size(); }
  // Public support that counts towards the labour reserve: every benefit except permanent support, which has
  // its own target.
  [[nodiscard]] bool temporary_support() const { return on_support && !permanent_support; }
};

struct CompiledOffer {
  double duration_days = 0;
  double step_days = 0;  // duration_days, or one step of a partial return
  double lock_in_multiplier = 1;
  double post_multiplier = 1;
  double post_days = 0;
  double cost_dkk_per_day = 0;
  bool company_based = false;
  bool activation = true;
  bool add_on = false;
  double add_on_share = 0;
  std::vector<double> hours_steps;  // partial return: hours share per step; empty for other offers
  double relapse_probability = 0;
  StateIndex completion_state = kNoState;

  [[nodiscard]] std::size_t steps() const { return hours_steps.empty() ? 1 : hours_steps.size(); }
};

}  // namespace labsim::models
