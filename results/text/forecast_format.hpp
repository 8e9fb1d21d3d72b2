// Turns a forecast of the national targets into a table for people and spreadsheets, and JSON for programs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "results/stats/forecast.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

// What the forecast was made from, for titles and notes.
struct ForecastFacts {
  std::string scenario;      // its name
  std::string target_month;  // "YYYY-MM"
  int plan_year = 0;
  std::optional<int> observed_year;
  std::uint64_t seed = 0;
  double scale = 1;
  double volatility_per_month = 0;  // the scenario's business_cycle.volatility_per_month
};

// A plan is "likely met" when p_meet >= 0.8, "likely missed" when p_meet <= 0.2, else "uncertain".
[[nodiscard]] std::string verdict(const std::optional<double>& p_meet);

// One row per area and indicator. table and md: the bands as "low - high" in one column and p_meet in
// percent; csv: plain numbers, the bands in columns of their own.
[[nodiscard]] TextTable forecast_table(const Forecast& forecast, const ForecastFacts& facts,
                                       TextFormat format);

// {"scenario", "target_month", "method", ..., "rows": [{"jobcentre", "indicator", "plan", "forecast",
// "low80", "high80", "low95", "high95", "p_meet", ...}]}; a missing plan, observation or p_meet as null.
[[nodiscard]] nlohmann::ordered_json forecast_json(const Forecast& forecast, const ForecastFacts& facts);

}  // namespace labsim::results
