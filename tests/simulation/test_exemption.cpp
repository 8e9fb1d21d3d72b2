// Exemption from active measures: exempted spells get no interviews, no offers and no deadline offers.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

// Sick leave (S): interviews at 2 weeks, then every 4; every interview offers a course (longer than the run,
// places for all), and the practice deadline offers one at 8 weeks in any case. 400 persons at the start and
// a cohort of 200 arriving over the first 8 weeks; all have an interview well within the 8-month run.
models::Scenario sick_leave_scenario(double exempt_share) {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 8);
  auto s = testing::followed_up_state("S", {.first_interview_weeks = 2,
                                            .interview_every_weeks = 4,
                                            .offer_probability = 1,
                                            .offer_mix = {{"course", 1.0}},
                                            .first_offer_weeks = {.under_30 = 8, .age_30_plus = 8}});
  s.deadlines = {.first_interview_weeks = {4, 4}, .first_offer_weeks = {13, 13}};
  s.exemption.share = exempt_share;
  sc.states = {s};
  sc.offers = {{.name = "course", .label = "course", .duration_weeks = 100, .places = 10000}};
  sc.jobcentres[0].initial_persons = {{"S", 400}};
  sc.cohorts = {{.name = "new",
                 .date = year{2011} / January / 1,
                 .jobcentre = "X",
                 .persons = 200,
                 .entry = {{"S", 1.0}},
                 .spread_weeks = 8}};
  return sc;
}

testing::Simulated run_one(double exempt_share, std::uint64_t seed) {
  return testing::simulate(sick_leave_scenario(exempt_share), seed);
}

}  // namespace

TEST_CASE("exemption: exempted spells get no interviews and no offers, ever", "[models]") {
  const auto run = run_one(1.0, 3);
  const auto& t = run.task();
  CHECK(testing::total(t.interviews) == 0);
  CHECK(testing::total(t.other_actor_interviews) == 0);
  CHECK(testing::total(t.offer_starts) == 0);  // neither at interviews nor at the 8-week deadline
  CHECK(testing::total(t.offer_queue_joins) == 0);
  // Nor are they due anything for timeliness, or counted as past the legal deadline.
  CHECK(testing::total(t.monthly.first_interview_due) == 0);
  CHECK(testing::total(t.monthly.first_offer_due) == 0);
  CHECK(testing::total(t.untimely.full_time_persons()) == 0);
  CHECK(testing::total(t.cohort_members) == 200);  // the cohort did arrive
}

TEST_CASE("exemption: half exempted, about half as many persons start offers", "[models][stats]") {
  // Without exemption every one of the 600 persons starts exactly one offer (the course outlasts the run).
  const auto none_run = run_one(0.0, 3);
  const auto& none = none_run.task();
  REQUIRE(testing::total(none.offer_starts) == 600);
  // With share 0.5 the non-exempted are Binomial(600, 0.5): mean 300, sd sqrt(600 / 4) = 12.2. We allow
  // 4 sd (49), which a correct engine exceeds with probability 6e-5; the seed is pinned.
  const auto half_run = run_one(0.5, 3);
  const auto& half = half_run.task();
  const double starts = testing::total(half.offer_starts);
  CHECK(std::abs(starts - 300) <= 4 * std::sqrt(600 * 0.25));
  // Interviews: only the non-exempted have them, so fewer than without exemption but some.
  CHECK(testing::total(half.interviews) > 0);
  CHECK(testing::total(half.interviews) < testing::total(none.interviews));
  // Timeliness counts only the non-exempted cohort members, each due one first offer.
  CHECK(testing::total(half.monthly.first_offer_due) < testing::total(none.monthly.first_offer_due));
}
