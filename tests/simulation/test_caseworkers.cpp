// Caseworker capacity: interviews queue for a free caseworker, so a jobcentre holds no more interviews than
// its caseworkers have slots for, and first interviews come late.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/indicators.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr std::size_t kF = 0, kOneMonth = 0, kLegal = 2;

// 200 persons in F from the start, interviewed every 2 weeks (100 interviews a week asked for), and a cohort
// of 50 new spells on 2011-02-01 (day 31) with their first interview due at 2 weeks (day 45). The legal
// first-interview deadline is 4 weeks. Two caseworkers hold `each_per_week` interviews a week each (0:
// unlimited).
models::Scenario busy_scenario(double each_per_week) {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 6);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 2, .interview_every_weeks = 2});
  f.deadlines.first_interview_weeks = {4, 4};
  sc.states = {f};
  sc.jobcentres[0].initial_persons = {{"F", 200}};
  sc.cohorts = {{.name = "new",
                 .date = year{2011} / February / 1,
                 .jobcentre = "X",
                 .persons = 50,
                 .entry = {{"F", 1.0}}}};
  sc.caseworkers = {.interviews_per_week_each = each_per_week, .by_jobcentre = {{"X", 2}}};
  return sc;
}

double interview_timeliness(const models::TaskTally& t, std::size_t month, std::size_t window) {
  return models::percent(t.monthly.first_interview_met, t.monthly.first_interview_due).at(month, 0, window);
}

}  // namespace

TEST_CASE("caseworkers: interviews per month match capacity when demand exceeds it", "[models]") {
  const auto run = testing::simulate(busy_scenario(10), 6);
  const auto& t = run.task();
  const auto starts = testing::month_start_days(year{2011} / January / 1, 6);
  // Capacity: 2 caseworkers x 10 a week = 20 a week, one interview every 0.35 days. Demand is 5 times that,
  // so from the first request (within the first hours of day 0) the caseworkers are never idle: interviews
  // are held at t0 + 0.35 k. A month of D days then holds D / 0.35 interviews, give or take one for where
  // the first and last slots fall; the first month also loses the slots before t0.
  const double per_day = 2 * 10 / 7.0;
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    const double capacity = per_day * (starts[m + 1] - starts[m]);
    const double held = t.interviews.at(m, kF);
    CHECK(held <= capacity + 1);
    if (m > 0) CHECK(held >= capacity - 1);
    CHECK(t.interview_wait_days.at(m, kF) > 0);
  }
}

TEST_CASE("caseworkers: limited capacity makes first interviews late", "[models]") {
  const auto unlimited_run = testing::simulate(busy_scenario(0), 6);
  const auto limited_run = testing::simulate(busy_scenario(10), 6);
  const auto& unlimited = unlimited_run.task();
  const auto& limited = limited_run.task();
  // Unlimited: the cohort (spells from month 1) is seen at exactly 2 weeks, within 1 month and within the
  // legal 4 weeks; nobody waits.
  CHECK(testing::total(unlimited.interview_wait_days) == 0);
  CHECK(interview_timeliness(unlimited, 1, kOneMonth) == 100.0);
  CHECK(interview_timeliness(unlimited, 1, kLegal) == 100.0);
  // Limited: the 200 first requests of days 0-14 alone keep the caseworkers busy until day 200 x 0.35 = 70,
  // and the cohort asks on day 45, behind them; so its first interviews come on day 70 or later, 39+ days
  // into the spell: past 1 month (30.4 days) and past 4 weeks.
  CHECK(interview_timeliness(limited, 1, kOneMonth) == 0.0);
  CHECK(interview_timeliness(limited, 1, kLegal) == 0.0);
  CHECK(testing::total(limited.interviews) < testing::total(unlimited.interviews));
}
