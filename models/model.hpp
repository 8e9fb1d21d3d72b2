// The compiled model: a validated scenario turned into flat tables the event handler reads per event. The
// per-state and per-offer parts are in models/compiled.hpp; the compiler is models/compile_model.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/compiled.hpp"
#include "models/person_group.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/calendar.hpp"

namespace labsim::models {

// National definitions behind the indicators.
inline constexpr double kLabourReserveAfterMonths = 3;  // continuous public support before a person counts
inline constexpr double kLabourReserveAfterDays = kLabourReserveAfterMonths * sim::kDaysPerMonth;
inline constexpr double kKeptInJobsMonths = 6;  // still off support this long after a job start

struct CompiledJobcentre {
  std::string name;
  std::vector<std::uint32_t> initial_persons;        // per state, after scaling
  std::vector<double> inflow_per_day;                // per state, after scaling
  std::vector<std::uint32_t> places;                 // [month][offer], after scaling and the business cycle
  std::vector<std::size_t> months_with_more_places;  // months (>= 1) where some offer has more than before
  std::vector<std::uint8_t> policy_slot;  // per state: the jobcentre's policy (rules/follow_up.hpp)
  double caseworkers = 0;                 // after scaling
  double interviews_per_day = 0;          // caseworker capacity; 0 = unlimited
  // Contacts each capacity pool can hold per day, [month][pool], after scaling; pool 0 is the caseworkers
  // (interviews_per_day); 0 = unlimited.
  std::vector<double> pool_slots_per_day;
  double under_30_share = 0;
  double non_western_share = 0;
  std::vector<double> exit_multiplier;  // per state: the calibration's multiplier on every exit, here
  // Per [state][group]: the chance a person of the initial stock has more than 3 months of support, tilted
  // to the observed labour reserve; empty when none is observed (the stationary shares apply).
  std::vector<double> initial_long_share;

  // The expected share of the jobcentre's persons in `group`: age band and origin are independent, as the
  // population synthesis draws them.
  [[nodiscard]] double group_share(std::uint8_t group) const {
    return (is_under_30(group) ? under_30_share : 1 - under_30_share) *
           (is_non_western(group) ? non_western_share : 1 - non_western_share);
  }
};

struct CompiledCohort {
  std::size_t jobcentre = 0;
  double first_day = 0;
  double spread_days = 0;
  std::uint32_t persons = 0;                   // after scaling
  std::vector<double> entry_cumulative_share;  // per state
  double job_multiplier = 1;
  std::vector<std::uint8_t> policy_slot;  // per state: the cohort's policy, else its jobcentre's
};

struct CompiledTrialArm {
  // Follow-up in the target state during the enrolled spell: programmes[programme_of_jobcentre[j]] in
  // jobcentre j.
  std::vector<CompiledProgramme> programmes;
  std::vector<std::uint8_t> programme_of_jobcentre;  // per jobcentre
  double job_multiplier = 1;  // on job finding from the target state (1 when the steps carry the effect)
  Protocol protocol = Protocol::any;
  bool other_actors = false;               // other actors follow the first weeks, as outside the trial
  std::vector<std::uint8_t> in_jobcentre;  // per jobcentre: 1 where the arm runs
  std::uint32_t birth_days = 0;            // by date of birth: bit d-1 for day d of the month

  [[nodiscard]] const CompiledProgramme& programme(std::size_t jobcentre) const {
    return programmes[programme_of_jobcentre[jobcentre]];
  }
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
  bool by_date_of_birth = false;                  // arms assigned by the day of the month of birth
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
  [[nodiscard]] const std::vector<CompiledOffer>& all_offers() const { return offers_; }
  [[nodiscard]] const CompiledJobcentre& jobcentre(std::size_t j) const { return jobcentres_[j]; }
  [[nodiscard]] const CompiledCohort& cohort(std::size_t c) const { return cohorts_[c]; }
  [[nodiscard]] const std::vector<std::string>& benefit_groups() const { return benefit_groups_; }
  [[nodiscard]] OfferIndex add_on_offer() const { return add_on_offer_; }
  // Whether some offer has eligibility rules (spell length, age band, states); else every offer drawn from a
  // mix can start.
  [[nodiscard]] bool restricted_offers() const { return restricted_offers_; }
  // Contact forms: 0 is the individual interview with the caseworkers, then the scenario's [contact_forms].
  [[nodiscard]] const std::vector<CompiledContactForm>& contact_forms() const { return contact_forms_; }
  // Capacity pools: 0 is the caseworkers, then the scenario's [pools], in file order.
  [[nodiscard]] std::size_t pools() const { return pool_names_.size(); }
  [[nodiscard]] const std::vector<std::string>& pool_names() const { return pool_names_; }
  // The reimbursement in force's passive shares by spell duration for state s: band starts in days (the
  // first 0) and a share per band; empty for a state whose share does not change with duration.
  struct DurationBands {
    std::vector<double> start_days;
    std::vector<double> shares;
  };
  [[nodiscard]] const DurationBands& reimbursement_bands(std::size_t s) const {
    return reimbursement_bands_[s];
  }
  // The most bands any state has (0 when no share changes with duration): the tally's band axis.
  [[nodiscard]] std::size_t most_reimbursement_bands() const {
    std::size_t most = 0;
    for (const DurationBands& b : reimbursement_bands_) most = std::max(most, b.shares.size());
    return most;
  }
  // Whether some programme keeps each person's step (CompiledProgramme::keeps_position).
  [[nodiscard]] bool keeps_positions() const { return keeps_positions_; }
  // The scenario's trial, or null when it has none.
  [[nodiscard]] const CompiledTrial* trial() const { return trial_ ? &*trial_ : nullptr; }

  // The month containing t, clamped to the run.
  [[nodiscard]] std::size_t month_at(double day) const {
    if (day <= 0) return 0;
    if (day >= calendar_.horizon().value) return static_cast<std::size_t>(calendar_.months() - 1);
    return static_cast<std::size_t>(calendar_.month_of(sim::Days{day}));
  }
  [[nodiscard]] std::uint32_t places(std::size_t jobcentre, std::size_t month, OfferIndex o) const {
    return jobcentres_[jobcentre].places[month * offers_.size() + o];
  }
  // Contacts pool `pool` can hold per day in the jobcentre in `month`; 0 = unlimited.
  [[nodiscard]] double pool_slots_per_day(std::size_t jobcentre, std::size_t month, std::size_t pool) const {
    return jobcentres_[jobcentre].pool_slots_per_day[month * pool_names_.size() + pool];
  }
  // The multiplier on every jobcentre's caseworkers in `month` (caseworkers.by_month; 1 without it).
  [[nodiscard]] double caseworker_factor(std::size_t month) const {
    const auto& f = scenario_.caseworkers.by_month;
    return f.empty() ? 1.0 : f[std::min(month, f.size() - 1)];
  }
  [[nodiscard]] double cycle_index(std::size_t month) const {
    return cycle_index_[std::min(month, cycle_index_.size() - 1)];
  }

  // The business-cycle slot of the hazard tables on `day` (rules::cycle_slot of its month); inline, since
  // time_to_exit asks at every band and month it crosses.
  [[nodiscard]] std::size_t cycle_slot(double day) const { return cycle_slots_ == 1 ? 0 : month_at(day); }

  // Time until the next transition out of `state`, or nullopt if none comes before the horizon: the
  // piecewise-constant hazard (in spell duration and, with a business cycle, in calendar month) is integrated
  // from `now` until it reaches `exponential_draw` (a standard exponential). In models/hazards.cpp.
  [[nodiscard]] std::optional<double> time_to_exit(StateIndex state, std::uint8_t group, double now,
                                                   double duration_days, double job_multiplier,
                                                   double other_multiplier, double exponential_draw) const;

  // Elapsed durations of the initial stock (models/elapsed_durations.cpp).
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
  bool restricted_offers_ = false;
  bool keeps_positions_ = false;
  std::vector<CompiledContactForm> contact_forms_;
  std::vector<std::string> pool_names_;
  std::vector<DurationBands> reimbursement_bands_;  // per state
  std::optional<CompiledTrial> trial_;
  // Stationary elapsed-duration tables per (state, group): cumulative mass on a weekly grid.
  std::vector<std::vector<double>> elapsed_cdf_;
};

}  // namespace labsim::models
