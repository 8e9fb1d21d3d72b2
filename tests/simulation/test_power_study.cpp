// The power study of `labsim trial --power`: the planted effect goes into a copy of the control arm, the
// pool grows until it holds 4 times the participants needed, and the size found matches the textbook.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "results/stats/power_study.hpp"
#include "sim/input_error.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using testing::p_work;
using testing::trial_scenario;

namespace {

results::PowerStudyOptions options_for(double effect) {
  results::PowerStudyOptions options;
  options.effect = effect;
  options.resamples = 1000;
  options.threads = 2;
  return options;
}

}  // namespace

TEST_CASE("power_study: the effect is planted in a copy of the control arm; the size is the textbook's",
          "[models][trial][stats]") {
  // The scenario's own treated arm (hazard ratio 3) must play no part: the pool is the control arm against
  // itself with job finding times 1.3, so self-sufficiency at week 13 has the known shares p_work(1, 13) and
  // p_work(1.3, 13). 40,000 participants from the start (2 x 20,000), far more than 4 times the answer, so
  // the pool is not enlarged. Tolerance 15% on the size, as for find_sample_size on such a pool (test_trial:
  // 1,000 drawn trials per size, a bisection that stops within 2%, the pool's shares within 0.5 points).
  models::Scenario sc = trial_scenario(3.0, 10000, 2);
  sc.trial->enrolment_share = 0.5;  // the study enrols every spell
  sc.run.seed = 51;
  std::vector<int> enlarged;
  results::PowerStudyOptions options = options_for(1.3);
  options.on_enlarge = [&enlarged](int replications) { enlarged.push_back(replications); };
  const results::PowerStudy study = results::power_study(sc, options);

  CHECK(enlarged.empty());
  CHECK(study.result.pool_control + study.result.pool_treated == 40000);
  REQUIRE(study.pool_trial.arms.size() == 2);
  CHECK(study.pool_trial.arms[0].name == "control");
  CHECK(study.pool_trial.arms[1].name == "effect");
  CHECK(study.pool_trial.arms[1].job_finding_multiplier == 1.3);
  CHECK(study.pool_trial.enrolment_share == 1);
  const double p1 = p_work(1, 13), p2 = p_work(1.3, 13);
  CHECK(std::abs(study.result.pool_estimate - (p2 - p1)) < 4 * std::sqrt(2 * 0.25 / 20000));
  const double z = 1.959964 + 0.841621;
  const double per_arm = z * z * (p1 * (1 - p1) + p2 * (1 - p2)) / ((p1 - p2) * (p1 - p2));
  REQUIRE(study.result.required > 0);
  CHECK(std::abs(static_cast<double>(study.result.required) / (2 * per_arm) - 1) < 0.15);

  CHECK(study.facts.outcome == "self_sufficient_week_13");
  CHECK(study.facts.share);
  CHECK(study.facts.effect == 1.3);
  CHECK(study.facts.treated_share == 0.5);
  CHECK(study.facts.resamples == 1000);
}

TEST_CASE("power_study: a pool too small for the answer is enlarged until it holds 4 times it",
          "[models][trial][stats]") {
  // 200 participants per repetition of the trial against an answer of several hundred: the first pool is
  // too small, and each enlargement asks for enough repetitions to hold 4 times the latest answer.
  models::Scenario sc = trial_scenario(1.0, 100, 1);
  sc.run.seed = 5;
  std::vector<int> enlarged;
  results::PowerStudyOptions options = options_for(1.3);
  options.on_enlarge = [&enlarged](int replications) { enlarged.push_back(replications); };
  const results::PowerStudy study = results::power_study(sc, options);

  REQUIRE_FALSE(enlarged.empty());
  REQUIRE(study.result.required > 0);
  const std::size_t pool = study.result.pool_control + study.result.pool_treated;
  CHECK(pool >= 4 * study.result.required);
  CHECK(pool == 200 * static_cast<std::size_t>(enlarged.back()));
  for (std::size_t i = 1; i < enlarged.size(); ++i) CHECK(enlarged[i] > enlarged[i - 1]);
}

TEST_CASE("power_study: the hazard ratio may be the outcome tested", "[models][trial]") {
  models::Scenario sc = trial_scenario(1.0, 2000, 1);
  results::PowerStudyOptions options = options_for(1.5);
  options.outcome = "hazard_ratio";
  options.resamples = 200;
  const results::PowerStudy study = results::power_study(sc, options);
  CHECK(study.facts.outcome == "hazard_ratio");
  CHECK_FALSE(study.facts.share);
  CHECK(study.facts.outcome_description == "hazard ratio of becoming self-sufficient");
  // 2,000 participants per arm, some 1,500 of each finding a job within the 26 weeks followed: the pool's log
  // hazard ratio has a standard error of about sqrt(1/1500 + 1/1500); tolerance 4 of them.
  CHECK(std::abs(std::log(study.result.pool_estimate / 1.5)) < 4 * std::sqrt(2.0 / 1500));
}

TEST_CASE("power_study: what it cannot answer is refused with a message", "[models][trial]") {
  const models::Scenario sc = trial_scenario(1.0, 100, 1);
  CHECK_THROWS_MATCHES(results::power_study(sc, options_for(1.0)), sim::InputError,
                       Catch::Message("--power needs --effect HR (a hazard ratio other than 1)"));
  results::PowerStudyOptions unknown = options_for(1.2);
  unknown.outcome = "weeks";
  CHECK_THROWS_MATCHES(
      results::power_study(sc, unknown), sim::InputError,
      Catch::Message("--outcome weeks: not an outcome of this trial (one of self_sufficient_week_13, "
                     "self_sufficient_week_26, weeks_on_benefit, recovered_unemployed, hazard_ratio, or "
                     "in_STATE_week_N for a state and a checkpoint week)"));
  unknown.outcome = "in_nowhere_week_13";
  CHECK_THROWS_AS(results::power_study(sc, unknown), sim::InputError);
  models::Scenario cluster = sc;
  cluster.trial->randomization = models::Randomization::cluster;
  CHECK_THROWS_MATCHES(
      results::power_study(cluster, options_for(1.2)), sim::InputError,
      Catch::Message("toy.toml: --power works with individual randomization; with randomization = "
                     "\"cluster\" the number of jobcentres, not of persons, sets the power"));
}
