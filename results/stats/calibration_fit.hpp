// Weighted least squares for calibration: Levenberg-Marquardt (Eigen's MINPACK port) on transformed
// parameters, with a finite-difference Jacobian and standard errors from the curvature at the optimum.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace labsim::results {

// How a parameter is made unconstrained for the optimiser, so that no step can leave its valid range.
enum class Transform {
  log,    // positive values: multipliers, weeks, offer-mix weights
  logit,  // values strictly between 0 and 1: probabilities, compliance, shares
  none,   // any real value
};

const char* transform_name(Transform transform);
double to_unconstrained(Transform transform, double value);
double from_unconstrained(Transform transform, double x);
// d value / d x at x, for standard errors by the delta method.
double derivative_of_value(Transform transform, double x);

// The transform a scenario key is fitted on, from its name: logit for probabilities, compliance and shares
// (`offer_probability`, `deadline_compliance`, `exempt.share`, `*_probability`, `*_share`), none for
// elasticities (which may be negative), log for everything else (multipliers, weeks, months, offer-mix
// weights, places).
Transform transform_for_key(const std::string& key);

struct FitParameter {
  std::string key;
  double start = 0;
  Transform transform = Transform::log;
};

struct FitOptions {
  // Forward-difference step in the unconstrained scale: small for a smooth evaluator (the Markov twin), large
  // for a simulation, whose output moves in steps when a parameter moves a little.
  double jacobian_step = 1e-6;
  int max_evaluations = 300;
  double tolerance = 1e-10;  // relative change in the sum of squares and in the parameters that ends the fit
  // Standard errors are reported only when the weighted Jacobian's condition number is below this.
  double max_condition_number = 1e8;
};

// The statistics at given parameter values (natural scale, in FitParameter order). May throw sim::InputError
// for values the scenario does not allow; the fit then treats the point as infinitely bad and steps back.
using Evaluate = std::function<std::vector<double>(const std::vector<double>& values)>;

struct FitResult {
  std::vector<double> values;           // natural scale, per parameter
  std::vector<double> standard_errors;  // natural scale (delta method); NaN when not identified
  std::vector<double> fitted;           // the statistics at `values`
  double chi_square = 0;                // sum of squared standardized residuals at the optimum
  int degrees_of_freedom = 0;           // statistics - parameters
  int iterations = 0;
  int evaluations = 0;
  int rejected_evaluations = 0;  // points the scenario did not allow
  std::string last_rejection;    // the loader's message for the last of those
  bool converged = false;
  std::string status;               // why the optimiser stopped, in words
  double condition_number = 0;      // of the weighted Jacobian at the optimum
  bool standard_errors_ok = false;  // false: (J'WJ) too ill conditioned to invert meaningfully
};

// Minimizes sum_i ((evaluate(values)_i - observed_i) / sd_i)^2 from the parameters' start values. Throws
// sim::InputError if there are fewer statistics than parameters, an sd is not > 0, or the start values
// themselves cannot be evaluated.
FitResult fit_least_squares(const Evaluate& evaluate, const std::vector<double>& observed,
                            const std::vector<double>& sd, const std::vector<FitParameter>& parameters,
                            const FitOptions& options = {});

}  // namespace labsim::results
