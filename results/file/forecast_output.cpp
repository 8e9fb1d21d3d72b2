// Lays a forecast out as labelled arrays for the result file.
#include "results/file/forecast_output.hpp"

#include <fmt/format.h>

#include <algorithm>
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

// An array of NaN (nothing known yet) over `dims` with `shape`, not summarised.
LabelledArray unknown(std::string name, std::string units, std::string description,
                      std::vector<std::string> dims, std::vector<std::size_t> shape) {
  std::size_t cells = 1;
  for (const std::size_t n : shape) cells *= n;
  return {.name = std::move(name),
          .units = std::move(units),
          .description = std::move(description),
          .dims = std::move(dims),
          .values = std::vector<double>(cells, kNaN),
          .summarise = false,
          .shape = std::move(shape)};
}

}  // namespace

void add_forecast(RunOutput& out, const Forecast& f, const std::optional<LabelledArray>& levels,
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

  if (levels) {
    LabelledArray level = *levels;
    level.name = "forecast_level";
    level.units = "full-time persons";
    level.description = fmt::format("each replication's level of the national targets in {}", target_month);
    level.summarise = false;
    out.arrays.push_back(std::move(level));
  }
  LabelledArray summary =
      unknown("forecast", "full-time persons",
              fmt::format("forecast of the national targets in {} against the plans", target_month),
              {"area", "indicator", "statistic"}, {A, I, S});
  LabelledArray p_meet = unknown("forecast_p_meet", "probability",
                                 "chance that the level is at or below the plan (NaN without a plan)",
                                 {"area", "indicator"}, {A, I});
  LabelledArray council = unknown("council_target", "full-time persons",
                                  "the regional council's own target for the region", {"indicator"}, {I});
  LabelledArray council_p_meet =
      unknown("council_target_p_meet", "probability",
              "chance that the region's level is at or below the council's target", {"indicator"}, {I});
  bool has_council = false;
  for (const ForecastRow& r : f.rows) {
    if (r.plan_source == PlanSource::council_target) {
      has_council = true;
      council.at({r.indicator}) = r.plan.value_or(kNaN);
      council_p_meet.at({r.indicator}) = r.stats.p_meet.value_or(kNaN);
      continue;
    }
    std::ranges::copy(statistics_of(r), summary.block({r.area, r.indicator}).begin());
    p_meet.at({r.area, r.indicator}) = r.stats.p_meet.value_or(kNaN);
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
