// Monthly costs by item and payer: amounts from person-time, reimbursement shares, and the payer split.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/costs.hpp"
#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2012} / January / 1;
// 2012 is a leap year.
constexpr std::array<double, 12> kDays2012 = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

constexpr std::size_t item(models::CostItem i) {
  return static_cast<std::size_t>(i);
}

double total_of(const models::TaskCosts& c, std::size_t m, models::CostItem i) {
  return c.total.at(m, item(i));
}

double payer_of(const models::TaskCosts& c, std::size_t m, models::CostItem i, std::size_t payer) {
  return c.by_payer.at(m, item(i), payer);
}

// state + municipality == total for every month and item, to 1e-9 relative.
void check_payers_add_up(const models::TaskCosts& c, std::size_t months) {
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t i = 0; i < models::kCostItems; ++i) {
      const auto it = static_cast<models::CostItem>(i);
      INFO("month " << m << ", item " << models::kCostItemLabels[i]);
      const double sum = payer_of(c, m, it, 0) + payer_of(c, m, it, 1);
      CHECK(sum == Approx(total_of(c, m, it)).epsilon(1e-9).margin(1e-9));
    }
  }
}

}  // namespace

TEST_CASE("costs: passive benefit is persons x rate x days, split by the passive share", "[models]") {
  // 25 persons on A all year, 1000 DKK per day, of which the state reimburses 30%.
  auto sc = testing::empty_scenario(kStart, 12);
  sc.states = {testing::absorbing_state("A")};
  sc.jobcentres[0].initial_persons = {{"A", 25}};
  sc.money.benefit_dkk_per_day = {{"A", 1000}};
  sc.money.rule_sets = {{.name = "rules", .benefit_passive = {{"A", 0.3}}}};
  const models::Model model(sc, 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 1, .threads = 1});
  const auto c = models::task_costs(model, 0, run.task(0, 0));
  using models::CostItem;
  for (std::size_t m = 0; m < 12; ++m) {
    INFO("month " << m);
    const double expected = 25 * 1000 * kDays2012[m];  // e.g. February: 25 x 1000 x 29 = 725,000
    CHECK(total_of(c, m, CostItem::benefits) == Approx(expected).epsilon(1e-12));
    CHECK(payer_of(c, m, CostItem::benefits, 0) == Approx(0.3 * expected).epsilon(1e-12));
    CHECK(payer_of(c, m, CostItem::benefits, 1) == Approx(0.7 * expected).epsilon(1e-12));
    for (const auto other : {CostItem::offers, CostItem::caseworkers, CostItem::other_actors})
      CHECK(total_of(c, m, other) == 0);
  }
  check_payers_add_up(c, 12);
}

TEST_CASE("costs: with offers, waiting, other actors and caseworkers every item adds up", "[models]") {
  // F is followed up: interviews every 2 weeks offer an 8-week course (30 places for 150 persons, so many
  // wait past the 4-week legal deadline and their benefit counts as untimely); half the participants also get
  // a mentor (an add-on). Other actors hold the interviews of the first 4 weeks. 100 persons at the start and
  // 50 more on 2012-02-01 (day 31); nobody leaves F.
  auto sc = testing::empty_scenario(kStart, 6);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 1,
                                            .interview_every_weeks = 2,
                                            .offer_probability = 1,
                                            .offer_mix = {{"course", 1.0}}});
  f.deadlines.first_offer_weeks = {4, 4};
  f.follow_up.other_actor_weeks = 4;
  f.follow_up.other_actor = models::FollowUpPolicy{.first_interview_weeks = 1, .interview_every_weeks = 1};
  sc.states = {f};
  sc.offers = {{.name = "course",
                .label = "course",
                .duration_weeks = 8,
                .places = 30,
                .weekly_cost_dkk = 700,
                .add_on_share = 0.5},
               {.name = "mentor",
                .label = "mentor",
                .duration_weeks = 8,
                .places = 10,
                .weekly_cost_dkk = 350,
                .add_on = true}};
  sc.jobcentres[0].initial_persons = {{"F", 100}};
  sc.cohorts = {{.name = "new",
                 .date = year{2012} / February / 1,
                 .jobcentre = "X",
                 .persons = 50,
                 .entry = {{"F", 1.0}}}};
  sc.caseworkers = {.by_jobcentre = {{"X", 3}}, .cost_dkk_per_year = 450000};
  sc.money = {.benefit_dkk_per_day = {{"F", 500}},
              .other_actor_dkk_per_interview = 250,
              .rule_sets = {{.name = "rules",
                             .benefit_passive = {{"F", 0.3}},
                             .benefit_untimely = 0.1,
                             .benefit_in_offer = {{"course", 0.5}},
                             .offer_cost = {{"course", 0.5}, {"mentor", 0.8}},
                             .caseworkers = 0.25,
                             .other_actors = 0.9}}};
  const models::Model model(sc, 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 4, .threads = 1});
  const auto& t = run.task(0, 0);
  const auto c = models::task_costs(model, 0, t);
  // The mix is exercised: participants, an add-on, persons past the deadline, other actors' interviews.
  REQUIRE(testing::total(t.offer_starts) > 30);
  REQUIRE(testing::total(t.in_offer.full_time_persons()) > 0);
  REQUIRE(t.offer_starts.at(0, 0, 1) > 0);  // month 0, state F, offer mentor
  REQUIRE(testing::total(t.untimely.full_time_persons()) > 0);
  REQUIRE(testing::total(t.other_actor_interviews) > 0);

  check_payers_add_up(c, 6);
  using models::CostItem;
  for (std::size_t m = 0; m < 6; ++m) {
    INFO("month " << m);
    const double days = kDays2012[m];
    // Caseworkers: 3 x 450,000 DKK a year, for the month's share of a 365.25-day year; the state pays 25%.
    const double caseworkers = 3 * 450000 * days / 365.25;
    CHECK(total_of(c, m, CostItem::caseworkers) == Approx(caseworkers).epsilon(1e-12));
    CHECK(payer_of(c, m, CostItem::caseworkers, 0) == Approx(0.25 * caseworkers).epsilon(1e-12));
    // Benefits are paid to everyone on F whether passive, late or in an offer, and once only (the mentor is
    // alongside the course): 100 persons in January, 150 from February.
    const double persons = m == 0 ? 100 : 150;
    CHECK(total_of(c, m, CostItem::benefits) == Approx(persons * 500 * days).epsilon(1e-9));
    // Other actors: 250 DKK per interview they held.
    CHECK(total_of(c, m, CostItem::other_actors) ==
          Approx(250 * t.other_actor_interviews.at(m, 0)).epsilon(1e-12));
    CHECK(total_of(c, m, CostItem::offers) > 0);
  }
}
