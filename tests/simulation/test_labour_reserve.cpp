// The labour reserve: persons with more than 3 months of continuous temporary public support, as full-time
// persons per month, on exact hand-made timelines (every move is a benefit limit, nothing is random).
#include <catch2/catch.hpp>

#include "models/counts/indicators.hpp"
#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2011} / January / 1;
constexpr int kMonths = 12;
constexpr double kPersons = 10;
// 3 months of 365.25 / 12 days.
constexpr double kAfterDays = 3 * 365.25 / 12;

// Full-time persons per month for kPersons persons each counted over [from, to), by hand.
std::vector<double> expected_reserve(double from, double to) {
  const auto starts = testing::month_start_days(kStart, kMonths);
  std::vector<double> out;
  for (int m = 0; m < kMonths; ++m) {
    const double length = starts[m + 1] - starts[m];
    out.push_back(kPersons * testing::overlap_days(from, to, starts[m], starts[m + 1]) / length);
  }
  return out;
}

std::vector<double> simulated_reserve(const models::Scenario& sc) {
  const models::Model model(sc, 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 1, .threads = 1});
  const auto& reserve = run.task(0, 0).monthly.labour_reserve;
  return {reserve.values().begin(), reserve.values().end()};
}

void check_months(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t m = 0; m < got.size(); ++m) {
    INFO("month " << m);
    CHECK(got[m] == Approx(want[m]).margin(1e-9));
  }
}

models::Scenario scenario_with(std::vector<models::StateSpec> states) {
  auto sc = testing::empty_scenario(kStart, kMonths);
  sc.jobcentres[0].initial_persons = {{states.front().name, kPersons}};
  sc.states = std::move(states);
  return sc;
}

}  // namespace

TEST_CASE("labour reserve: a person counts only after more than 3 months of support", "[models]") {
  REQUIRE(models::kLabourReserveAfterMonths * sim::kDaysPerMonth == kAfterDays);  // 91.3125 days
  // On support from day 0 to the horizon: counted from day 91.3125 (2011-04-01 is day 90), so nothing in
  // January-March, (120 - 91.3125) / 30 of April, and everyone from May.
  const auto got = simulated_reserve(scenario_with({testing::absorbing_state("A")}));
  check_months(got, expected_reserve(kAfterDays, 365));
  CHECK(got[2] == 0);
  CHECK(got[3] == Approx(kPersons * (120 - kAfterDays) / 30));
  CHECK(got[4] == Approx(kPersons));
}

TEST_CASE("labour reserve: a break off support resets the count, a move between benefits does not",
          "[models]") {
  // A for 10 weeks [0, 70), off support (B) for 2 weeks [70, 84), then A2 for 10 weeks [84, 154) and A3 for
  // 20 weeks [154, 294), then off support for good (C). Support is continuous from day 84 to day 294, so
  // the person counts over [84 + 91.3125, 294) = [175.3125, 294): June (part) to October (part).
  // Without the reset the count would start at day 91.3125; with a reset at A2 -> A3, at day 245.3125.
  const auto got = simulated_reserve(
      scenario_with({testing::limited_state("A", 10, "B"), testing::limited_state("B", 2, "A2", false),
                     testing::limited_state("A2", 10, "A3"), testing::limited_state("A3", 20, "C"),
                     testing::absorbing_state("C", false)}));
  check_months(got, expected_reserve(84 + kAfterDays, 294));
  CHECK(got[4] == 0);  // May: 84 + 91.3125 = 175.3 is in June (days 151-181)
  CHECK(got[5] > 0);
  CHECK(got[7] == Approx(kPersons));  // August, wholly within the counted span
}

TEST_CASE("labour reserve: only temporary benefits count, not permanent support", "[models]") {
  // A for 20 weeks, then permanent support P (still public support) for the rest of the year: the person
  // counts over [91.3125, 140) only.
  auto permanent = testing::absorbing_state("P");
  permanent.permanent_support = true;
  const auto got = simulated_reserve(scenario_with({testing::limited_state("A", 20, "P"), permanent}));
  check_months(got, expected_reserve(kAfterDays, 140));
  CHECK(got[6] == 0);
}

TEST_CASE("labour reserve: the initial stock matches an observed labour reserve at the start", "[models]") {
  // Two temporary benefits, one with short spells and one with long ones, so their stationary shares past
  // 3 months differ (about 50% and 85%), and an observed reserve well below the stationary one. Persons past
  // 3 months at day 0 are independent draws, so their count has variance sum p(1 - p) <= n / 4: with n =
  // 40,000 the count must lie within 4 * sqrt(n / 4) = 400 of the observed 18,000 (the stationary shares
  // alone would give about 27,000).
  auto sc = testing::empty_scenario(kStart, kMonths);
  sc.states = {{.name = "short", .label = "short"},
               {.name = "long", .label = "long"},
               testing::absorbing_state("job", false)};
  sc.transitions = {{.from = "short", .to = "job", .job_finding = true, .hazard_per_month = {0.23}},
                    {.from = "long", .to = "job", .job_finding = true, .hazard_per_month = {0.055}}};
  sc.initial_durations = models::InitialDurations::stationary;
  constexpr double kEach = 20000, kObserved = 18000;
  sc.jobcentres[0].initial_persons = {{"short", kEach}, {"long", kEach}};
  sc.jobcentres[0].under_30_share = 0.3;
  sc.jobcentres[0].observed_labour_reserve = kObserved;

  const models::Model model(sc, 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 7, .threads = 1});
  const auto heads = run.task(0, 0).labour_reserve.heads_at_month_starts();
  double at_start = 0;
  for (std::size_t g = 0; g < models::kGroupCount; ++g) at_start += heads.at(0, g);
  CHECK(std::abs(at_start - kObserved) < 4 * std::sqrt(2 * kEach / 4));

  // Without the observation the same stock follows the stationary shares, far above it.
  sc.jobcentres[0].observed_labour_reserve.reset();
  const models::Model stationary(sc, 1.0);
  const auto free_run = models::simulate(stationary, {.replications = 1, .seed = 7, .threads = 1});
  const auto free_heads = free_run.task(0, 0).labour_reserve.heads_at_month_starts();
  double free_start = 0;
  for (std::size_t g = 0; g < models::kGroupCount; ++g) free_start += free_heads.at(0, g);
  CHECK(free_start > kObserved + 4000);
}
