// The fit report of `labsim calibrate`: fitted parameters, and per statistic observed, fitted and simulated.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "results/stats/calibration_fit.hpp"
#include "results/stats/calibration_observed.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

// Mean and 95% interval (t over replications) of each statistic in the verification runs of the simulator.
struct Verification {
  int replications = 0;  // 0: not verified
  std::vector<double> mean, low, high;
};

// Mean and t-based 95% interval per statistic from `per_replication` [replication][statistic]; with one
// replication the interval is NaN.
Verification summarize_replications(const std::vector<std::vector<double>>& per_replication);

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

// table/md: the parameters (start, fitted, standard error), then the statistics (observed, sd, fitted, the
// simulator's mean and interval, residuals), then how the fit went. csv: the same two tables with plain
// numbers, the interval as two columns.
std::vector<TextTable> calibration_tables(const CalibrationReport& report, TextFormat format);

// {"scenario", "fit": {...}, "parameters": [...], "statistics": [...]}; NaN as null.
nlohmann::ordered_json calibration_json(const CalibrationReport& report);

}  // namespace labsim::results
