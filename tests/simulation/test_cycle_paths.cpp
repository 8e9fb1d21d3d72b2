// An uncertain economy: each replication's own random walk of the business-cycle index.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/indicators.hpp"
#include "models/cycle_paths.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

// 400 on temporary support U, 30 new spells a month, leaving for work at 0.2 a month (following the cycle).
models::Scenario economy(double volatility) {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 12);
  sc.states = {{.name = "U", .label = "U"}, {.name = "E", .label = "E", .on_support = false}};
  sc.transitions = {
      {.from = "U", .to = "E", .job_finding = true, .hazard_per_month = {0.2}, .cycle_elasticity = 1}};
  sc.jobcentres[0].initial_persons = {{"U", 400}};
  sc.jobcentres[0].inflow_per_month = {{"U", 30}};
  sc.business_cycle.index = {1.0, 0.9};
  sc.business_cycle.volatility_per_month = volatility;
  return sc;
}

double variance(const std::vector<double>& x) {
  double mean = 0, ss = 0;
  for (double v : x) mean += v / static_cast<double>(x.size());
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / static_cast<double>(x.size() - 1);
}

std::vector<double> december_reserve(const models::RunResult& run) {
  std::vector<double> out;
  for (int r = 0; r < run.replications; ++r) out.push_back(run.task(r, 0).monthly.labour_reserve.at(11));
  return out;
}

}  // namespace

TEST_CASE("cycle paths: volatility 0 keeps the scenario's index; otherwise month 0 is kept", "[models]") {
  const auto sc = economy(0);
  CHECK(models::cycle_path(sc.business_cycle, 4, 1, 0) == std::vector<double>{1.0, 0.9, 0.9, 0.9});
  CHECK(models::cycle_path({}, 3, 1, 0) == std::vector<double>{1.0, 1.0, 1.0});
  const auto path = models::cycle_path(economy(0.1).business_cycle, 4, 1, 0);
  CHECK(path[0] == 1.0);
  CHECK(path[1] != 0.9);
  CHECK(path ==
        models::cycle_path(economy(0.1).business_cycle, 4, 1, 0));  // a function of seed and replication
  CHECK(path != models::cycle_path(economy(0.1).business_cycle, 4, 1, 1));
  CHECK(path != models::cycle_path(economy(0.1).business_cycle, 4, 2, 0));
}

TEST_CASE("cycle paths: the monthly steps in logs have mean 0 and the stated standard deviation",
          "[models][stats]") {
  // 4000 replications x 11 steps: the mean of 44,000 normal steps with sd 0.1 has standard error 0.1 /
  // sqrt(44000) = 0.00048; their variance 0.01 has standard error 0.01 * sqrt(2 / 44000) = 0.000067. We
  // accept 4 standard errors (seeds pinned).
  std::vector<double> steps;
  const auto cycle = economy(0.1).business_cycle;
  for (std::uint32_t r = 0; r < 4000; ++r) {
    const auto path = models::cycle_path(cycle, 12, 99, r);
    for (std::size_t m = 1; m < path.size(); ++m)
      steps.push_back(std::log(path[m] / cycle.index[std::min<std::size_t>(m, 1)]) -
                      std::log(path[m - 1] / cycle.index[std::min<std::size_t>(m - 1, 1)]));
  }
  double mean = 0;
  for (double s : steps) mean += s / static_cast<double>(steps.size());
  CHECK(std::abs(mean) <= 4 * 0.1 / std::sqrt(44000.0));
  CHECK(std::abs(variance(steps) - 0.01) <= 4 * 0.01 * std::sqrt(2.0 / 44000));
}

TEST_CASE("simulate: with volatility 0 every replication runs under the scenario's own model", "[models]") {
  const models::Model model(economy(0), 1.0);
  const auto run = models::simulate(model, {.replications = 3, .seed = 5, .threads = 2});
  CHECK(run.replication_models.empty());
  for (int r = 0; r < 3; ++r) {
    const auto alone = models::simulate_task(model, {static_cast<std::uint32_t>(r), 0}, 5);
    CHECK(run.task(r, 0).monthly.labour_reserve == alone.monthly.labour_reserve);
    CHECK(run.task(r, 0).monthly.flows == alone.monthly.flows);
  }
}

TEST_CASE("simulate: an uncertain economy widens the spread of the labour reserve, whatever the threads",
          "[models][stats]") {
  // 40 replications each. Without volatility the December labour reserve varies only by chance in who moves
  // when; with 10% a month the job-finding rate itself differs by about +-30% between replications by
  // December. Equal variances would give a ratio above 3 with probability below 0.001 (F with 39 and 39
  // degrees of freedom); the expected ratio here is well above 10.
  const models::Model certain(economy(0), 1.0), uncertain(economy(0.1), 1.0);
  const auto calm = models::simulate(certain, {.replications = 40, .seed = 3, .threads = 2});
  const auto one_thread = models::simulate(uncertain, {.replications = 40, .seed = 3, .threads = 1});
  const auto two_threads = models::simulate(uncertain, {.replications = 40, .seed = 3, .threads = 2});
  REQUIRE(one_thread.replication_models.size() == 40);
  const double ratio = variance(december_reserve(one_thread)) / variance(december_reserve(calm));
  INFO("variance ratio " << ratio);
  CHECK(ratio > 3);
  CHECK(december_reserve(one_thread) == december_reserve(two_threads));
  for (int r = 0; r < 40; ++r)
    CHECK(one_thread.task(r, 0).monthly.flows == two_threads.task(r, 0).monthly.flows);
}
