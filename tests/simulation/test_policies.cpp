// Follow-up policies: intensive cadence by jobcentre, risk-targeted cadence, other actors' first weeks.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/hazards.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2011} / January / 1;
constexpr std::size_t kF = 0;
constexpr double kPersons = 10;
constexpr double kDaysPerMonth = 365.25 / 12;

// Interviews per person in each month, for a cohort whose spells all start on day 0.
std::vector<double> per_person(const models::TaskTally& t, const models::StateByMonth& counts,
                               double persons) {
  std::vector<double> out;
  for (std::size_t m = 0; m < testing::months_of(t); ++m) out.push_back(counts.at(m, kF) / persons);
  return out;
}

// F followed up: normally a first interview at 1 week and then every 8 weeks; intensively every week until
// 17 weeks of spell and then the normal 8 weeks. Jobcentres X and Y each get a cohort of 10 on day 0. The
// intensive policy is the default, and X is set back to normal by name.
models::Scenario two_policies_scenario() {
  auto sc = testing::empty_scenario(kStart, 6);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 1, .interview_every_weeks = 8});
  f.follow_up.intensive = models::FollowUpPolicy{
      .first_interview_weeks = 1, .interview_every_weeks = 1, .cadence_until_weeks = 17};
  f.follow_up.policy = models::Policy::intensive;
  f.follow_up.policy_by_jobcentre = {{"X", models::Policy::normal}};
  sc.states = {f};
  sc.jobcentres = {{.name = "X"}, {.name = "Y"}};
  for (const char* j : {"X", "Y"})
    sc.cohorts.push_back(
        {.name = j, .date = kStart, .jobcentre = j, .persons = kPersons, .entry = {{"F", 1.0}}});
  return sc;
}

}  // namespace

TEST_CASE("policies: intensive follow-up interviews weekly until 17 weeks, then every 8", "[models]") {
  const auto run = testing::simulate(two_policies_scenario(), 1);
  // Months of 2011 start on days 0, 31, 59, 90, 120, 151 (and 181).
  // Normal (X): interviews on days 7, 63, 119, 175: January 1, February 0, March 1, April 1, May 0, June 1.
  CHECK(per_person(run.task(0, 0), run.task(0, 0).interviews, kPersons) ==
        std::vector<double>{1, 0, 1, 1, 0, 1});
  // Intensive (Y): days 7, 14, ..., 119 (17 interviews; at 119 = 17 weeks the normal cadence takes over),
  // then 175: January 4 (7-28), February 4 (35-56), March 4 (63-84), April 5 (91-119), May 0, June 1.
  CHECK(per_person(run.task(0, 1), run.task(0, 1).interviews, kPersons) ==
        std::vector<double>{4, 4, 4, 5, 0, 1});
  // In the first 17 weeks (days 0-119, all within January-April): 17 against 3.
  double y = 0, x = 0;
  for (std::size_t m = 0; m < 4; ++m) {
    y += run.task(0, 1).interviews.at(m, kF);
    x += run.task(0, 0).interviews.at(m, kF);
  }
  CHECK(y == 17 * kPersons);
  CHECK(x == 3 * kPersons);
}

namespace {

// F with one job-finding exit at `h` a month (to J), for the risk of a long spell.
models::Scenario risk_scenario(double h) {
  auto sc = testing::empty_scenario(kStart, 7);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 1, .interview_every_weeks = 8});
  f.absorbing = false;
  sc.states = {f, testing::absorbing_state("J", false)};
  sc.transitions = {{.from = "F", .to = "J", .job_finding = true, .hazard_per_month = {h}}};
  return sc;
}

}  // namespace

TEST_CASE("policies: risk of a long spell is exp(-integrated hazard)", "[models]") {
  const double long_days = 52 * 7.0;  // 364
  {
    // Constant hazard 0.1 a month: risk(d) = exp(-0.1 x (364 - d) / 30.4375).
    const models::Model model(risk_scenario(0.1), 1.0);
    for (const double d : {0.0, 100.0, 200.0, 363.0}) {
      INFO("duration " << d);
      CHECK(models::risk_of_long_spell(model.state(kF), 0, d, long_days) ==
            Approx(std::exp(-0.1 * (long_days - d) / kDaysPerMonth)).epsilon(1e-12));
    }
    CHECK(models::risk_of_long_spell(model.state(kF), 0, 400, long_days) == 1.0);  // already longer
  }
  {
    // 0.2 a month for the first 3 months (91.3125 days), 0.05 after:
    // risk(0) = exp(-(0.2 x 3 + 0.05 x (364 - 91.3125) / 30.4375)); risk(200) = exp(-0.05 x 164 / 30.4375).
    auto sc = risk_scenario(0.2);
    sc.transitions[0].duration_breaks_months = {3};
    sc.transitions[0].hazard_per_month = {0.2, 0.05};
    const models::Model model(sc, 1.0);
    CHECK(
        models::risk_of_long_spell(model.state(kF), 0, 0, long_days) ==
        Approx(std::exp(-(0.2 * 3 + 0.05 * (long_days - 3 * kDaysPerMonth) / kDaysPerMonth))).epsilon(1e-12));
    CHECK(models::risk_of_long_spell(model.state(kF), 0, 200, long_days) ==
          Approx(std::exp(-0.05 * (long_days - 200) / kDaysPerMonth)).epsilon(1e-12));
  }
}

// models::risk_of_long_spell uses the state's hazards in normal times: with index 0.5 in month 0 and
// elasticity 1 it must still return exp(-0.1 ...), not the first month's exp(-0.05 ...).
TEST_CASE("policies: risk of a long spell ignores the business cycle", "[models]") {
  auto sc = risk_scenario(0.1);
  sc.transitions[0].cycle_elasticity = 1;
  sc.business_cycle.index = {0.5};
  const models::Model model(sc, 1.0);
  CHECK(models::risk_of_long_spell(model.state(kF), 0, 0, 364) ==
        Approx(std::exp(-0.1 * 364 / kDaysPerMonth)).epsilon(1e-12));
}

TEST_CASE("policies: risk-targeted follow-up switches to the high-risk cadence at the threshold",
          "[models]") {
  // Hazard 0.1 a month: the risk of lasting beyond 52 weeks reaches 0.5 when 0.1 x (364 - d) / 30.4375 =
  // ln 2, at d = 364 - 210.98 = 153.02 days. Low risk: every 4 weeks; high risk: every week.
  auto sc = risk_scenario(0.1);
  sc.states[kF].follow_up.risk_targeted = models::FollowUpPolicy{.first_interview_weeks = 1,
                                                                 .interview_every_weeks = 8,
                                                                 .risk_threshold = 0.5,
                                                                 .long_spell_weeks = 52,
                                                                 .high_risk_interview_every_weeks = 1,
                                                                 .low_risk_interview_every_weeks = 4};
  sc.states[kF].follow_up.policy = models::Policy::risk_targeted;
  // A cohort whose trade has (practically) no vacancies: the risk is computed from F's hazards, but the
  // members do not leave, so every interview is held on schedule.
  sc.cohorts = {{.name = "c",
                 .date = kStart,
                 .jobcentre = "X",
                 .persons = kPersons,
                 .entry = {{"F", 1.0}},
                 .job_finding_multiplier = 1e-9}};
  const auto run = testing::simulate(sc, 1);
  const auto& t = run.task();
  REQUIRE(testing::total(t.monthly.flows) == 0);
  // Interviews on days 7, 35, 63, 91, 119, 147 (each below 153.02: next in 4 weeks), then 175 (high risk:
  // next in 1 week), 182, 189, ..., 210. Months start on days 0, 31, 59, 90, 120, 151, 181 (and 212).
  CHECK(per_person(t, t.interviews, kPersons) == std::vector<double>{1, 1, 1, 2, 1, 1, 5});
}

TEST_CASE("policies: other actors hold the first 26 weeks' interviews without the caseworkers", "[models]") {
  // Other actors interview every 2 weeks from week 1 for the first 26 weeks (182 days); then the jobcentre
  // every 8 weeks, with one caseworker holding one interview a week. A cohort of 20 arrives on day 0.
  auto sc = testing::empty_scenario(kStart, 8);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 1, .interview_every_weeks = 8});
  f.follow_up.other_actor_weeks = 26;
  f.follow_up.other_actor = models::FollowUpPolicy{.first_interview_weeks = 1, .interview_every_weeks = 2};
  sc.states = {f};
  sc.cohorts = {{.name = "c", .date = kStart, .jobcentre = "X", .persons = 20, .entry = {{"F", 1.0}}}};
  sc.caseworkers = {.interviews_per_week_each = 1, .by_jobcentre = {{"X", 1}}};
  const auto run = testing::simulate(sc, 1);
  const auto& t = run.task();
  // Other actors: days 7, 21, ..., 175 (13 each): January 2, February 2 (35, 49), March 2 (63, 77), April 3
  // (91, 105, 119), May 2 (133, 147), June 2 (161, 175). All 20 persons at once, with no queue.
  CHECK(per_person(t, t.other_actor_interviews, 20) == std::vector<double>{2, 2, 2, 3, 2, 2, 0, 0});
  for (std::size_t m = 0; m < 6; ++m) {
    INFO("month " << m);
    CHECK(t.interviews.at(m, kF) == 0);
    CHECK(t.interview_wait_days.at(m, kF) == 0);
  }
  // Day 189 (2011-07-08): all 20 ask the jobcentre at once; one caseworker sees one a week, on days 189, 196,
  // 203, 210 in July (4) and 217, 224, 231, 238 in August (4); the rest wait.
  CHECK(t.interviews.at(6, kF) == 4);
  CHECK(t.interviews.at(7, kF) == 4);
  CHECK(t.interview_wait_days.at(6, kF) > 0);
}

TEST_CASE("policies: a cohort's own policy overrides its jobcentre's", "[models]") {
  // X follows F up normally; a cohort of 10 in X is followed up intensively as a group (e.g. a layoff).
  auto sc = two_policies_scenario();
  sc.states[kF].follow_up.policy = models::Policy::normal;
  sc.states[kF].follow_up.policy_by_jobcentre = {};
  sc.cohorts[0].policy = models::Policy::intensive;  // the cohort in X
  const auto run = testing::simulate(sc, 1);
  // X's cohort: the intensive cadence (as in the first case); Y's cohort: the jobcentre's normal one.
  CHECK(per_person(run.task(0, 0), run.task(0, 0).interviews, kPersons) ==
        std::vector<double>{4, 4, 4, 5, 0, 1});
  CHECK(per_person(run.task(0, 1), run.task(0, 1).interviews, kPersons) ==
        std::vector<double>{1, 0, 1, 1, 0, 1});
}
