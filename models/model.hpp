// The compiled model: a validated scenario turned into flat tables the event handler reads per event.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/person_group.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/calendar.hpp"

namespace labsim::models {

using StateIndex = std::uint8_t;
using OfferIndex = std::uint8_t;

inline constexpr OfferIndex kNoOffer = 0xFF;
inline constexpr StateIndex kNoState = 0xFF;

// National definitions behind the indicators.
inline constexpr double kLabourReserveAfterMonths = 3;  // continuous public support before a person counts
inline constexpr double kLabourReserveAfterDays = kLabourReserveAfterMonths * sim::kDaysPerMonth;
inline constexpr double kKeptInJobsMonths = 6;  // still off support this long after a job start

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
  std::array<double, 2> first_offer_days{kNoDeadline, kNoDeadline};  // [under 30, 30 and over]
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
  std::array<CompiledPolicy, kPolicyCount> policies{};  // by Policy; only those the scenario defines are set
  std::array<bool, kPolicyCount> has_policy{};
  double other_actor_days = 0;
  CompiledPolicy other_actor{};
  std::array<double, 2> legal_first_interview_days{kNoDeadline, kNoDeadline};
  std::array<double, 2> legal_first_offer_days{kNoDeadline, kNoDeadline};
  double exempt_share = 0;
  double exempt_job_multiplier = 1;
  double exempt_other_multiplier = 1;
  std::optional<CompiledLimit> limit;

  std::vector<double> band_start_days;  // start of each hazard band in spell duration
  std::vector<Exit> exits;
  // Hazard per day, indexed [(group * bands + band) * exits + exit], with covariate effects applied.
  std::vector<double> exit_hazard_per_day;
  // Business-cycle factor per [cycle slot][exit]; one slot when the scenario has no cycle.
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

struct CompiledJobcentre {
  std::string name;
  std::vector<std::uint32_t> initial_persons;        // per state, after scaling
  std::vector<double> inflow_per_day;                // per state, after scaling
  std::vector<std::uint32_t> places;                 // [month][offer], after scaling and the business cycle
  std::vector<std::size_t> months_with_more_places;  // months (>= 1) where some offer has more than before
  std::vector<Policy> policy;                        // per state
  double caseworkers = 0;                            // after scaling
  double interviews_per_day = 0;                     // caseworker capacity; 0 = unlimited
  double under_30_share = 0;
  double non_western_share = 0;
  std::vector<double> exit_multiplier;  // per state: the calibration's multiplier on every exit, here
  // Per [state][group]: the chance a person of the initial stock has more than 3 months of support, tilted
  // to the observed labour reserve; empty when none is observed (the stationary shares apply).
  std::vector<double> initial_long_share;
};

// The index a uniform draw falls on in a cumulative share table (the last entry when rounding overshoots).
std::size_t pick(const std::vector<double>& cumulative_share, double uniform_draw);

struct CompiledCohort {
  std::size_t jobcentre = 0;
  double first_day = 0;
  double spread_days = 0;
  std::uint32_t persons = 0;                   // after scaling
  std::vector<double> entry_cumulative_share;  // per state
  double job_multiplier = 1;
  std::optional<Policy> policy;
};

struct CompiledTrialArm {
  CompiledPolicy policy;  // follow-up in the target state during the enrolled spell
  double job_multiplier = 1;
  Protocol protocol = Protocol::any;
};

struct CompiledTrial {
  StateIndex state = kNoState;                     // new spells in this state are eligible
  std::vector<std::size_t> jobcentres;             // taking part, in jobcentre order
  double enrol_from_day = 0, enrol_until_day = 0;  // new spells starting in [from, until)
  double share = 1;
  double horizon_days = 0;
  std::vector<double> checkpoint_days;
  std::vector<double> arm_cumulative_share;  // per arm, normalised to end at 1
  std::vector<CompiledTrialArm> arms;
  bool cluster = false;                           // arms assigned by jobcentre, not by person
  std::vector<std::uint8_t> success, unemployed;  // per state
};

class Model {
 public:
  // `scale` multiplies every population count, inflow, cohort, caseworker and number of places (for quick
  // previews); rates and shares are unchanged.
  Model(const Scenario& scenario, double scale);

  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  [[nodiscard]] double scale() const { return scale_; }
  [[nodiscard]] const sim::MonthCalendar& calendar() const { return calendar_; }
  [[nodiscard]] std::size_t states() const { return states_.size(); }
  [[nodiscard]] std::size_t offers() const { return offers_.size(); }
  [[nodiscard]] std::size_t jobcentres() const { return jobcentres_.size(); }
  [[nodiscard]] std::size_t cohorts() const { return cohorts_.size(); }
  [[nodiscard]] const CompiledState& state(std::size_t s) const { return states_[s]; }
  [[nodiscard]] const CompiledOffer& offer(std::size_t o) const { return offers_[o]; }
  [[nodiscard]] const CompiledJobcentre& jobcentre(std::size_t j) const { return jobcentres_[j]; }
  [[nodiscard]] const CompiledCohort& cohort(std::size_t c) const { return cohorts_[c]; }
  [[nodiscard]] const std::vector<std::string>& benefit_groups() const { return benefit_groups_; }
  [[nodiscard]] OfferIndex add_on_offer() const { return add_on_offer_; }
  // The scenario's trial, or null when it has none.
  [[nodiscard]] const CompiledTrial* trial() const { return trial_ ? &*trial_ : nullptr; }

  // The month containing t, clamped to the run.
  [[nodiscard]] std::size_t month_at(double day) const;
  [[nodiscard]] std::uint32_t places(std::size_t jobcentre, std::size_t month, OfferIndex o) const {
    return jobcentres_[jobcentre].places[month * offers_.size() + o];
  }
  [[nodiscard]] double cycle_index(std::size_t month) const {
    return cycle_index_[std::min(month, cycle_index_.size() - 1)];
  }

  // Time until the next transition out of `state`, or nullopt if none comes before the horizon: the
  // piecewise-constant hazard (in spell duration and, with a business cycle, in calendar month) is integrated
  // from `now` until it reaches `exponential_draw` (a standard exponential).
  [[nodiscard]] std::optional<double> time_to_exit(StateIndex state, std::uint8_t group, double now,
                                                   double duration_days, double job_multiplier,
                                                   double other_multiplier, double exponential_draw) const;

  // Which exit happens at `now`, chosen in proportion to the exit hazards there.
  [[nodiscard]] Exit choose_exit(StateIndex state, std::uint8_t group, double now, double duration_days,
                                 double job_multiplier, double other_multiplier, double uniform_draw) const;

  // Which offer a policy leads to, from its offer mix.
  [[nodiscard]] static OfferIndex choose_offer(const CompiledPolicy& policy, double uniform_draw);
  // Where a state's benefit limit sends a person.
  [[nodiscard]] StateIndex choose_limit_destination(StateIndex state, double uniform_draw) const;
  // The day a spell that started on `spell_start_day` reaches its benefit limit, after `extensions`.
  [[nodiscard]] double limit_day(StateIndex state, double spell_start_day, int extensions) const;

  // Probability that a spell in `state` lasts beyond `long_days` given it has lasted `duration_days`, from
  // the state's hazards in normal times (no cycle, offers or interviews).
  [[nodiscard]] double risk_of_long_spell(StateIndex state, std::uint8_t group, double duration_days,
                                          double long_days) const;
  // A draw of how long a person found in `state` on the first day has already been in it: the stationary
  // distribution of elapsed durations, with density proportional to the survival function.
  [[nodiscard]] double elapsed_duration(StateIndex state, std::uint8_t group, double uniform_draw) const;
  // The same for the initial stock of a jobcentre, matching its observed labour reserve when one is given.
  [[nodiscard]] double initial_elapsed_duration(std::size_t jobcentre, StateIndex state, std::uint8_t group,
                                                double uniform_draw) const;
  // Its distribution function: the share of the initial stock in (state, group) with elapsed durations up to
  // `days`.
  [[nodiscard]] double initial_elapsed_cdf_at(std::size_t jobcentre, StateIndex state, std::uint8_t group,
                                              double days) const;
  // The stationary share of elapsed durations up to `days`.
  [[nodiscard]] double elapsed_cdf_at(StateIndex state, std::uint8_t group, double days) const;

 private:
  [[nodiscard]] std::size_t band_of(const CompiledState& s, double duration_days) const;
  [[nodiscard]] std::size_t cycle_slot(double day) const;
  [[nodiscard]] double cumulative_hazard(const CompiledState& s, std::uint8_t group,
                                         double duration_days) const;
  [[nodiscard]] CompiledState compile_state(std::size_t s) const;
  void compile_jobcentres();
  void compile_elapsed_durations();
  void compile_initial_long_shares();
  // Whether the initial stock's elapsed durations in `state` are tilted to an observed labour reserve: states
  // of temporary support that can be left.
  [[nodiscard]] bool can_tilt(StateIndex state) const;
  void compile_trial();

  Scenario scenario_;
  double scale_;
  sim::MonthCalendar calendar_;
  std::vector<double> cycle_index_;  // per month; a single 1 when the scenario has no business cycle
  std::size_t cycle_slots_ = 1;
  std::vector<CompiledState> states_;
  std::vector<CompiledOffer> offers_;
  std::vector<CompiledJobcentre> jobcentres_;
  std::vector<CompiledCohort> cohorts_;
  std::vector<std::string> benefit_groups_;
  OfferIndex add_on_offer_ = kNoOffer;
  std::optional<CompiledTrial> trial_;
  // Stationary elapsed-duration tables per (state, group): cumulative mass on a weekly grid.
  std::vector<std::vector<double>> elapsed_cdf_;
};

}  // namespace labsim::models
