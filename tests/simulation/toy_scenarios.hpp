// Small hand-made scenarios, built in code, whose behaviour has a known answer.
#pragma once

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/scenario.hpp"
#include "models/simulator/simulate.hpp"

namespace labsim::testing {

// Two states A and B with constant hazards a (A->B) and b (B->A) per month; `persons` start in A.
inline models::Scenario two_state_scenario(double a_per_month, double b_per_month, double persons, int months,
                                           int replications) {
  using namespace std::chrono;
  models::Scenario sc;
  sc.path = "two_state.toml";
  sc.name = "two states";
  sc.run = {year{2011} / January / 1, months, replications, 42};
  sc.states = {{.name = "A", .label = "A"}, {.name = "B", .label = "B"}};
  sc.transitions = {{.from = "A", .to = "B", .hazard_per_month = {a_per_month}},
                    {.from = "B", .to = "A", .hazard_per_month = {b_per_month}}};
  sc.jobcentres = {{.name = "X", .initial_persons = {{"A", persons}}}};
  return sc;
}

// Building blocks for hand-made timelines. Scenarios built in code get the struct defaults, not the loader's:
// no cycle elasticity, no first-offer practice deadline, no legal deadlines unless a test sets them.

// A scenario with nothing in it but one jobcentre "X" and a run of `months` from `start` (the 1st of a
// month).
inline models::Scenario empty_scenario(std::chrono::year_month_day start, int months) {
  models::Scenario sc;
  sc.path = "toy.toml";
  sc.name = "toy";
  sc.run = {start, months, 1, 1};
  sc.jobcentres = {{.name = "X"}};
  return sc;
}

// A state every spell leaves after exactly `weeks`, for `to`: a benefit limit without extensions is the only
// way out, so the timeline has no randomness.
inline models::StateSpec limited_state(const std::string& name, double weeks, const std::string& to,
                                       bool on_support = true) {
  return {.name = name,
          .label = name,
          .on_support = on_support,
          .benefit_limit = models::BenefitLimit{.max_weeks = weeks, .to = {{to, 1.0}}}};
}

inline models::StateSpec absorbing_state(const std::string& name, bool on_support = true) {
  return {.name = name, .label = name, .absorbing = true, .on_support = on_support};
}

// A state with follow-up under `normal` and nothing else: no exits (absorbing), no deadlines.
inline models::StateSpec followed_up_state(const std::string& name, const models::FollowUpPolicy& normal) {
  models::StateSpec s{.name = name, .label = name, .absorbing = true, .has_follow_up = true};
  s.follow_up.normal = normal;
  return s;
}

// Day numbers (from `start`) of the first day of each of `months` calendar months and of the month after,
// counted with std::chrono independently of the engine's calendar.
inline std::vector<double> month_start_days(std::chrono::year_month_day start, int months) {
  using namespace std::chrono;
  std::vector<double> out;
  const year_month first{start.year(), start.month()};
  for (int m = 0; m <= months; ++m) {
    const year_month ym = first + std::chrono::months{m};
    out.push_back(static_cast<double>((sys_days{ym / 1} - sys_days{start}).count()));
  }
  return out;
}

// Days of [a, b) that fall in [c, d).
inline double overlap_days(double a, double b, double c, double d) {
  const double lo = a > c ? a : c, hi = b < d ? b : d;
  return hi > lo ? hi - lo : 0.0;
}

// A model and its run together: a task tally's person-time counters refer to the model's calendar, so the
// model must outlive (and stay at one address while) the tally is read.
struct Simulated {
  std::unique_ptr<models::Model> model;
  models::RunResult run;
  [[nodiscard]] const models::TaskTally& task(int replication = 0, std::size_t jobcentre = 0) const {
    return run.task(replication, jobcentre);
  }
};

inline Simulated simulate(const models::Scenario& sc, std::uint64_t seed, int replications = 1,
                          double scale = 1.0) {
  Simulated out{std::make_unique<models::Model>(sc, scale), {}};
  out.run = models::simulate(*out.model, {.replications = replications, .seed = seed, .threads = 1});
  return out;
}

inline double total(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}
template <models::Axis... Axes>
double total(const models::Grid<Axes...>& grid) {
  double s = 0;
  for (double x : grid.values()) s += x;
  return s;
}

// The months a task's tally covers.
inline std::size_t months_of(const models::TaskTally& t) {
  return t.interviews.extent(0);
}

// A trial of new sick-leave spells with a known answer.
inline constexpr double kDaysPerMonth = 365.25 / 12.0;  // the unit of hazard_per_month
inline constexpr double kJob = 0.3,
                        kPension = 0.05;  // hazards per month out of sick leave, in the control arm

// Sick leave ("sick") with two competing exits, both absorbing: a job ("work", off support, job finding)
// and a pension ("pension", on support). No follow-up, no business cycle: the arms differ only by the planted
// multiplier on job finding, so the cause-specific hazard ratio is exactly `effect`. `per_month` new spells
// a month; the trial enrols those of the first 2 months and follows them 26 weeks. With `window_only`, the
// new spells are a cohort spread over those 2 months, so that no time goes to persons outside the trial.
inline models::Scenario trial_scenario(double effect, double per_month, int replications,
                                       bool window_only = true) {
  auto sc = empty_scenario(std::chrono::year{2011} / std::chrono::January / 1, 9);
  sc.run.replications = replications;
  sc.states = {
      {.name = "sick", .label = "sick"}, absorbing_state("work", false), absorbing_state("pension", true)};
  sc.transitions = {{.from = "sick", .to = "work", .job_finding = true, .hazard_per_month = {kJob}},
                    {.from = "sick", .to = "pension", .hazard_per_month = {kPension}}};
  if (window_only) {
    sc.cohorts = {{.name = "new",
                   .date = sc.run.start,
                   .jobcentre = "X",
                   .persons = 2 * per_month,
                   .entry = {{"sick", 1.0}},
                   .spread_weeks = 59.0 / 7}};  // January and February 2011
  } else {
    sc.jobcentres[0].inflow_per_month = {{"sick", per_month}};
  }
  models::TrialSpec trial;
  trial.state = "sick";
  trial.enrolment_start = sc.run.start;
  trial.enrolment_months = 2;
  trial.horizon_weeks = 26;
  trial.checkpoint_weeks = {13, 26};
  trial.arms = {{.name = "control"}, {.name = "treated", .job_finding_multiplier = effect}};
  trial.success_states = {"work"};
  trial.unemployed_states = {"pension"};
  trial.primary_outcome = "self_sufficient_week_13";
  sc.trial = trial;
  return sc;
}

// P(work within `weeks`) for a job hazard multiplied by m.
inline double p_work(double m, double weeks) {
  const double a = m * kJob / kDaysPerMonth, b = kPension / kDaysPerMonth, t = weeks * 7;
  return a / (a + b) * (1 - std::exp(-(a + b) * t));
}

}  // namespace labsim::testing
