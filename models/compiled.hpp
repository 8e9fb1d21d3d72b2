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

using StepIndex = std::uint8_t;
inline constexpr StepIndex kNoStep = 0xFF;

// What happens in one step of a programme, in days and cumulative offer shares.
struct CompiledPolicy {
  double first_interview_days = kNoDeadline;  // after the spell (first step) or the step begins
  double first_interview_spread_days = 0;
  double interview_every_days = kNoDeadline;
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
  std::uint8_t contact_form = 0;  // index into Model::contact_forms(); 0 is the individual interview
};

// One step of a programme: its follow-up, its window, and the steps that follow its window and its events.
struct CompiledStep {
  CompiledPolicy policy{};
  double until_days = kNoDeadline;  // the window closes at this spell duration...
  double for_days = kNoDeadline;    // ... or this long after the step began
  StepIndex then = kNoStep;         // after the window; kNoStep: the step lasts
  std::array<StepIndex, kStepEvents> on{kNoStep, kNoStep, kNoStep};  // by StepEvent
  bool books_first_contact = false;  // entering the step books a contact first_interview_days later
  bool sets_offer_deadline = false;  // only offers started since the step began meet its deadline
  double repeat_offer_within_days = kNoDeadline;
  double job_multiplier = 1;  // on job finding while in the step
};

// A follow-up policy as steps on the spell's clock. Step 0 begins with the spell.
struct CompiledProgramme {
  std::vector<CompiledStep> steps;
  // Whether a person's step depends on more than the spell's duration (events, windows counted from a
  // step's start, contacts or deadlines set on entry, repeated activation): the simulator then keeps each
  // participant's step; otherwise the step is a function of spell duration (rules::step_at).
  bool keeps_position = false;
  // Whether some step multiplies job finding (CompiledStep::job_multiplier != 1): only then does the event
  // handler look up the person's step for it.
  bool step_multipliers = false;
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
  // The first kPolicyCount by Policy (only those the scenario defines are set), then the scenario's
  // programmes for this state in file order. Who gets which is resolved by the compiler
  // (CompiledJobcentre::policy_slot, CompiledCohort::policy_slot).
  std::vector<CompiledProgramme> programmes;
  std::array<bool, kPolicyCount> has_policy{};
  double other_actor_days = 0;
  CompiledProgramme other_actor{};
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
  // Eligibility (always true for an offer without restrictions).
  double min_spell_days = 0;
  double max_spell_days = kNoDeadline;
  std::array<bool, 2> age_band{true, true};  // by rules::age_band
  std::vector<std::uint8_t> in_state;        // per state: 1 where it may be given
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

// A way of holding contacts and the capacity pool it uses.
struct CompiledContactForm {
  std::uint8_t pool = kUnlimitedPool;
  double cost_dkk = 0;
  double slot_share = 1;  // of one slot per person: 1 / persons_per_contact
  static constexpr std::uint8_t kUnlimitedPool = 0xFF;
};

}  // namespace labsim::models
