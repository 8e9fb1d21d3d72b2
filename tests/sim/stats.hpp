// Small statistical helpers for tests: the Kolmogorov-Smirnov statistic and critical value, mean and standard
// error.
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <vector>

namespace labsim::test {

// The one-sample Kolmogorov-Smirnov statistic D_n = sup_x |F_n(x) - F(x)| of `sample` against the continuous
// distribution function `cdf`.
template <class Cdf>
double ks_statistic(std::vector<double> sample, Cdf cdf) {
  assert(!sample.empty());
  std::sort(sample.begin(), sample.end());
  const auto n = static_cast<double>(sample.size());
  double d = 0.0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double f = cdf(sample[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

// The critical value of D_n at significance level `alpha` from Kolmogorov's limit distribution,
// sqrt(-ln(alpha / 2) / 2) / sqrt(n); for alpha = 0.001 that is 1.9495 / sqrt(n). Accurate to well under 1%
// for n >= 1000, and slightly lenient for finite n (the exact value is about c / (sqrt(n) + 0.12)).
inline double ks_critical_value(double alpha, std::size_t n) {
  return std::sqrt(-std::log(alpha / 2.0) / 2.0) / std::sqrt(static_cast<double>(n));
}

struct MeanAndError {
  double mean = 0.0;
  double standard_error = 0.0;  // sample standard deviation / sqrt(n)
};

inline MeanAndError mean_and_standard_error(const std::vector<double>& xs) {
  assert(xs.size() >= 2);
  const auto n = static_cast<double>(xs.size());
  double mean = 0.0;
  for (const double x : xs) mean += x;
  mean /= n;
  double squares = 0.0;
  for (const double x : xs) squares += (x - mean) * (x - mean);
  return {mean, std::sqrt(squares / (n - 1.0) / n)};
}

// The standard error of a proportion estimated from n Bernoulli(p) trials.
inline double binomial_standard_error(double p, std::size_t n) {
  return std::sqrt(p * (1.0 - p) / static_cast<double>(n));
}

}  // namespace labsim::test
