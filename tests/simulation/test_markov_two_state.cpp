// The full model on a two-state chain against the analytic Markov answer.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "sim/strong_types.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;

namespace {

// Probability of being in B at day t, starting in A, with rates per day a and b.
double p_b(double a, double b, double t) {
  return a / (a + b) * (1.0 - std::exp(-(a + b) * t));
}

// Mean of p_b over [t0, t1]: the expected full-time share in B during that month.
double p_b_average(double a, double b, double t0, double t1) {
  const double k = a + b;
  return a / k * (1.0 - (std::exp(-k * t0) - std::exp(-k * t1)) / (k * (t1 - t0)));
}

}  // namespace

TEST_CASE("simulate: two-state chain matches the analytic Markov stocks", "[models][stats]") {
  const double a_month = 0.3, b_month = 0.1, persons = 2000;
  const int months = 12, replications = 20;
  const models::Model model(testing::two_state_scenario(a_month, b_month, persons, months, replications),
                            1.0);
  const models::RunResult run =
      models::simulate(model, {.replications = replications, .seed = 7, .threads = 2});
  const double a = a_month / sim::kDaysPerMonth, b = b_month / sim::kDaysPerMonth;
  const double n = persons * replications;
  const auto& cal = model.calendar();

  for (int m = 1; m < months; ++m) {
    double heads_b = 0, fte_b = 0;
    for (int r = 0; r < replications; ++r) {
      const auto& t = run.task(r, 0);
      // Cell of state B (index 1), summed over the four groups.
      const auto heads = t.in_state.heads_at_month_starts();
      const auto fte = t.in_state.full_time_persons();
      for (std::size_t g = 0; g < heads.extent(2); ++g) {
        heads_b += heads.at(m, 1, g);
        fte_b += fte.at(m, 1, g);
      }
    }
    const double p = p_b(a, b, cal.month_start(m).value);
    // Heads in B are binomial(n, p) over independent persons: 4 standard errors gives a false alarm rate
    // below 1e-4 per check, and the seed is fixed.
    const double se = std::sqrt(n * p * (1 - p));
    INFO("month " << m << ": expected " << n * p << " in B, simulated " << heads_b);
    CHECK(std::abs(heads_b - n * p) < 4 * se);
    // The full-time count averages the same indicator over a month; its variance is at most the binomial
    // variance at the month's start or end, so the same 4-SE bound (with the larger p(1-p)) holds.
    const double p_avg = p_b_average(a, b, cal.month_start(m).value, cal.month_end(m).value);
    const double se_avg = std::sqrt(n * 0.25);
    INFO("month " << m << ": expected " << n * p_avg << " full-time in B, simulated " << fte_b);
    CHECK(std::abs(fte_b - n * p_avg) < 4 * se_avg);
  }
}

TEST_CASE("simulate: nobody is created or lost in a closed population", "[models]") {
  const models::Model model(testing::two_state_scenario(0.5, 0.2, 500, 6, 3), 1.0);
  const models::RunResult run = models::simulate(model, {.replications = 3, .seed = 1, .threads = 1});
  for (int r = 0; r < 3; ++r) {
    const auto heads = run.task(r, 0).in_state.heads_at_month_starts();
    for (std::size_t m = 0; m < heads.extent(0); ++m) {
      double total = 0;
      for (std::size_t s = 0; s < heads.extent(1); ++s) {
        for (std::size_t g = 0; g < heads.extent(2); ++g) total += heads.at(m, s, g);
      }
      CHECK(total == 500);
    }
    CHECK(testing::total(run.task(r, 0).in_state.heads_at_end()) == 500);
  }
}
