// The business cycle scales hazards by index ^ elasticity; a cohort arrives on its date, counted once.
#include <catch2/catch.hpp>
#include <cmath>

#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr std::size_t kA = 0, kJ = 1, kS = 2;
constexpr double kPersons = 5000;

// A stock of 5000 in A, one month (January 2011, 31 days), two competing exits at 0.1 a month each: to a job
// (J, elasticity 1) and to sickness (S, elasticity -1: more common in a downturn).
models::Scenario cycle_scenario(std::vector<double> index) {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 1);
  sc.states = {
      {.name = "A", .label = "A"}, testing::absorbing_state("J", false), testing::absorbing_state("S")};
  sc.transitions = {
      {.from = "A", .to = "J", .job_finding = true, .hazard_per_month = {0.1}, .cycle_elasticity = 1},
      {.from = "A", .to = "S", .hazard_per_month = {0.1}, .cycle_elasticity = -1}};
  sc.jobcentres[0].initial_persons = {{"A", kPersons}};
  sc.business_cycle.index = std::move(index);
  return sc;
}

// Competing risks with constant hazards hj and hs per month over 31 days: a person leaves for J with
// probability hj / (hj + hs) * (1 - exp(-(hj + hs) * 31 / 30.4375)). The count is binomial; we accept
// 4 standard deviations (a correct engine fails with probability 6e-5 per check; seeds are pinned).
void check_exits(double observed, double hj, double hs, double h_this) {
  const double p = h_this / (hj + hs) * (1 - std::exp(-(hj + hs) * 31 / (365.25 / 12)));
  const double sd = std::sqrt(kPersons * p * (1 - p));
  INFO("observed " << observed << ", expected " << kPersons * p << ", sd " << sd);
  CHECK(std::abs(observed - kPersons * p) <= 4 * sd);
}

double flow(const models::TaskTally& t, std::size_t to) {
  return t.monthly.flows.at(0, kA, to);
}

}  // namespace

TEST_CASE("business cycle: index 0.5 halves job finding and doubles an elasticity -1 exit",
          "[models][stats]") {
  // Normal times (index 1): both hazards 0.1. Expected exits to J 461 (sd 20), to S the same.
  const auto normal_run = testing::simulate(cycle_scenario({1.0}), 21);
  check_exits(flow(normal_run.task(), kJ), 0.1, 0.1, 0.1);
  check_exits(flow(normal_run.task(), kS), 0.1, 0.1, 0.1);
  // Downturn (index 0.5): job hazard 0.1 x 0.5 = 0.05, sickness 0.1 x 0.5^-1 = 0.2. Expected exits to J
  // 225 (sd 15), to S 899 (sd 27). Were the cycle ignored, J would be ~461: 16 sd away.
  const auto downturn_run = testing::simulate(cycle_scenario({0.5}), 21);
  check_exits(flow(downturn_run.task(), kJ), 0.05, 0.2, 0.05);
  check_exits(flow(downturn_run.task(), kS), 0.05, 0.2, 0.2);
  // Without a cycle, as in normal times.
  const auto none_run = testing::simulate(cycle_scenario({}), 21);
  check_exits(flow(none_run.task(), kJ), 0.1, 0.1, 0.1);
}

namespace {

// A cohort of 130 laid off on 2011-03-15 (day 73, in month 2), 78% to A and 22% to B; nobody leaves.
models::Scenario layoff_scenario() {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 6);
  sc.states = {testing::absorbing_state("A"), testing::absorbing_state("B")};
  sc.cohorts = {{.name = "layoff",
                 .date = year{2011} / March / 15,
                 .jobcentre = "X",
                 .persons = 130,
                 .entry = {{"A", 0.78}, {"B", 0.22}}}};
  return sc;
}

}  // namespace

TEST_CASE("cohorts: members arrive on their date and are counted once", "[models][stats]") {
  const auto run = testing::simulate(layoff_scenario(), 8);
  const auto& t = run.task();
  CHECK(t.cohort_members.at(0) == 130);
  // Inflow: all 130 in March (month 2), none in any other month.
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    double in = 0;
    for (std::size_t s = 0; s < t.monthly.inflow.extent(1); ++s) {
      for (std::size_t g = 0; g < t.monthly.inflow.extent(2); ++g) in += t.monthly.inflow.at(m, s, g);
    }
    INFO("month " << m);
    CHECK(in == (m == 2 ? 130 : 0));
  }
  // The cohort's head count by state at the start of April: A + B = 130; A is Binomial(130, 0.78), mean
  // 101.4, sd 4.7, accepted within 4 sd.
  const auto heads = t.cohort_in_state.heads_at_month_starts();
  const double a = heads.at(3, 0, 0), b = heads.at(3, 0, 1);
  CHECK(a + b == 130);
  CHECK(std::abs(a - 130 * 0.78) <= 4 * std::sqrt(130 * 0.78 * 0.22));
  CHECK(heads.at(2, 0, 0) + heads.at(2, 0, 1) == 0);  // not before March
  // In March they are present from day 73 to 90: 17 of 31 days.
  const auto fte = t.cohort_in_state.full_time_persons();
  CHECK(fte.at(2, 0, 0) + fte.at(2, 0, 1) == Approx(130.0 * 17 / 31));
}

TEST_CASE("cohorts: members are scaled with the run and rounded to whole persons", "[models]") {
  // 130 x 0.5 = 65; 130 x 0.25 = 32.5, rounded half away from zero to 33.
  CHECK(testing::simulate(layoff_scenario(), 8, 1, 0.5).task().cohort_members.at(0) == 65);
  CHECK(testing::simulate(layoff_scenario(), 8, 1, 0.25).task().cohort_members.at(0) == 33);
}
