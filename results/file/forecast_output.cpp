// Lays a forecast out as labelled arrays for the result file.
#include "results/file/forecast_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace labsim::results {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const std::vector<std::string> kStatistics = {"plan",   "observed", "forecast", "low80",
                                              "high80", "low95",    "high95"};

std::vector<double> statistics_of(const ForecastRow& r) {
  const ForecastStats& s = r.stats;
  return {r.plan.value_or(kNaN), r.observed.value_or(kNaN), s.forecast, s.low80, s.high80, s.low95, s.high95};
}

}  // namespace

void add_forecast(RunOutput& out, const Forecast& f, const std::vector<double>& levels,
                  const std::string& target_month) {
  const auto names = indicator_names(f.permanent_support);
  const std::size_t A = f.areas.size(), I = kTargetCount, S = kStatistics.size();
  out.dimensions.push_back(
      {"area", "jobcentre, or the region (the sum over its jobcentres)", "", f.areas, {}});
  out.dimensions.push_back({"indicator",
                            "national target, by the result file's dataset name",
                            "",
                            {names.begin(), names.end()},
                            {}});
  out.dimensions.push_back(
      {"statistic",
       "plan (jobcentre plan; region: sum of plans), observed level from the targets file, "
       "forecast (median), and the 80% and 95% bands",
       "",
       kStatistics,
       {}});

  if (!levels.empty()) {
    out.arrays.push_back(
        {.name = "forecast_level",
         .units = "full-time persons",
         .description = fmt::format("each replication's level of the national targets in {}", target_month),
         .dims = {"replication", "area", "indicator"},
         .values = levels,
         .summarise = false});
  }
  LabelledArray summary{
      .name = "forecast",
      .units = "full-time persons",
      .description = fmt::format("forecast of the national targets in {} against the plans", target_month),
      .dims = {"area", "indicator", "statistic"},
      .values = std::vector<double>(A * I * S, kNaN),
      .summarise = false};
  LabelledArray p_meet{.name = "forecast_p_meet",
                       .units = "probability",
                       .description = "chance that the level is at or below the plan (NaN without a plan)",
                       .dims = {"area", "indicator"},
                       .values = std::vector<double>(A * I, kNaN),
                       .summarise = false};
  LabelledArray council{.name = "council_target",
                        .units = "full-time persons",
                        .description = "the regional council's own target for the region",
                        .dims = {"indicator"},
                        .values = std::vector<double>(I, kNaN),
                        .summarise = false};
  LabelledArray council_p_meet{
      .name = "council_target_p_meet",
      .units = "probability",
      .description = "chance that the region's level is at or below the council's target",
      .dims = {"indicator"},
      .values = std::vector<double>(I, kNaN),
      .summarise = false};
  bool has_council = false;
  for (const ForecastRow& r : f.rows) {
    if (r.plan_source == PlanSource::council_target) {
      has_council = true;
      council.values[r.indicator] = r.plan.value_or(kNaN);
      council_p_meet.values[r.indicator] = r.stats.p_meet.value_or(kNaN);
      continue;
    }
    const auto stats = statistics_of(r);
    std::copy(stats.begin(), stats.end(),
              summary.values.begin() + static_cast<std::ptrdiff_t>((r.area * I + r.indicator) * S));
    p_meet.values[r.area * I + r.indicator] = r.stats.p_meet.value_or(kNaN);
  }
  out.arrays.push_back(std::move(summary));
  out.arrays.push_back(std::move(p_meet));
  if (has_council) {
    out.arrays.push_back(std::move(council));
    out.arrays.push_back(std::move(council_p_meet));
  }
  out.extra_attributes["forecast_target_month"] = target_month;
  out.extra_attributes["forecast_method"] =
      f.method == ForecastMethod::simulation
          ? "simulation: median and empirical order-statistic bands over replications"
          : "markov twin: expected level, normal approximation with Poisson variance (no economic "
            "uncertainty)";
  if (f.method == ForecastMethod::simulation) {
    out.extra_attributes["forecast_band80_coverage"] = fmt::format("{}", f.band80.coverage);
    out.extra_attributes["forecast_band95_coverage"] = fmt::format("{}", f.band95.coverage);
  }
}

}  // namespace labsim::results
