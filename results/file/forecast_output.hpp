// The forecast's part of a result file: per-replication levels and the summary against the plans, over named
// dimensions, so that a report can draw forecast-against-plan charts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "results/labelled_array.hpp"
#include "results/stats/forecast.hpp"

namespace labsim::results {

// Adds the dimensions area (the jobcentres, then "region"), indicator (dataset names of the four targets) and
// statistic (plan, observed, forecast, low80, high80, low95, high95), and the arrays
//   forecast_level [replication, area, indicator]  each replication's level (simulation only: `levels` as
//                                                  simulated_levels; none for the twin)
//   forecast [area, indicator, statistic]           full-time persons, NaN where there is no plan/observation
//   forecast_p_meet [area, indicator]               chance of meeting the plan (NaN without one)
//   council_target, council_target_p_meet [indicator]  when the council's targets were given
// and root attributes forecast_target_month, forecast_method, forecast_band80_coverage and
// forecast_band95_coverage. `out` must already have a replication dimension when there are `levels`.
void add_forecast(RunOutput& out, const Forecast& forecast, const std::optional<LabelledArray>& levels,
                  const std::string& target_month);

}  // namespace labsim::results
