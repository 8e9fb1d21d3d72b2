// Offer places, waiting lists and the lock-in effect on a hand-made scenario.
#include <catch2/catch.hpp>

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;

namespace {

// Unemployed persons (U) interviewed every 2 weeks, each interview offering a 12-week course.
models::Scenario course_scenario(double places, double lock_in) {
  auto sc = testing::two_state_scenario(0.2, 0.0, 1000, 6, 1);
  sc.states[0].has_follow_up = true;
  sc.states[0].follow_up.normal = {.first_interview_weeks = 1,
                                   .interview_every_weeks = 2,
                                   .offer_probability = 1.0,
                                   .offer_mix = {{"course", 1.0}}};
  sc.states[1].absorbing = true;
  sc.transitions.pop_back();
  sc.transitions[0].job_finding = true;
  sc.offers = {{.name = "course",
                .label = "course",
                .duration_weeks = 12,
                .places = places,
                .lock_in_multiplier = lock_in}};
  return sc;
}

}  // namespace

TEST_CASE("offers: never more persons in an offer than it has places", "[models]") {
  const models::Model model(course_scenario(50, 1.0), 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 5, .threads = 1});
  const auto& t = run.task(0, 0);
  const auto heads = t.in_offer.heads_at_month_starts();
  double peak = 0;
  for (double h : heads.values()) peak = std::max(peak, h);
  CHECK(peak <= 50);
  CHECK(peak >= 45);  // demand (1000 persons) far exceeds places, so they stay nearly full
  CHECK(testing::total(t.offer_queue_joins) > 0);
  // Every start after the first 50 came from a freed place: starts <= 50 + places freed by course ends
  // (12 weeks each) and by participants leaving for work.
  CHECK(testing::total(t.offer_starts) > 50);
}

TEST_CASE("offers: with places for everyone nobody waits", "[models]") {
  const models::Model model(course_scenario(5000, 1.0), 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 5, .threads = 1});
  CHECK(testing::total(run.task(0, 0).offer_queue_joins) == 0);
  CHECK(testing::total(run.task(0, 0).offer_starts) > 900);
}

TEST_CASE("offers: a lock-in multiplier slows job finding while in the offer", "[models][stats]") {
  // Same seed, so the two runs share their random numbers and the difference is the lock-in alone.
  const auto exits = [](double lock_in) {
    const models::Model model(course_scenario(5000, lock_in), 1.0);
    const auto run = models::simulate(model, {.replications = 4, .seed = 11, .threads = 2});
    double n = 0;
    for (int r = 0; r < 4; ++r) n += testing::total(run.task(r, 0).monthly.flows);
    return n;
  };
  const double free_exits = exits(1.0), locked_exits = exits(0.25);
  // Over 6 months with hazard 0.2/month, about 4000 x (1 - e^-1.2) = 2800 exits without lock-in; at a quarter
  // of the hazard for 12 weeks of it, far fewer. The gap (hundreds) dwarfs the binomial noise (~30).
  CHECK(locked_exits < free_exits - 300);
}
