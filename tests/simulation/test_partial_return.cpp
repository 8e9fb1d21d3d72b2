// Partial return to work: hours rise step by step, reduce the benefit paid, can relapse, and can end in a
// completion state.
#include <catch2/catch.hpp>

#include "models/counts/costs.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr std::size_t kS = 0, kW = 1, kPartial = 0;
constexpr double kPersons = 10;
constexpr std::array<double, 5> kDays2011 = {31, 28, 31, 30, 31};

// Sick leave (S) with a cohort of 10 new spells on day 0. The first interview, at 1 week (day 7), starts a
// 12-week partial return: 4 weeks at 25% hours, 4 at 50%, 4 at 75% (days 7-35, 35-63, 63-91). The next
// interview is 100 weeks away, so nobody gets a second offer. W (work) is off support.
models::Scenario partial_return_scenario(double relapse, const std::string& completion_state) {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 5);
  models::StateSpec s{.name = "S", .label = "S", .has_follow_up = true};
  s.follow_up.normal = {.first_interview_weeks = 1,
                        .interview_every_weeks = 100,
                        .offer_probability = 1,
                        .offer_mix = {{"partial", 1.0}}};
  sc.states = {s, testing::absorbing_state("W", false)};
  sc.transitions = {{.from = "S", .to = "W", .job_finding = true, .hazard_per_month = {0.0}}};
  sc.offers = {{.name = "partial",
                .label = "partial",
                .duration_weeks = 12,
                .places_by_jobcentre = {{"X", 100}},
                .activation = false,
                .hours_steps = {0.25, 0.5, 0.75},
                .relapse_probability = relapse,
                .completion_state = completion_state}};
  sc.cohorts = {{.name = "sick",
                 .date = year{2011} / January / 1,
                 .jobcentre = "X",
                 .persons = kPersons,
                 .entry = {{"S", 1.0}}}};
  sc.money.benefit_dkk_per_day = {{"S", 100}};
  return sc;
}

}  // namespace

TEST_CASE("partial return: hours worked follow the steps, and reduce the benefit paid", "[models]") {
  const auto run = testing::simulate(partial_return_scenario(0, ""), 1);
  const auto& t = run.task();
  // Hour-days per person by month (January 31 days from day 0, February 28 from 31, March 31 from 59, April
  // 30 from 90):
  const std::array<double, 5> hour_days = {0.25 * 24,            // days 7-31 at 25%
                                           0.25 * 4 + 0.5 * 24,  // 31-35 at 25%, 35-59 at 50%
                                           0.5 * 4 + 0.75 * 27,  // 59-63 at 50%, 63-90 at 75%
                                           0.75 * 1,             // 90-91 at 75%
                                           0};
  const auto hours = t.hours_worked.full_time_persons();
  const auto c = models::task_costs(*run.model, 0, t);
  for (std::size_t m = 0; m < 5; ++m) {
    INFO("month " << m);
    CHECK(hours.at(m, kS) == Approx(kPersons * hour_days[m] / kDays2011[m]).margin(1e-9));
    // Benefit: 100 DKK a day for each of the 10 persons all month, less the hours worked.
    const double benefits = 100 * kPersons * (kDays2011[m] - hour_days[m]);
    CHECK(c.total.at(m, static_cast<std::size_t>(models::CostItem::benefits)) == Approx(benefits));
  }
  CHECK(t.offer_starts.at(0, kS, kPartial) == kPersons);
  CHECK(testing::total(t.monthly.flows) == 0);  // nobody leaves S without a completion state
}

TEST_CASE("partial return: a certain relapse ends it after the first step", "[models]") {
  const auto run = testing::simulate(partial_return_scenario(1, "W"), 1);
  const auto& t = run.task();
  const auto hours = t.hours_worked.full_time_persons();
  const auto in_offer = t.in_offer.full_time_persons();
  for (std::size_t m = 0; m < 5; ++m) {
    INFO("month " << m);
    // Nobody gets past 25% hours: hours worked never exceed a quarter of the participants.
    CHECK(hours.at(m, kS) <= 0.25 * in_offer.at(m, kS, kPartial) + 1e-9);
  }
  // Relapse at the end of step 1 (day 35): 25% over days 7-35 and nothing after.
  CHECK(hours.at(0, kS) == Approx(kPersons * 0.25 * 24 / 31));
  CHECK(hours.at(1, kS) == Approx(kPersons * 0.25 * 4 / 28));
  CHECK(hours.at(2, kS) == 0);
  CHECK(in_offer.at(1, kS, kPartial) == Approx(kPersons * 4 / 28));
  CHECK(testing::total(t.monthly.flows) == 0);  // a relapse is not a completion: nobody moves to W
}

TEST_CASE("partial return: completing it moves the person to the completion state", "[models]") {
  const auto run = testing::simulate(partial_return_scenario(0, "W"), 1);
  const auto& t = run.task();
  // The last step ends on day 91 (2011-04-02, month 3): all 10 move from S to W then, as a job start.
  for (std::size_t m = 0; m < 5; ++m) {
    INFO("month " << m);
    CHECK(t.monthly.flows.at(m, kS, kW) == (m == 3 ? kPersons : 0));
  }
  CHECK(t.job_starts.at(3, kS) == kPersons);
  const auto heads = t.in_state.heads_at_month_starts();
  double in_w = 0;
  for (std::size_t g = 0; g < heads.extent(2); ++g) in_w += heads.at(4, kW, g);
  CHECK(in_w == kPersons);
  // Hours stop with the offer: none in May.
  CHECK(t.hours_worked.full_time_persons().at(4, kS) == 0);
}
