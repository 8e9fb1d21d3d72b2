// Survival analysis of right-censored durations: Kaplan-Meier curves and the Cox proportional-hazards model.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace labsim::results {

// Kaplan-Meier estimate of the survival function from right-censored times, with Greenwood's variance and a
// 95% pointwise interval on the log(-log S) scale (kept in [0,1]).
struct KaplanMeier {
  std::vector<double> times;     // distinct event times, increasing
  std::vector<double> survival;  // S just after each time
  std::vector<double> variance;  // Greenwood's variance of S
  std::vector<double> ci_low, ci_high;
  std::vector<double> at_risk,
      events;  // at risk just before each time (censored at it included); events at it
  // S(t) as a step function (1 before the first event time); likewise the interval bounds. NaN for NaN t.
  [[nodiscard]] double survival_at(double t) const;
  [[nodiscard]] double ci_low_at(double t) const;
  [[nodiscard]] double ci_high_at(double t) const;
};

// `event[i]` is 1 if time[i] ends in the event, 0 if it is censored there; times must be finite. Once S
// reaches 0 (everyone left at risk has the event) its variance and interval are NaN, as in R's survfit.
// No events gives empty vectors (S = 1 everywhere). Throws std::invalid_argument on mismatched sizes,
// non-finite times or events other than 0/1.
[[nodiscard]] KaplanMeier kaplan_meier(std::span<const double> time, std::span<const std::uint8_t> event);

// The median of a Kaplan-Meier curve with a 95% interval after Brookmeyer and Crowley (1982, "A confidence
// interval for the median survival time", Biometrics 38:29-41): the median is the first event time at which S
// falls to 0.5 or below, and the interval holds the times whose pointwise interval contains 0.5, i.e. it runs
// from the first time the lower limit falls to 0.5 or below to the first time the upper limit does (as R's
// quantile.survfit, here with the log-log limits of kaplan_meier). Each is NaN when its curve stays above 0.5
// to the end of follow-up: "not reached". (Where S falls onto exactly 0.5 and stays there, R takes the middle
// of that stretch; here its start.)
struct SurvivalMedian {
  double median = std::numeric_limits<double>::quiet_NaN();
  double ci_low = std::numeric_limits<double>::quiet_NaN();
  double ci_high = std::numeric_limits<double>::quiet_NaN();
};
[[nodiscard]] SurvivalMedian km_median(const KaplanMeier& km);

// Cox proportional-hazards model with 0/1 indicator covariates (e.g. arms other than the control), Efron's
// method for ties, fitted by Newton-Raphson (step-halving if the log partial likelihood falls) with Eigen.
// Covariance: inverse information; with clusters given, the robust sandwich (Lin-Wei) variance grouped by
// cluster, without a small-sample factor (as R's coxph with cluster()). Interval and p-value per coefficient
// are Wald, normal quantile.
struct CoxFit {
  Eigen::VectorXd beta;
  Eigen::MatrixXd covariance;
  std::vector<double> hazard_ratio, ci_low, ci_high, p_value;  // per covariate: exp(beta), exp(beta -+ z se)
  double log_likelihood = std::numeric_limits<double>::quiet_NaN();       // log partial likelihood at beta
  double log_likelihood_null = std::numeric_limits<double>::quiet_NaN();  // ... at beta = 0
  std::size_t n = 0, events = 0;
  std::size_t clusters = 0;  // number of distinct cluster ids, 0 when none were given
  int iterations = 0;
  bool converged = false;
  std::string note;  // empty, or why the fit is unreliable (no events in a group, did not converge, ...)
};

// covariates: n rows (observations, in the order of `time`) x p columns (covariates); any finite values fit,
// but the diagnostics for groups without events look at 0/1 columns. A column that is the same for everyone
// (an empty arm) is left out of the fit and its results are NaN. Results are NaN when there are no events or
// the information matrix is singular; when the fit does not converge (a coefficient heads for infinity
// because a group has no events) they are those of the last iterate. `note` says which applies.
// Throws std::invalid_argument on mismatched sizes, non-finite times or covariates, or events other than 0/1.
[[nodiscard]] CoxFit cox_fit(std::span<const double> time, std::span<const std::uint8_t> event,
                             const Eigen::MatrixXd& covariates, std::span<const std::uint32_t> cluster = {});

}  // namespace labsim::results
