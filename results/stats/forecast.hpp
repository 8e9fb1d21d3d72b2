// Forecasts of the national targets at one month: each replication's level, bands from their spread, and the
// chance of meeting each plan; or, from the Markov twin's expected values, a normal approximation.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/plan_targets.hpp"
#include "models/simulator/simulate.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/labelled_array.hpp"

namespace labsim::results {

using models::kTargetCount;

// What is measured: the four targets' full-time persons in `month` (index in the run); for target 2 as an
// inflow, the persons entering permanent support in the 12 months ending with it.
struct ForecastTarget {
  std::size_t month = 0;
  models::PermanentSupportMeasure permanent_support = models::PermanentSupportMeasure::stock;
};

// The indicators' dataset names in a run's result file (e.g. "labour_reserve"), and names for people
// (e.g. "1 labour reserve").
std::array<std::string, kTargetCount> indicator_names(models::PermanentSupportMeasure permanent_support);
std::array<std::string, kTargetCount> indicator_labels(models::PermanentSupportMeasure permanent_support);

// Levels over [replication, area, indicator], the forecast_level array of the result file; the areas are the
// model's jobcentres, then the region (their sum in the same replication).
LabelledArray simulated_levels(const models::Model& model, const models::RunResult& run,
                               const ForecastTarget& target);
// Expected levels over [area, indicator] from the Markov twin.
LabelledArray expected_levels(const models::Model& model, const models::TwinResult& twin,
                              const ForecastTarget& target);

// A band from the order statistics X(i) <= X(j) of n draws (ranks from 1): i = floor((1 - level) / 2 *
// (n + 1)), at least 1, and j = n + 1 - i. A new draw from the same distribution falls inside with
// probability exactly (j - i) / (n + 1) = coverage: at least `level`, unless n is too small for it.
struct Band {
  std::size_t lower_rank = 0, upper_rank = 0;
  double coverage = 0;
};
Band band_ranks(std::size_t n, double level);

struct ForecastStats {
  double forecast = 0;  // the median
  double low80 = 0, high80 = 0, low95 = 0, high95 = 0;
  std::optional<double> p_meet;  // chance the level is at or below the plan; empty without a plan
};

// From draws (n >= 1): the median, the bands of band_ranks, and p_meet = share of draws <= plan.
ForecastStats empirical_stats(std::vector<double> draws, std::optional<double> plan);
// From a normal distribution: mean +- z sd (not below 0), p_meet = P(X <= plan).
ForecastStats normal_stats(double mean, double variance, std::optional<double> plan);

enum class ForecastMethod { simulation, markov_twin };
enum class PlanSource { jobcentre_plan, sum_of_plans, council_target };

struct ForecastRow {
  std::size_t area = 0;  // index into Forecast::areas
  std::size_t indicator = 0;
  PlanSource plan_source = PlanSource::jobcentre_plan;
  std::optional<double> plan, observed;
  ForecastStats stats;
};

// An indicator for which the council's file gives the sum of the jobcentre plans, and the plans add up to
// something else (by more than half a person).
struct PlanSumMismatch {
  std::size_t indicator = 0;
  double council_sum = 0;  // as the council's file gives it
  double plans_sum = 0;    // as the jobcentre plans add up
};

struct Forecast {
  ForecastMethod method = ForecastMethod::simulation;
  std::vector<std::string> areas;  // the jobcentres, then "region"
  models::PermanentSupportMeasure permanent_support = models::PermanentSupportMeasure::stock;
  int replications = 0;  // 0 for the twin
  Band band80, band95;   // simulation only
  // Per area and indicator, then for the region a second row per indicator against the council's target when
  // one is given.
  std::vector<ForecastRow> rows;
  std::string council_source;  // the council's targets file, "" when none was given
  std::vector<PlanSumMismatch> plan_sum_mismatches;
};

// `levels` as simulated_levels for `replications` replications.
Forecast simulated_forecast(std::vector<std::string> areas, const LabelledArray& levels, int replications,
                            const models::AreaTargets& targets,
                            const std::optional<models::CouncilTargets>& council,
                            models::PermanentSupportMeasure permanent_support);
// `expected` as expected_levels. The twin gives no spread, so each level is taken as Poisson: variance = mean
// (the randomness of who moves when, not the economy's or the parameters' uncertainty).
Forecast twin_forecast(std::vector<std::string> areas, const LabelledArray& expected,
                       const models::AreaTargets& targets,
                       const std::optional<models::CouncilTargets>& council,
                       models::PermanentSupportMeasure permanent_support);

}  // namespace labsim::results
