// Treatment effects of a randomized trial as differences in means, with or without cluster randomization.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

namespace labsim::results {

inline constexpr double kConfidence = 0.95;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The difference in means treated - control (a difference in proportions when values are 0/1), with a 95%
// interval. Without clusters: normal approximation with the unpooled (Welch) standard error.
// With clusters (one id per observation; e.g. cluster randomization by jobcentre): cluster-robust (CR1)
// standard error of the OLS slope of y on the 0/1 treated indicator, and a t quantile with G-2 degrees of
// freedom (G = number of clusters); when G < 3 the interval and p-value are NaN (and `note` says why).
struct Difference {
  double treated_mean = kNaN, control_mean = kNaN;
  double estimate = kNaN, se = kNaN, ci_low = kNaN, ci_high = kNaN, p_value = kNaN;  // two-sided
  std::size_t n_treated = 0, n_control = 0;
  std::size_t clusters = 0;  // G; 0 when no clusters were given or an arm is empty
  std::string note;          // empty, or a one-line reason the interval is missing
};

// `treated[i]` must be 0 or 1 and `values[i]` finite; `cluster`, if not empty, has one id per observation
// (ids need not be dense). An empty arm gives a NaN estimate; an arm of one observation (without clusters)
// or a standard error of 0 gives a NaN p-value. Throws std::invalid_argument on mismatched sizes or values
// that break these rules.
[[nodiscard]] Difference difference_in_means(std::span<const double> values,
                                             std::span<const std::uint8_t> treated,
                                             std::span<const std::uint32_t> cluster = {});

// A mean with a 95% interval: normal approximation with the standard error s / sqrt(n); with clusters (one
// id per observation), the cluster-robust standard error sqrt(G/(G-1) sum_g (sum_{i in g} (y_i - mean))^2) /
// n and a t quantile with G-1 degrees of freedom (NaN interval when G < 2). NaN mean for no observations.
struct MeanInterval {
  double mean = kNaN, ci_low = kNaN, ci_high = kNaN;
  std::size_t n = 0;
};
[[nodiscard]] MeanInterval mean_with_interval(std::span<const double> values,
                                              std::span<const std::uint32_t> cluster = {});

// The difference treated - control stratified by `stratum` (one id per observation): difference_in_means
// within each stratum that has both treated and control observations, pooled with participant weights
// (w_s = the stratum's observations), so that every stratum counts as much as it has participants, as in a
// post-stratified comparison; the variance is sum w_s^2 se_s^2 / (sum w_s)^2 and the interval normal.
// treated_mean and control_mean are the strata's means pooled with the same weights, so that estimate =
// treated_mean - control_mean; n_treated and n_control count the observations in the strata used. Strata
// with one arm only are left out; an interval is NaN if some stratum used has none (see `note`).
[[nodiscard]] Difference stratified_difference(std::span<const double> values,
                                               std::span<const std::uint8_t> treated,
                                               std::span<const std::uint32_t> stratum,
                                               std::span<const std::uint32_t> cluster = {});

}  // namespace labsim::results
