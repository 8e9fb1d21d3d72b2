// Forecast statistics (bands, median, p_meet, the region), the target files' reader, and the bands' coverage
// of a simulated truth.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "models/scenario/plan_targets.hpp"
#include "results/file/forecast_output.hpp"
#include "results/stats/forecast.hpp"
#include "results/text/forecast_format.hpp"
#include "sim/input_error.hpp"
#include "simulation/toy_scenarios.hpp"

using namespace labsim;
using Catch::Matchers::Equals;
using models::PermanentSupportMeasure;

TEST_CASE("forecast: band ranks are the order statistics whose coverage is (j - i) / (n + 1)", "[results]") {
  const auto b80 = results::band_ranks(100, 0.8);
  CHECK(b80.lower_rank == 10);  // floor(0.1 * 101)
  CHECK(b80.upper_rank == 91);
  CHECK(b80.coverage == Approx(81.0 / 101));
  const auto b95 = results::band_ranks(100, 0.95);
  CHECK(b95.lower_rank == 2);  // floor(0.025 * 101)
  CHECK(b95.upper_rank == 99);
  CHECK(b95.coverage == Approx(97.0 / 101));
  // 39 draws give exactly 80% (4th to 36th) and 95% (1st to 39th).
  CHECK(results::band_ranks(39, 0.8).coverage == Approx(0.8));
  CHECK(results::band_ranks(39, 0.95).coverage == Approx(0.95));
  // Too few draws for 95%: the widest band there is, with its true coverage.
  const auto small = results::band_ranks(9, 0.95);
  CHECK(small.lower_rank == 1);
  CHECK(small.upper_rank == 9);
  CHECK(small.coverage == Approx(0.8));
}

TEST_CASE("forecast: empirical statistics are the median, order statistics and the share at or below plan",
          "[results]") {
  std::vector<double> draws(39);
  std::iota(draws.begin(), draws.end(), 1.0);  // 1..39, given shuffled
  std::reverse(draws.begin(), draws.end());
  std::swap(draws[3], draws[30]);
  const auto s = results::empirical_stats(draws, 10.0);
  CHECK(s.forecast == 20);
  CHECK(s.low80 == 4);
  CHECK(s.high80 == 36);
  CHECK(s.low95 == 1);
  CHECK(s.high95 == 39);
  REQUIRE(s.p_meet);
  CHECK(*s.p_meet == Approx(10.0 / 39));  // 1..10 are at or below 10: a level equal to the plan meets it
  CHECK_FALSE(results::empirical_stats(draws, std::nullopt).p_meet);
  CHECK(results::empirical_stats({4, 1, 3, 2}, 0.5).forecast == 2.5);  // even count: mean of the middle two
  CHECK(*results::empirical_stats({4, 1, 3, 2}, 0.5).p_meet == 0);
}

TEST_CASE("forecast: the normal approximation's bands and p_meet", "[results]") {
  const auto s = results::normal_stats(400, 400, 400.0);  // sd 20
  CHECK(s.forecast == 400);
  CHECK(s.low80 == Approx(400 - 1.28155 * 20).epsilon(1e-5));
  CHECK(s.high95 == Approx(400 + 1.95996 * 20).epsilon(1e-5));
  CHECK(*s.p_meet == Approx(0.5));
  CHECK(*results::normal_stats(400, 400, 400 + 1.959964 * 20).p_meet == Approx(0.975).epsilon(1e-5));
  CHECK(*results::normal_stats(400, 400, 400 - 1.281552 * 20).p_meet == Approx(0.1).epsilon(1e-5));
  CHECK(results::normal_stats(1, 1, std::nullopt).low95 == 0);  // no negative levels
}

namespace {

const char* kTargets =
    "# comment\n"
    "jobcentre,target_1_plan_2011,target_1_observed_2010,target_3_plan_2011\n"
    "A,100,90,50\n"
    "B,200,210,\n";

}  // namespace

TEST_CASE("plan targets: the plan year, values by target and the region's sums", "[results]") {
  const auto t = models::parse_plan_targets(kTargets, "t.csv");
  CHECK(t.plan_year == 2011);
  CHECK(t.observed_year == 2010);
  REQUIRE(t.jobcentres.size() == 2);
  CHECK(t.jobcentres[1].line == 4);
  CHECK(*t.jobcentres[0].plan[0] == 100);
  CHECK_FALSE(t.jobcentres[0].plan[1]);
  CHECK_FALSE(t.jobcentres[1].plan[2]);  // empty cell: no plan
  // The scenario lists B first: the order follows the scenario, the region comes last.
  const auto by_area = models::targets_by_area(t, {"B", "A"});
  CHECK(*by_area.plan[0][0] == 200);
  CHECK(*by_area.plan[2][0] == 300);
  CHECK(*by_area.observed[2][0] == 300);
  CHECK_FALSE(by_area.plan[2][2]);  // B has no plan for target 3, so the region has none either
}

TEST_CASE("plan targets: bad input names the file, line and column", "[results]") {
  const auto error = [](const std::string& text) {
    try {
      models::targets_by_area(models::parse_plan_targets(text, "t.csv"), {"A", "B"});
    } catch (const sim::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error("jobcentre,target_1_plan_2011\nA,1\nB,x1\n"),
             Equals("t.csv:3: column 'target_1_plan_2011' = \"x1\" is not a number"));
  CHECK_THAT(error("jobcentre,target_1_plan_2011\nA,-5\nB,1\n"),
             Equals("t.csv:2: column 'target_1_plan_2011' = -5 must be >= 0 (full-time persons)"));
  CHECK_THAT(error("jobcentre,target_5_plan_2011\nA,1\n"),
             Equals("t.csv:1: unknown column 'target_5_plan_2011' (expected jobcentre, target_N_plan_YYYY or "
                    "target_N_observed_YYYY, N = 1-4)"));
  CHECK_THAT(
      error("jobcentre,target_1_plan_2011,target_2_plan_2012\nA,1,1\n"),
      Equals("t.csv:1: column 'target_2_plan_2012' is for 2012 but another plan column is for 2011; one "
             "year each"));
  CHECK_THAT(error("jobcentre,target_1_observed_2010\nA,1\n"),
             Equals("t.csv:1: no plan column (target_N_plan_YYYY, e.g. target_1_plan_2011)"));
  CHECK_THAT(error("jobcentre,target_1_plan_2011\nA,1\nA,2\n"),
             Equals("t.csv:3: jobcentre 'A' appears twice (first on line 2)"));
  CHECK_THAT(error("jobcentre,target_1_plan_2011\nA,1\nOdense,2\n"),
             Equals("t.csv:3: jobcentre 'Odense' is not in the scenario"));
  CHECK_THAT(error("jobcentre,target_1_plan_2011\nA,1\n"),
             Equals("t.csv: no row for the scenario's jobcentre 'B'"));
}

TEST_CASE("council targets: read by target number for the plan year; stock and inflow must match",
          "[results]") {
  const char* text =
      "indicator,sum_of_jobcentre_plans,council_target_2011\n"
      "target_1_labour_reserve,300,280\n"
      "target_2_permanent_support,,90\n";
  const auto c = models::parse_council_targets(text, "r.csv", 2011, PermanentSupportMeasure::stock);
  CHECK(*c.target[0] == 280);
  CHECK(*c.target[1] == 90);
  CHECK_FALSE(c.target[2]);
  CHECK(*c.sum_of_plans[0] == 300);
  CHECK_THROWS_WITH(
      models::parse_council_targets(text, "r.csv", 2012, PermanentSupportMeasure::stock),
      "r.csv:1: missing column 'council_target_2012' (the council's target for the plan year 2012) "
      "(did you mean 'council_target_2011'?)");
  CHECK_THROWS_WITH(models::parse_council_targets(text, "r.csv", 2011, PermanentSupportMeasure::inflow),
                    "r.csv:3: column 'indicator' = \"target_2_permanent_support\" is a stock target but the "
                    "forecast measures the inflow; use --permanent-support stock");
  CHECK_THROWS_WITH(models::parse_council_targets("indicator,council_target_2011\nlabour,1\n", "r.csv", 2011,
                                                  PermanentSupportMeasure::stock),
                    "r.csv:2: column 'indicator' = \"labour\" must start target_N_ with N = 1-4 (e.g. "
                    "target_1_labour_reserve)");
}

TEST_CASE("forecast: the region is the sum over jobcentres in each replication, against the sum of plans",
          "[results]") {
  // Two jobcentres and the region, 3 replications; only the labour reserve (indicator 0) is non-zero.
  const std::size_t A = 3;
  results::LabelledArray levels{.dims = {"replication", "area", "indicator"},
                                .values = std::vector<double>(3 * A * results::kTargetCount, 0.0),
                                .shape = {3, A, results::kTargetCount}};
  const double a[3] = {10, 30, 20}, b[3] = {5, 1, 3};
  for (std::size_t r = 0; r < 3; ++r) {
    levels.at({r, 0, 0}) = a[r];
    levels.at({r, 1, 0}) = b[r];
    levels.at({r, 2, 0}) = a[r] + b[r];
  }
  const auto targets = models::targets_by_area(
      models::parse_plan_targets("jobcentre,target_1_plan_2011\nX,20\nY,4\n", "t.csv"), {"X", "Y"});
  const models::CouncilTargets council{.source = "r.csv", .target = {22.0}, .sum_of_plans = {25.0}};
  const auto f = results::simulated_forecast({"X", "Y", "region"}, levels, 3, targets, council,
                                             PermanentSupportMeasure::stock);
  REQUIRE(f.rows.size() == A * 4 + 1);
  const auto& region = f.rows[2 * 4];
  CHECK(region.plan_source == results::PlanSource::sum_of_plans);
  CHECK(*region.plan == 24);
  CHECK(region.stats.forecast == 23);              // median of 15, 31, 23
  CHECK(*region.stats.p_meet == Approx(2.0 / 3));  // 15 and 23 are at or below 24
  const auto& council_row = f.rows.back();
  CHECK(council_row.plan_source == results::PlanSource::council_target);
  CHECK(*council_row.stats.p_meet == Approx(1.0 / 3));  // only 15 is at or below 22
  // The council file's own sum (25) differs from the plans' (24): the forecast says so.
  CHECK(f.council_source == "r.csv");
  REQUIRE(f.plan_sum_mismatches.size() == 1);
  CHECK(f.plan_sum_mismatches[0].indicator == 0);
  CHECK(f.plan_sum_mismatches[0].council_sum == 25);
  CHECK(f.plan_sum_mismatches[0].plans_sum == 24);
  results::ForecastFacts facts;
  facts.scenario = "toy";
  facts.target_month = "2012-12";
  facts.plan_year = 2012;
  const auto notes = results::forecast_table(f, facts, results::TextFormat::table).notes;
  CHECK(std::count(
            notes.begin(), notes.end(),
            "1 labour reserve: r.csv gives the sum of the jobcentre plans as 25, but they add up to 24") ==
        1);
}

TEST_CASE("forecast output: each statistic is stored at its area and indicator, every array with its shape",
          "[results]") {
  // Two jobcentres and the region over 3 replications; the labour reserve (indicator 0) of X is 10, 30, 20.
  results::LabelledArray levels{.dims = {"replication", "area", "indicator"},
                                .values = std::vector<double>(3 * 3 * results::kTargetCount, 0.0),
                                .shape = {3, 3, results::kTargetCount}};
  const double x[3] = {10, 30, 20};
  for (std::size_t r = 0; r < 3; ++r) {
    levels.at({r, 0, 0}) = x[r];
    levels.at({r, 2, 0}) = x[r] + 1;
  }
  const auto targets = models::targets_by_area(
      models::parse_plan_targets("jobcentre,target_1_plan_2011\nX,25\nY,4\n", "t.csv"), {"X", "Y"});
  const models::CouncilTargets council{.source = "r.csv", .target = {30.0}, .sum_of_plans = {}};
  const auto f = results::simulated_forecast({"X", "Y", "region"}, levels, 3, targets, council,
                                             PermanentSupportMeasure::stock);
  results::RunOutput out;
  out.dimensions.push_back({"replication", "", "", {}, {0, 1, 2}});
  results::add_forecast(out, f, levels, "2011-12");
  for (const auto& a : out.arrays) {
    INFO("array " << a.name);
    REQUIRE(a.shape.size() == a.dims.size());
    for (std::size_t i = 0; i < a.dims.size(); ++i) CHECK(a.shape[i] == out.dimension(a.dims[i]).size());
  }
  const results::AxesView<3> forecast(out.array("forecast"), {"area", "indicator", "statistic"});
  const auto& statistics = out.dimension("statistic").labels;
  const auto statistic = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(statistics.begin(), statistics.end(), name) -
                                    statistics.begin());
  };
  CHECK(forecast(0, 0, statistic("plan")) == 25);
  CHECK(forecast(0, 0, statistic("forecast")) == 20);  // the median of 10, 30, 20
  CHECK(forecast(2, 0, statistic("forecast")) == 21);
  CHECK(forecast(2, 0, statistic("plan")) == 29);  // the sum of the plans
  CHECK(std::isnan(forecast(1, 1, statistic("plan"))));
  const results::AxesView<2> p_meet(out.array("forecast_p_meet"), {"area", "indicator"});
  CHECK(p_meet(0, 0) == Approx(2.0 / 3));  // 10 and 20 are at or below 25
  CHECK(std::isnan(p_meet(0, 1)));
  CHECK(out.array("council_target").at({0}) == 30);
  CHECK(out.array("council_target_p_meet").at({0}) == Approx(2.0 / 3));  // 11 and 21 are at or below 30
  CHECK(out.array("forecast_level").values == levels.values);
}

namespace {

// One jobcentre: 300 on temporary support U at the start and 20 new spells a month, leaving for work E at 0.2
// a month (following the business cycle), returning at 0.02; the economy drifts 5% a month (sd in logs).
models::Scenario uncertain_economy() {
  using namespace std::chrono;
  auto sc = testing::empty_scenario(year{2011} / January / 1, 12);
  sc.states = {{.name = "U", .label = "U"}, {.name = "E", .label = "E", .on_support = false}};
  sc.transitions = {
      {.from = "U", .to = "E", .job_finding = true, .hazard_per_month = {0.2}, .cycle_elasticity = 1},
      {.from = "E", .to = "U", .hazard_per_month = {0.02}}};
  sc.jobcentres[0].initial_persons = {{"U", 300}};
  sc.jobcentres[0].inflow_per_month = {{"U", 20}};
  sc.business_cycle.volatility_per_month = 0.05;
  return sc;
}

// The labour reserve in December of each replication.
std::vector<double> december_labour_reserve(const models::Model& model, std::uint64_t seed,
                                            int replications) {
  const auto run = models::simulate(model, {.replications = replications, .seed = seed, .threads = 2});
  const auto levels = results::simulated_levels(model, run, {.month = 11});
  std::vector<double> out;
  const results::AxesView<3> level(levels, {"replication", "area", "indicator"});
  for (int r = 0; r < replications; ++r) out.push_back(level(r, 0, 0));
  return out;
}

}  // namespace

TEST_CASE("forecast: bands from 39 replications cover an independent replication 80% and 95% of the time",
          "[results][stats]") {
  // K experiments, each: a band from N = 39 replications with seed 7, and one "truth" replication with seed
  // 8. With 39 draws the 80% band is the 4th to 36th smallest, which covers a new draw from the same
  // distribution with probability exactly (36 - 4) / 40 = 0.8; the 95% band (1st to 39th) with 38 / 40 =
  // 0.95. The experiments are independent (distinct replications), so the number covered is Binomial(K, p):
  // with K = 300 the standard error is 2.3 points at 80% and 1.3 at 95%; we accept 4 of them (a correct
  // forecast fails with probability 6e-5 per check; seeds are pinned). Were the economy shared by the
  // replications of one seed (the path not keyed by replication) the bands would miss the truth's economy and
  // cover far less.
  constexpr int kN = 39, kK = 300;
  const models::Model model(uncertain_economy(), 1.0);
  const std::vector<double> bands = december_labour_reserve(model, 7, kN * kK);
  const std::vector<double> truths = december_labour_reserve(model, 8, kK);
  int in80 = 0, in95 = 0;
  for (int k = 0; k < kK; ++k) {
    const std::vector<double> draws(bands.begin() + k * kN, bands.begin() + (k + 1) * kN);
    const auto s = results::empirical_stats(draws, std::nullopt);
    const double truth = truths[static_cast<std::size_t>(k)];
    in80 += s.low80 <= truth && truth <= s.high80;
    in95 += s.low95 <= truth && truth <= s.high95;
  }
  const auto check = [](int covered, double p) {
    const double share = static_cast<double>(covered) / kK, se = std::sqrt(p * (1 - p) / kK);
    INFO("covered " << share << ", expected " << p << ", standard error " << se);
    CHECK(std::abs(share - p) <= 4 * se);
  };
  check(in80, 0.8);
  check(in95, 0.95);
}
