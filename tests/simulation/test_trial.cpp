// Randomized trials inside a scenario: enrolment, assignment, outcomes, and the estimates' honesty (a planted
// hazard ratio is recovered; intervals cover the truth 95% of the time; no effect gives 5% false positives).
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/stats/trial_data.hpp"
#include "results/stats/trial_power.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

using testing::kDaysPerMonth;
using testing::kJob;
using testing::kPension;
using testing::p_work;
using testing::trial_scenario;

struct Trial {
  std::unique_ptr<models::Model> model;
  models::TrialRun run;
  results::TrialData data;
};

Trial run_trial(const models::Scenario& sc, std::uint64_t seed, int threads = 1) {
  Trial t{std::make_unique<models::Model>(sc, 1.0), {}, {}};
  t.run = models::simulate_trial(*t.model,
                                 {.replications = sc.run.replications, .seed = seed, .threads = threads});
  t.data = results::trial_data(*t.model, t.run.records);
  return t;
}

std::vector<std::vector<std::size_t>> rows_by_replication(const results::TrialData& d, int replications) {
  std::vector<std::vector<std::size_t>> rows(static_cast<std::size_t>(replications));
  for (std::size_t i = 0; i < d.size(); ++i) rows[d.replication[i]].push_back(i);
  return rows;
}

}  // namespace

TEST_CASE("trial: every new spell in the window is enrolled once, and only those", "[models][trial]") {
  const auto sc = trial_scenario(1.0, 300, 1, false);
  const Trial t = run_trial(sc, 5);
  // New spells come only from outside here, and each person has one: enrolled = inflow of the first 2 months.
  const auto run = testing::simulate(sc, 5);
  const auto& inflow = run.task().monthly.inflow;
  double in_window = 0;
  for (std::size_t m = 0; m < 2; ++m) {
    for (std::size_t s = 0; s < inflow.extent(1); ++s) {
      for (std::size_t g = 0; g < inflow.extent(2); ++g) in_window += inflow.at(m, s, g);
    }
  }
  CHECK(static_cast<double>(t.run.records.size()) == in_window);
  for (const auto& r : t.run.records) {
    CHECK(r.enrol_day >= 0);
    CHECK(r.enrol_day < 31 + 28);
    CHECK(r.closed);
  }
}

TEST_CASE("trial: arms follow their ratio, and a share of spells is drawn", "[models][trial][stats]") {
  auto sc = trial_scenario(1.0, 5000, 1);
  sc.trial->arms[1].ratio = 3;  // 1:3
  sc.trial->enrolment_share = 0.4;
  const Trial t = run_trial(sc, 9);
  const double n = static_cast<double>(t.run.records.size());
  // Expected 0.4 * 10,000 = 4,000 of the cohort, binomial: sd sqrt(10,000 * 0.4 * 0.6) = 49.
  CHECK(std::abs(n - 0.4 * 5000 * 2) < 4 * 49);
  double treated = 0;
  for (const auto& r : t.run.records) treated += r.arm;
  // 4 binomial standard errors: a fixed seed, and a false failure once in about 16,000 seeds.
  CHECK(std::abs(treated / n - 0.75) < 4 * std::sqrt(0.75 * 0.25 / n));
}

TEST_CASE("trial: weeks on benefit and self-sufficiency match the competing-risks formulas",
          "[models][trial][stats]") {
  const Trial t = run_trial(trial_scenario(1.0, 5000, 1), 11);
  const auto& d = t.data;
  const double n = static_cast<double>(d.size());
  // Self-sufficient at week 13: a share; 4 binomial standard errors.
  const double share = std::accumulate(d.values[0].begin(), d.values[0].end(), 0.0) / n;
  CHECK(std::abs(share - p_work(1, 13)) < 4 * std::sqrt(p_work(1, 13) * (1 - p_work(1, 13)) / n));
  // Weeks on benefit (sick or pension) = 26 - weeks at work within 26 weeks, whose mean is the integral of
  // P(work by t); 4 standard errors of the sample mean.
  const double a = kJob / kDaysPerMonth, b = kPension / kDaysPerMonth, horizon = 26 * 7;
  const double work_days = a / (a + b) * (horizon - (1 - std::exp(-(a + b) * horizon)) / (a + b));
  const double expected = (horizon - work_days) / 7;
  const auto& weeks = d.values[2];
  const double mean = std::accumulate(weeks.begin(), weeks.end(), 0.0) / n;
  double ss = 0;
  for (double w : weeks) ss += (w - mean) * (w - mean);
  CHECK(std::abs(mean - expected) < 4 * std::sqrt(ss / (n - 1) / n));
  // Recovered-unemployed here means a pension: P(pension first) within 26 weeks.
  const double c = a + b;
  const double pension = b / c * (1 - std::exp(-c * horizon));
  const auto& ru = d.values[3];
  const double ru_share = std::accumulate(ru.begin(), ru.end(), 0.0) / n;
  CHECK(std::abs(ru_share - pension) < 4 * std::sqrt(pension * (1 - pension) / n));
}

TEST_CASE("trial: a planted hazard ratio is recovered inside its interval", "[models][trial][stats]") {
  const double effect = 1.3;
  const Trial t = run_trial(trial_scenario(effect, 5000, 1), 21);
  const results::TrialEstimates e = results::estimate_trial(t.data, 1);
  const auto& hr = e.hazard_ratio(1, results::Analysis::all_randomized);
  CHECK(hr.ci_low < effect);
  CHECK(effect < hr.ci_high);
  // Within 4 standard errors too (log scale: the 95% interval spans 2 x 1.96 of them), so a fixed seed that
  // lands just inside is not the only reason this passes.
  const double se = (std::log(hr.ci_high) - std::log(hr.ci_low)) / (2 * 1.959964);
  CHECK(std::abs(std::log(hr.hazard_ratio) - std::log(effect)) < 4 * se);
  const auto& week13 = e.outcome(0, 1, results::Analysis::all_randomized);
  const double truth = p_work(effect, 13) - p_work(1, 13);
  CHECK(week13.ci_low < truth);
  CHECK(truth < week13.ci_high);
}

TEST_CASE("trial: 95% intervals cover the planted truth 93-97% of the time", "[models][trial][stats]") {
  // 2,000 trials of about 400 participants. The coverage estimate has a binomial standard error of
  // sqrt(0.95 * 0.05 / 2000) = 0.49 points, so 93-97% is 4 standard errors either side: with the fixed seed
  // this holds unless the intervals are miscalibrated.
  const double effect = 1.3;
  const int trials = 2000;
  const Trial t = run_trial(trial_scenario(effect, 200, trials), 31);
  const auto rows = rows_by_replication(t.data, trials);
  const double truth = p_work(effect, 13) - p_work(1, 13);
  int hr_covered = 0, diff_covered = 0;
  for (const auto& r : rows) {
    const results::CoxFit fit = results::arm_hazard_ratios(t.data, r);
    hr_covered += fit.ci_low[0] < effect && effect < fit.ci_high[0];
    const auto diff = results::outcome_difference(t.data, 0, 1, r);
    diff_covered += diff.ci_low < truth && truth < diff.ci_high;
  }
  CHECK(hr_covered >= 0.93 * trials);
  CHECK(hr_covered <= 0.97 * trials);
  CHECK(diff_covered >= 0.93 * trials);
  CHECK(diff_covered <= 0.97 * trials);
}

TEST_CASE("trial: with no effect, about 5% of trials find one", "[models][trial][stats]") {
  // 2,000 trials without an effect: the share with p < 0.05 has a standard error of 0.49 points, so 3-7% is
  // 4 standard errors either side.
  const int trials = 2000;
  const Trial t = run_trial(trial_scenario(1.0, 200, trials), 41);
  const auto rows = rows_by_replication(t.data, trials);
  int hr_positive = 0, diff_positive = 0;
  for (const auto& r : rows) {
    hr_positive += results::arm_hazard_ratios(t.data, r).p_value[0] < 0.05;
    diff_positive += results::outcome_difference(t.data, 0, 1, r).p_value < 0.05;
  }
  CHECK(hr_positive >= 0.03 * trials);
  CHECK(hr_positive <= 0.07 * trials);
  CHECK(diff_positive >= 0.03 * trials);
  CHECK(diff_positive <= 0.07 * trials);
}

TEST_CASE("trial: the same participants and outcomes on 1 and 2 threads", "[models][trial]") {
  const auto sc = trial_scenario(1.2, 300, 6);
  const Trial one = run_trial(sc, 7, 1), two = run_trial(sc, 7, 2);
  REQUIRE(one.run.records.size() == two.run.records.size());
  for (std::size_t i = 0; i < one.run.records.size(); ++i) {
    const auto &a = one.run.records[i], &b = two.run.records[i];
    CHECK(a.enrol_day == b.enrol_day);
    CHECK(a.arm == b.arm);
    CHECK(a.success_day == b.success_day);
    CHECK(a.benefit_days == b.benefit_days);
  }
}

TEST_CASE("trial: cluster randomization gives each jobcentre one arm, arms dealt out evenly",
          "[models][trial]") {
  auto sc = trial_scenario(1.0, 100, 5, false);
  sc.jobcentres = {{.name = "A", .inflow_per_month = {{"sick", 100}}},
                   {.name = "B", .inflow_per_month = {{"sick", 100}}},
                   {.name = "C", .inflow_per_month = {{"sick", 100}}},
                   {.name = "D", .inflow_per_month = {{"sick", 100}}}};
  sc.trial->randomization = models::Randomization::cluster;
  const Trial t = run_trial(sc, 3);
  for (std::uint32_t r = 0; r < 5; ++r) {
    std::array<int, 4> arm_of{-1, -1, -1, -1};
    for (const auto& rec : t.run.records) {
      if (rec.replication != r) continue;
      if (arm_of[rec.jobcentre] < 0) arm_of[rec.jobcentre] = rec.arm;
      CHECK(arm_of[rec.jobcentre] == rec.arm);
    }
    CHECK(std::count(arm_of.begin(), arm_of.end(), 1) == 2);  // 1:1 over 4 jobcentres
  }
}

TEST_CASE("trial power: the size found matches the textbook formula for two proportions",
          "[models][trial][stats]") {
  // A pool of 40,000 participants, half with a planted hazard ratio of 1.3; the outcome is self-sufficiency
  // at week 13, whose shares p_work(1, 13) and p_work(1.3, 13) are known. The normal-approximation sample
  // size per arm is (z_0.975 + z_0.8)^2 (p1 q1 + p2 q2) / (p1 - p2)^2. Tolerance 15%: the power at each size
  // is estimated from 1,000 drawn trials (standard error 1.3 points near 80%, about 3.5% in participants,
  // since power rises by some 0.4 per doubling there), the bisection stops within 2%, and the pool's own
  // shares differ from the truth by about 0.5 points.
  const Trial t = run_trial(trial_scenario(1.3, 10000, 2), 51);
  results::PowerOptions options;
  options.outcome = 0;
  options.resamples = 1000;
  options.seed = 3;
  const results::PowerResult r =
      results::find_sample_size(t.data, results::Analysis::all_randomized, 0.5, options);
  const double p1 = p_work(1, 13), p2 = p_work(1.3, 13);
  const double z = 1.959964 + 0.841621;
  const double per_arm = z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / ((p1 - p2) * (p1 - p2));
  REQUIRE(r.required > 0);
  CHECK(std::abs(static_cast<double>(r.required) / (2 * per_arm) - 1) < 0.15);
  CHECK(std::abs(r.pool_estimate - (p2 - p1)) < 4 * std::sqrt(2 * 0.25 / 20000));
  // Power rises with size, within Monte Carlo noise (the same draws at every size keep it nearly monotone).
  for (std::size_t i = 1; i < r.points.size(); ++i) CHECK(r.points[i].power >= r.points[i - 1].power - 0.03);
}
