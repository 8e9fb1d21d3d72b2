// Drives Eigen's Levenberg-Marquardt with a residual function built from an evaluator of statistics.
#include "results/stats/calibration_fit.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <cmath>
#include <limits>
#include <string>
#include <unsupported/Eigen/NonLinearOptimization>

#include "models/scenario/scenario_number.hpp"
#include "sim/input_error.hpp"

namespace labsim::results {

const char* transform_name(Transform transform) {
  switch (transform) {
    case Transform::log:
      return "log";
    case Transform::logit:
      return "logit";
    case Transform::none:
      return "none";
  }
  return "";
}

double to_unconstrained(Transform transform, double value) {
  switch (transform) {
    case Transform::log:
      return std::log(value);
    case Transform::logit:
      return std::log(value / (1 - value));
    case Transform::none:
      return value;
  }
  return value;
}

double from_unconstrained(Transform transform, double x) {
  switch (transform) {
    case Transform::log:
      return std::exp(x);
    case Transform::logit:
      return 1 / (1 + std::exp(-x));
    case Transform::none:
      return x;
  }
  return x;
}

double derivative_of_value(Transform transform, double x) {
  switch (transform) {
    case Transform::log:
      return std::exp(x);
    case Transform::logit: {
      const double p = 1 / (1 + std::exp(-x));
      return p * (1 - p);
    }
    case Transform::none:
      return 1;
  }
  return 1;
}

Transform transform_for_key(const std::string& key) {
  const std::string last = models::key_parts(key, "--fit").back();
  const auto ends_with = [&](const char* suffix) { return last.ends_with(suffix); };
  if (ends_with("elasticity")) return Transform::none;
  if (ends_with("probability") || ends_with("compliance") || ends_with("share") || last == "share") {
    return Transform::logit;
  }
  return Transform::log;
}

namespace {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

// A point the scenario rejects gets this residual in every statistic: far worse than any real point, yet
// finite, so that the optimiser shrinks its step instead of stopping.
constexpr double kRejectedResidual = 1e6;

// The residual function in the shape Eigen's LevenbergMarquardt wants (operator() and df), remembering the
// last point so that the Jacobian's base evaluation is not repeated.
class Residuals {
 public:
  using Scalar = double;

  Residuals(const Evaluate& evaluate, const std::vector<double>& observed, const std::vector<double>& sd,
            const std::vector<FitParameter>& parameters, const FitOptions& options, FitResult& counts)
      : evaluate_(evaluate),
        observed_(observed),
        sd_(sd),
        parameters_(parameters),
        options_(options),
        counts_(counts) {}

  [[nodiscard]] int values() const { return static_cast<int>(observed_.size()); }
  [[nodiscard]] int inputs() const { return static_cast<int>(parameters_.size()); }

  int operator()(const Vector& x, Vector& residuals) {
    if (x.size() == last_x_.size() && x == last_x_) {
      residuals = last_residuals_;
      return 0;
    }
    residuals = compute(x);
    last_x_ = x;
    last_residuals_ = residuals;
    return 0;
  }

  int df(const Vector& x, Matrix& jacobian) {
    Vector base;
    (*this)(x, base);
    jacobian.resize(values(), inputs());
    for (Eigen::Index j = 0; j < x.size(); ++j) {
      Vector moved = x;
      double h = options_.jacobian_step;
      moved[j] += h;
      Vector r = compute(moved);
      if (r.cwiseAbs().maxCoeff() >=
          kRejectedResidual) {  // beyond what the scenario allows: look the other way
        h = -h;
        moved[j] = x[j] + h;
        r = compute(moved);
      }
      jacobian.col(j) = (r - base) / h;
    }
    return 0;
  }

  // The standardized residuals at x, without touching the cache.
  Vector compute(const Vector& x) {
    std::vector<double> natural(parameters_.size());
    for (std::size_t j = 0; j < natural.size(); ++j) {
      natural[j] = from_unconstrained(parameters_[j].transform, x[static_cast<Eigen::Index>(j)]);
    }
    ++counts_.evaluations;
    Vector r(values());
    try {
      const std::vector<double> statistics = evaluate_(natural);
      for (std::size_t i = 0; i < observed_.size(); ++i) {
        r[static_cast<Eigen::Index>(i)] = (statistics[i] - observed_[i]) / sd_[i];
      }
      // A statistic with nobody to measure (NaN) cannot be fitted there: treat the point as out of range.
      if (!r.allFinite())
        throw sim::InputError("a statistic has no value (nobody to measure) at these values");
    } catch (const sim::InputError& e) {
      ++counts_.rejected_evaluations;
      counts_.last_rejection = e.what();
      r.setConstant(kRejectedResidual);
    }
    return r;
  }

 private:
  const Evaluate& evaluate_;
  const std::vector<double>& observed_;
  const std::vector<double>& sd_;
  const std::vector<FitParameter>& parameters_;
  const FitOptions& options_;
  FitResult& counts_;
  Vector last_x_, last_residuals_;
};

std::string status_text(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (status) {
    case RelativeReductionTooSmall:
      return "converged: the sum of squares stopped decreasing";
    case RelativeErrorTooSmall:
      return "converged: the parameters stopped moving";
    case RelativeErrorAndReductionTooSmall:
      return "converged: the sum of squares and the parameters stopped changing";
    case CosinusTooSmall:
      return "converged: the residuals are orthogonal to every direction the parameters can move them";
    case TooManyFunctionEvaluation:
      return "not converged: the limit on evaluations was reached";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall:
      return "converged to machine precision";
    case ImproperInputParameters:
      return "not started: improper input";
    default:
      return "stopped";
  }
}

bool is_converged(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  return status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
         status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall || status == FtolTooSmall ||
         status == XtolTooSmall || status == GtolTooSmall;
}

}  // namespace

FitResult fit_least_squares(const Evaluate& evaluate, const std::vector<double>& observed,
                            const std::vector<double>& sd, const std::vector<FitParameter>& parameters,
                            const FitOptions& options) {
  if (parameters.empty()) throw sim::InputError("--fit: name at least one parameter to fit");
  if (observed.size() < parameters.size()) {
    throw sim::InputError(
        fmt::format("--fit: {} parameters cannot be fitted to {} observed statistics; give at least as many "
                    "statistics as "
                    "parameters",
                    parameters.size(), observed.size()));
  }
  for (double s : sd) {
    if (!(s > 0)) throw sim::InputError(fmt::format("observed statistics: sd = {} must be > 0", s));
  }

  FitResult result;
  Residuals residuals(evaluate, observed, sd, parameters, options, result);
  const auto n = static_cast<Eigen::Index>(parameters.size());
  Vector x(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const FitParameter& p = parameters[static_cast<std::size_t>(j)];
    x[j] = to_unconstrained(p.transform, p.start);
  }
  {
    Vector start;
    residuals(x, start);
    if (result.rejected_evaluations > 0) {
      throw sim::InputError(
          fmt::format("--fit: the start values cannot be evaluated: {}", result.last_rejection));
    }
  }

  Eigen::LevenbergMarquardt<Residuals> lm(residuals);
  lm.parameters.maxfev = options.max_evaluations;
  lm.parameters.ftol = options.tolerance;
  lm.parameters.xtol = options.tolerance;
  const auto status = lm.minimize(x);
  result.iterations = static_cast<int>(lm.iter);
  result.status = status_text(status);
  result.converged = is_converged(status);

  Vector r;
  residuals(x, r);
  Matrix jacobian;
  residuals.df(x, jacobian);
  result.chi_square = r.squaredNorm();
  result.degrees_of_freedom = static_cast<int>(observed.size() - parameters.size());
  result.fitted.resize(observed.size());
  for (std::size_t i = 0; i < observed.size(); ++i) {
    result.fitted[i] = observed[i] + sd[i] * r[static_cast<Eigen::Index>(i)];
  }

  // Residuals are already divided by sd, so J'J is J'WJ with W = diag(1/sd^2): its inverse is the covariance
  // of the unconstrained parameters when the sds are the statistics' standard errors.
  const Eigen::JacobiSVD<Matrix> svd(jacobian);
  const Vector singular = svd.singularValues();
  const double smallest = singular[singular.size() - 1];
  result.condition_number = smallest > 0 ? singular[0] / smallest : std::numeric_limits<double>::infinity();
  result.standard_errors_ok = result.condition_number < options.max_condition_number;
  const Matrix covariance = result.standard_errors_ok ? Matrix((jacobian.transpose() * jacobian).inverse())
                                                      : Matrix::Constant(n, n, std::nan(""));
  for (Eigen::Index j = 0; j < n; ++j) {
    const FitParameter& p = parameters[static_cast<std::size_t>(j)];
    // Twelve significant digits: the fit is not that precise, and exp(log(8)) should read 8 in the scenario.
    result.values.push_back(std::stod(fmt::format("{:.12g}", from_unconstrained(p.transform, x[j]))));
    result.standard_errors.push_back(derivative_of_value(p.transform, x[j]) * std::sqrt(covariance(j, j)));
  }
  return result;
}

}  // namespace labsim::results
