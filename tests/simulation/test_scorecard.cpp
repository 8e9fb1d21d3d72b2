// Scorecard indicators: kept in jobs 6 months after a job start, and timeliness of first interviews.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/indicators.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2011} / January / 1;
constexpr std::size_t kA = 0;

// 50 persons on A (on support) leave for a job (J, off support) at 30 a month: practically all within the
// first days of January (still in A after 31 days: exp(-30.6) = 5e-14 each). The job lasts exactly
// `job_weeks` (J's limit) and then the person is back on A.
models::Scenario job_scenario(double job_weeks) {
  auto sc = testing::empty_scenario(kStart, 12);
  sc.states = {{.name = "A", .label = "A"}, testing::limited_state("J", job_weeks, "A", false)};
  sc.transitions = {{.from = "A", .to = "J", .job_finding = true, .hazard_per_month = {30}}};
  sc.jobcentres[0].initial_persons = {{"A", 50}};
  return sc;
}

}  // namespace

TEST_CASE("scorecard: kept in jobs counts job spells lasting 6 months", "[models]") {
  // 6 months = 182.625 days. 20 weeks (140 days) is shorter; 30 weeks (210 days) longer. A month's share is
  // known only when the 6 months after its end fall within the run (12 months, 365 days): months 0-5.
  for (const double weeks : {20.0, 30.0}) {
    INFO(weeks << "-week jobs");
    const auto run = testing::simulate(job_scenario(weeks), 5);
    const auto& t = run.task();
    REQUIRE(t.job_starts.at(0, kA) == 50);
    const auto kept = models::kept_in_jobs(*run.model, t);
    std::size_t known = 0;
    for (std::size_t m = 0; m < testing::months_of(t); ++m) {
      INFO("month " << m);
      const double k = kept.at(m, kA);
      if (m >= 6) CHECK(std::isnan(k));  // the window closes after the horizon
      if (std::isnan(k)) continue;
      ++known;
      CHECK(k == (weeks < 26 ? 0.0 : 100.0));
    }
    CHECK(!std::isnan(kept.at(0, kA)));
    // 20-week jobs: the second round of starts (about day 140, May) is known too.
    if (weeks < 26) CHECK(known == 2);
  }
}

namespace {

// A cohort of 20 new spells on day 0 in F, first interview at `weeks`.
models::Scenario first_interview_scenario(double weeks) {
  auto sc = testing::empty_scenario(kStart, 6);
  sc.states = {testing::followed_up_state("F", {.first_interview_weeks = weeks, .interview_every_weeks = 8})};
  sc.cohorts = {{.name = "c", .date = kStart, .jobcentre = "X", .persons = 20, .entry = {{"F", 1.0}}}};
  return sc;
}

double timeliness(const models::TaskTally& t, std::size_t window) {
  return models::percent(t.monthly.first_interview_met, t.monthly.first_interview_due).at(0, 0, window);
}

}  // namespace

TEST_CASE("scorecard: first interviews within 1 and 3 months", "[models]") {
  constexpr std::size_t kOneMonth = 0, kThreeMonths = 1;
  {
    // At 2 weeks (14 days): within 1 month (30.44 days).
    const auto run = testing::simulate(first_interview_scenario(2), 1);
    CHECK(run.task().monthly.first_interview_due.at(0, 0, kOneMonth) == 20);
    CHECK(timeliness(run.task(), kOneMonth) == 100.0);
    CHECK(timeliness(run.task(), kThreeMonths) == 100.0);
  }
  {
    // At 6 weeks (42 days): not within 1 month, within 3 (91.31 days).
    const auto run = testing::simulate(first_interview_scenario(6), 1);
    CHECK(run.task().monthly.first_interview_due.at(0, 0, kOneMonth) == 20);
    CHECK(timeliness(run.task(), kOneMonth) == 0.0);
    CHECK(timeliness(run.task(), kThreeMonths) == 100.0);
  }
}
