// Levels of the national targets at the target month, and the statistics a forecast reports about them.
#include "results/stats/forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/counts/indicators.hpp"

namespace labsim::results {

namespace {

using models::PermanentSupportMeasure;
using models::SupportFilter;

// Standard normal quantiles for two-sided 80% and 95% bands.
constexpr double kZ80 = 1.2815515655446004;
constexpr double kZ95 = 1.959963984540054;

// The four levels in `month`, in target order, from one jobcentre's monthly counts (simulated or expected).
std::array<double, kTargetCount> levels_at(const models::Model& model, const models::MonthlyCounts& counts,
                                           const ForecastTarget& target) {
  const models::ByMonth permanent_support =
      target.permanent_support == PermanentSupportMeasure::stock
          ? models::permanent_support_stock(model, counts)
          : models::rolling_year(models::permanent_support_inflow(model, counts));
  const std::size_t m = target.month;
  return {counts.labour_reserve.at(m), permanent_support.at(m),
          models::on_support(model, counts, SupportFilter::under_30).at(m),
          models::on_support(model, counts, SupportFilter::non_western).at(m)};
}

// Levels over `axes` (the last two: area, indicator) with `lengths`, all 0, for the forecast_level array.
LabelledArray levels_over(std::vector<std::string> axes, std::vector<std::size_t> lengths) {
  LabelledArray a;
  a.name = "forecast_level";
  a.units = "full-time persons";
  a.dims = std::move(axes);
  a.shape = std::move(lengths);
  std::size_t cells = 1;
  for (const std::size_t n : a.shape) cells *= n;
  a.values.assign(cells, 0.0);
  a.summarise = false;
  return a;
}

// The value of the order statistic X(rank) (rank from 1) of sorted draws.
double order_statistic(const std::vector<double>& sorted, std::size_t rank) {
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double probability_at_most(double plan, double mean, double sd) {
  if (sd <= 0) return mean <= plan ? 1.0 : 0.0;
  return 0.5 * std::erfc(-(plan - mean) / (sd * std::sqrt(2.0)));
}

// Rows for every area and indicator, then the region against the council's targets; `stats` gives the
// statistics of one (area, indicator) against a plan.
template <class Stats>
std::vector<ForecastRow> forecast_rows(std::size_t areas, const models::AreaTargets& targets,
                                       const std::optional<models::CouncilTargets>& council, Stats stats) {
  std::vector<ForecastRow> rows;
  for (std::size_t a = 0; a < areas; ++a) {
    const bool region = a + 1 == areas;
    for (std::size_t i = 0; i < kTargetCount; ++i) {
      ForecastRow row{.area = a,
                      .indicator = i,
                      .plan_source = region ? PlanSource::sum_of_plans : PlanSource::jobcentre_plan,
                      .plan = targets.plan[a][i],
                      .observed = targets.observed[a][i],
                      .stats = stats(a, i, targets.plan[a][i])};
      rows.push_back(row);
    }
  }
  if (council) {
    for (std::size_t i = 0; i < kTargetCount; ++i) {
      if (!council->target[i]) continue;
      ForecastRow row{.area = areas - 1,
                      .indicator = i,
                      .plan_source = PlanSource::council_target,
                      .plan = council->target[i],
                      .observed = targets.observed.back()[i],
                      .stats = stats(areas - 1, i, council->target[i])};
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<PlanSumMismatch> plan_sum_mismatches(const models::AreaTargets& targets,
                                                 const std::optional<models::CouncilTargets>& council) {
  std::vector<PlanSumMismatch> out;
  if (!council) return out;
  for (std::size_t i = 0; i < kTargetCount; ++i) {
    const auto& theirs = council->sum_of_plans[i];
    const auto& ours = targets.plan.back()[i];
    if (theirs && ours && std::abs(*theirs - *ours) > 0.5) out.push_back({i, *theirs, *ours});
  }
  return out;
}

// What both methods share: one row per area and target from `stats(area, indicator, plan)`, and how the
// jobcentres' plans add up against the council's.
template <class Stats>
Forecast forecast_of(ForecastMethod method, PermanentSupportMeasure permanent_support,
                     std::vector<std::string> areas, const models::AreaTargets& targets,
                     const std::optional<models::CouncilTargets>& council, Stats stats) {
  Forecast f;
  f.method = method;
  f.permanent_support = permanent_support;
  f.rows = forecast_rows(areas.size(), targets, council, stats);
  f.areas = std::move(areas);
  if (council) f.council_source = council->source;
  f.plan_sum_mismatches = plan_sum_mismatches(targets, council);
  return f;
}

}  // namespace

std::array<std::string, kTargetCount> indicator_names(PermanentSupportMeasure permanent_support) {
  return {"labour_reserve",
          permanent_support == PermanentSupportMeasure::stock ? "permanent_support_stock"
                                                              : "permanent_support_inflow_12_months",
          "youth_on_support", "non_western_on_support"};
}

std::array<std::string, kTargetCount> indicator_labels(PermanentSupportMeasure permanent_support) {
  return {"1 labour reserve",
          permanent_support == PermanentSupportMeasure::stock ? "2 permanent support"
                                                              : "2 inflow to permanent support (12 months)",
          "3 under 30 on support", "4 non-Western on support"};
}

LabelledArray simulated_levels(const models::Model& model, const models::RunResult& run,
                               const ForecastTarget& target) {
  const std::size_t R = static_cast<std::size_t>(run.replications), J = run.jobcentres;
  LabelledArray levels = levels_over({"replication", "area", "indicator"}, {R, J + 1, kTargetCount});
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t j = 0; j < J; ++j) {
      const auto four = levels_at(model, run.task(static_cast<int>(r), j).monthly, target);
      for (std::size_t i = 0; i < kTargetCount; ++i) {
        levels.at({r, j, i}) = four[i];
        levels.at({r, J, i}) += four[i];  // the region
      }
    }
  }
  return levels;
}

LabelledArray expected_levels(const models::Model& model, const models::TwinResult& twin,
                              const ForecastTarget& target) {
  const std::size_t J = twin.jobcentres.size();
  LabelledArray levels = levels_over({"area", "indicator"}, {J + 1, kTargetCount});
  for (std::size_t j = 0; j < J; ++j) {
    const auto four = levels_at(model, twin.jobcentres[j].monthly, target);
    for (std::size_t i = 0; i < kTargetCount; ++i) {
      levels.at({j, i}) = four[i];
      levels.at({J, i}) += four[i];  // the region
    }
  }
  return levels;
}

Band band_ranks(std::size_t n, double level) {
  // The tolerance keeps exact products exact: (1 - 0.8) / 2 * 40 is 3.9999999999999996 in doubles, not 4.
  const auto outside =
      static_cast<std::size_t>(std::floor((1 - level) / 2 * static_cast<double>(n + 1) + 1e-9));
  Band band;
  band.lower_rank = std::max<std::size_t>(outside, 1);
  band.upper_rank = n + 1 - band.lower_rank;
  band.coverage = band.upper_rank > band.lower_rank
                      ? static_cast<double>(band.upper_rank - band.lower_rank) / static_cast<double>(n + 1)
                      : 0.0;
  return band;
}

ForecastStats empirical_stats(std::vector<double> draws, std::optional<double> plan) {
  std::sort(draws.begin(), draws.end());
  const std::size_t n = draws.size();
  ForecastStats s;
  s.forecast = n % 2 == 1 ? draws[n / 2] : (draws[n / 2 - 1] + draws[n / 2]) / 2;
  const Band b80 = band_ranks(n, 0.8), b95 = band_ranks(n, 0.95);
  s.low80 = order_statistic(draws, b80.lower_rank);
  s.high80 = order_statistic(draws, b80.upper_rank);
  s.low95 = order_statistic(draws, b95.lower_rank);
  s.high95 = order_statistic(draws, b95.upper_rank);
  if (plan) {
    const auto met = std::upper_bound(draws.begin(), draws.end(), *plan) - draws.begin();
    s.p_meet = static_cast<double>(met) / static_cast<double>(n);
  }
  return s;
}

ForecastStats normal_stats(double mean, double variance, std::optional<double> plan) {
  const double sd = std::sqrt(std::max(variance, 0.0));
  ForecastStats s;
  s.forecast = mean;
  s.low80 = std::max(mean - kZ80 * sd, 0.0);
  s.high80 = mean + kZ80 * sd;
  s.low95 = std::max(mean - kZ95 * sd, 0.0);
  s.high95 = mean + kZ95 * sd;
  if (plan) s.p_meet = probability_at_most(*plan, mean, sd);
  return s;
}

Forecast simulated_forecast(std::vector<std::string> areas, const LabelledArray& levels, int replications,
                            const models::AreaTargets& targets,
                            const std::optional<models::CouncilTargets>& council,
                            PermanentSupportMeasure permanent_support) {
  const auto n = static_cast<std::size_t>(replications);
  const AxesView<3> level(levels, {"replication", "area", "indicator"});
  Forecast f = forecast_of(ForecastMethod::simulation, permanent_support, std::move(areas), targets, council,
                           [&](std::size_t a, std::size_t i, std::optional<double> plan) {
                             std::vector<double> draws(n);
                             for (std::size_t r = 0; r < n; ++r) draws[r] = level(r, a, i);
                             return empirical_stats(std::move(draws), plan);
                           });
  f.replications = replications;
  f.band80 = band_ranks(n, 0.8);
  f.band95 = band_ranks(n, 0.95);
  return f;
}

Forecast twin_forecast(std::vector<std::string> areas, const LabelledArray& expected,
                       const models::AreaTargets& targets,
                       const std::optional<models::CouncilTargets>& council,
                       PermanentSupportMeasure permanent_support) {
  const AxesView<2> level(expected, {"area", "indicator"});
  return forecast_of(ForecastMethod::markov_twin, permanent_support, std::move(areas), targets, council,
                     [&](std::size_t a, std::size_t i, std::optional<double> plan) {
                       const double mean = level(a, i);
                       return normal_stats(mean, mean, plan);
                     });
}

}  // namespace labsim::results
