// The fit report of `labsim calibrate`: fitted parameters, and per statistic observed, fitted and simulated.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "results/stats/calibration_fit.hpp"
#include "results/stats/calibration_observed.hpp"
#include "results/stats/calibration_study.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

struct CalibrationReport {
  std::string scenario;       // file as given
  std::string scenario_name;  // its `name`
  std::string evaluator;      // "Markov twin" or "simulator, N replications"
  std::string calibrated;     // the calibrated scenario file written, or empty
  double scale = 1;
  std::vector<FitParameter> parameters;
  FitResult fit;
  std::vector<ObservedStatistic> observed;
  Verification verification;
};

// The report of a calibration of `scenario` (the file as given) with `inputs` and `options`, whose calibrated
// scenario is `calibrated` (empty: none written).
CalibrationReport calibration_report(const std::string& scenario, const CalibrationInputs& inputs,
                                     const CalibrationOptions& options, const CalibrationResult& result,
                                     const std::string& calibrated);

// table/md: the parameters (start, fitted, standard error), then the statistics (observed, sd, fitted, the
// simulator's mean and interval, residuals), then how the fit went. csv: the same two tables with plain
// numbers, the interval as two columns.
std::vector<TextTable> calibration_tables(const CalibrationReport& report, TextFormat format);

// {"scenario", "fit": {...}, "parameters": [...], "statistics": [...]}; NaN as null.
nlohmann::ordered_json calibration_json(const CalibrationReport& report);

}  // namespace labsim::results
