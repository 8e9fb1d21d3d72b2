// The calibration study of `labsim calibrate`: scenario values fitted to observed statistics by weighted
// least squares on the Markov twin (or the simulator), then checked on the simulator with fresh random
// numbers. Every evaluation compiles the scenario from a document held in memory, never from disk.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "results/stats/calibration_fit.hpp"
#include "results/stats/calibration_observed.hpp"

namespace labsim::results {

// The model each evaluation of the fit runs.
enum class FitOn {
  twin,       // the Markov twin: exact expected values, smooth in the parameters, fast
  simulator,  // the mean of simulator runs with fixed random numbers: slow, and a step function
};

struct CalibrationOptions {
  FitOn fit_on = FitOn::twin;
  // Simulator runs with the fitted values that check the fit (0: no check); fitting on the simulator, also
  // the runs each evaluation averages over (at least 1).
  int verify_replications = 5;
  int max_evaluations = 300;
  double scale = 1;  // the fraction of the population simulated; levels are scaled back
  int threads = 1;
};

// What is fitted to what.
struct CalibrationInputs {
  std::vector<std::string> overrides;  // --set values (and run.seed) the fit assumes, under the fitted values
  std::vector<ObservedStatistic> observed;
  std::vector<FitParameter> parameters;
};

// The parameters of `--fit KEY` or `--fit KEY=START` specs, checked before any work: the key must be one the
// scenario reads and not also in `set_overrides`, no key twice, and the start value (default: the value in
// the scenario, 1 for a calibration multiplier not written) must lie where the key's transform can take it
// and be accepted by the loader. Throws sim::InputError "--fit <spec>: ...".
std::vector<FitParameter> fit_parameters(const models::ScenarioDocument& document,
                                         const std::vector<std::string>& set_overrides,
                                         const std::vector<std::string>& specs);

// Mean and 95% interval (t over replications) of each statistic in the verification runs of the simulator.
struct Verification {
  int replications = 0;  // 0: not verified
  std::vector<double> mean, low, high;
};

// Mean and t-based 95% interval per statistic from `per_replication` [replication][statistic]; with one
// replication the interval is NaN.
Verification summarize_replications(const std::vector<std::vector<double>>& per_replication);

struct CalibrationResult {
  std::string scenario_name;  // the scenario's `name`
  std::string evaluator;      // "fitted on the Markov twin" or "fitted on the simulator, N replications"
  FitResult fit;
  Verification verification;
};

// Fits `inputs.parameters` to `inputs.observed`. Each run stops at the last month a statistic needs. The
// fit's finite-difference step and tolerance suit the model fitted on: 1e-6 and 1e-10 on the twin, 0.05
// and 1e-4 on the simulator, whose output moves in small steps as a parameter moves. The check runs
// `verify_replications` simulations with the fitted values, seeded run.seed + 1 after a fit on the
// simulator (it could have tuned itself to its own random numbers), run.seed after one on the twin.
// Throws sim::InputError for a problem the fit cannot start on (see fit_least_squares), std::runtime_error
// when the twin is not available in this build.
CalibrationResult calibrate(const models::ScenarioDocument& document, const CalibrationInputs& inputs,
                            const CalibrationOptions& options);

}  // namespace labsim::results
