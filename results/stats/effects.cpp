// Difference in means with a Welch or cluster-robust (CR1) interval.
#include "results/stats/effects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace labsim::results {

namespace {

void check_inputs(std::span<const double> values, std::span<const std::uint8_t> treated,
                  std::span<const std::uint32_t> cluster) {
  if (treated.size() != values.size()) {
    throw std::invalid_argument(fmt::format("difference_in_means: values has {} entries but treated has {}",
                                            values.size(), treated.size()));
  }
  if (!cluster.empty() && cluster.size() != values.size()) {
    throw std::invalid_argument(fmt::format("difference_in_means: values has {} entries but cluster has {}",
                                            values.size(), cluster.size()));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument(
          fmt::format("difference_in_means: values[{}] = {} is not finite", i, values[i]));
    }
    if (treated[i] > 1) {
      throw std::invalid_argument(
          fmt::format("difference_in_means: treated[{}] = {} must be 0 or 1", i, treated[i]));
    }
  }
}

// Sets the interval and two-sided p-value from `out.estimate` and `out.se` for a pivot distributed as `dist`.
template <class Distribution>
void set_interval(Difference& out, const Distribution& dist) {
  if (std::isnan(out.se)) return;
  if (out.se == 0) {
    // Every arm is constant: the interval collapses and a test statistic is 0/0 or infinite.
    out.ci_low = out.ci_high = out.estimate;
    out.note = "no variation within arms: the standard error is 0, so there is no p-value";
    return;
  }
  const double q = boost::math::quantile(boost::math::complement(dist, (1 - kConfidence) / 2));
  out.ci_low = out.estimate - q * out.se;
  out.ci_high = out.estimate + q * out.se;
  out.p_value = 2 * boost::math::cdf(boost::math::complement(dist, std::abs(out.estimate) / out.se));
}

void welch(Difference& out, std::span<const double> values, std::span<const std::uint8_t> treated) {
  if (out.n_treated < 2 || out.n_control < 2) {
    out.note = "an arm has a single observation, so its variance is unknown";
    return;
  }
  double ss_treated = 0, ss_control = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double e = values[i] - (treated[i] ? out.treated_mean : out.control_mean);
    (treated[i] ? ss_treated : ss_control) += e * e;
  }
  const auto nt = static_cast<double>(out.n_treated), nc = static_cast<double>(out.n_control);
  out.se = std::sqrt(ss_treated / (nt - 1) / nt + ss_control / (nc - 1) / nc);
  set_interval(out, boost::math::normal_distribution<double>());
}

// The OLS slope of y on (1, x) has influence (x_i - xbar) e_i / Sxx for observation i (e_i the residual, here
// y_i minus its arm's mean), so the [slope, slope] cell of the CR1 sandwich is
// G/(G-1) (N-1)/(N-2) sum_g (sum_{i in g} (x_i - xbar) e_i)^2 / Sxx^2.
void clustered(Difference& out, std::span<const double> values, std::span<const std::uint8_t> treated,
               std::span<const std::uint32_t> cluster) {
  const std::size_t n = values.size();
  const double xbar = static_cast<double>(out.n_treated) / static_cast<double>(n);
  const double sxx =
      static_cast<double>(out.n_treated) * static_cast<double>(out.n_control) / static_cast<double>(n);
  std::vector<std::pair<std::uint32_t, double>> influence(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double e = values[i] - (treated[i] ? out.treated_mean : out.control_mean);
    influence[i] = {cluster[i], (treated[i] - xbar) * e};
  }
  // Sorting by cluster (stable, so that sums do not depend on the sort) groups each cluster's terms.
  std::stable_sort(influence.begin(), influence.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  double meat = 0;
  std::size_t groups = 0;
  for (std::size_t i = 0; i < n;) {
    double sum = 0;
    const std::uint32_t id = influence[i].first;
    for (; i < n && influence[i].first == id; ++i) sum += influence[i].second;
    meat += sum * sum;
    ++groups;
  }
  out.clusters = groups;
  const auto g = static_cast<double>(groups), nn = static_cast<double>(n);
  if (groups >= 2 && n > 2) out.se = std::sqrt(g / (g - 1) * (nn - 1) / (nn - 2) * meat) / sxx;
  if (groups < 3) {
    out.note = fmt::format("{} cluster{}: a t interval with G-2 degrees of freedom needs at least 3", groups,
                           groups == 1 ? "" : "s");
    return;
  }
  set_interval(out, boost::math::students_t_distribution<double>(g - 2));
}

}  // namespace

Difference difference_in_means(std::span<const double> values, std::span<const std::uint8_t> treated,
                               std::span<const std::uint32_t> cluster) {
  check_inputs(values, treated, cluster);
  Difference out;
  double sum_treated = 0, sum_control = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (treated[i]) {
      sum_treated += values[i];
      ++out.n_treated;
    } else {
      sum_control += values[i];
      ++out.n_control;
    }
  }
  if (out.n_treated > 0) out.treated_mean = sum_treated / static_cast<double>(out.n_treated);
  if (out.n_control > 0) out.control_mean = sum_control / static_cast<double>(out.n_control);
  if (out.n_treated == 0 || out.n_control == 0) {
    out.note = out.n_treated == 0 ? "no treated observations" : "no control observations";
    return out;
  }
  out.estimate = out.treated_mean - out.control_mean;
  if (cluster.empty()) {
    welch(out, values, treated);
  } else {
    clustered(out, values, treated, cluster);
  }
  return out;
}

MeanInterval mean_with_interval(std::span<const double> values, std::span<const std::uint32_t> cluster) {
  if (!cluster.empty() && cluster.size() != values.size()) {
    throw std::invalid_argument(fmt::format("mean_with_interval: values has {} entries but cluster has {}",
                                            values.size(), cluster.size()));
  }
  MeanInterval out;
  out.n = values.size();
  if (values.empty()) return out;
  double sum = 0;
  for (const double v : values) sum += v;
  const auto n = static_cast<double>(values.size());
  out.mean = sum / n;
  double se = kNaN, q = kNaN;
  if (cluster.empty()) {
    if (values.size() < 2) return out;
    double ss = 0;
    for (const double v : values) ss += (v - out.mean) * (v - out.mean);
    se = std::sqrt(ss / (n - 1) / n);
    q = boost::math::quantile(
        boost::math::complement(boost::math::normal_distribution<double>(), (1 - kConfidence) / 2));
  } else {
    std::vector<std::pair<std::uint32_t, double>> residual(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) residual[i] = {cluster[i], values[i] - out.mean};
    std::stable_sort(residual.begin(), residual.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    double meat = 0;
    std::size_t groups = 0;
    for (std::size_t i = 0; i < residual.size();) {
      double total = 0;
      const std::uint32_t id = residual[i].first;
      for (; i < residual.size() && residual[i].first == id; ++i) total += residual[i].second;
      meat += total * total;
      ++groups;
    }
    if (groups < 2) return out;
    const auto g = static_cast<double>(groups);
    se = std::sqrt(g / (g - 1) * meat) / n;
    q = boost::math::quantile(
        boost::math::complement(boost::math::students_t_distribution<double>(g - 1), (1 - kConfidence) / 2));
  }
  out.ci_low = out.mean - q * se;
  out.ci_high = out.mean + q * se;
  return out;
}

Difference stratified_difference(std::span<const double> values, std::span<const std::uint8_t> treated,
                                 std::span<const std::uint32_t> stratum,
                                 std::span<const std::uint32_t> cluster) {
  check_inputs(values, treated, cluster);
  if (stratum.size() != values.size()) {
    throw std::invalid_argument(fmt::format("stratified_difference: values has {} entries but stratum has {}",
                                            values.size(), stratum.size()));
  }
  std::vector<std::uint32_t> ids(stratum.begin(), stratum.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  Difference out;
  double weights = 0, estimate = 0, variance = 0, treated_mean = 0, control_mean = 0;
  std::vector<double> v;
  std::vector<std::uint8_t> t;
  std::vector<std::uint32_t> c;
  for (const std::uint32_t id : ids) {
    v.clear();
    t.clear();
    c.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (stratum[i] != id) continue;
      v.push_back(values[i]);
      t.push_back(treated[i]);
      if (!cluster.empty()) c.push_back(cluster[i]);
    }
    const Difference d = difference_in_means(v, t, c);
    if (d.n_treated == 0 || d.n_control == 0) continue;
    const auto w = static_cast<double>(v.size());
    weights += w;
    estimate += w * d.estimate;
    treated_mean += w * d.treated_mean;
    control_mean += w * d.control_mean;
    variance += w * w * d.se * d.se;
    out.n_treated += d.n_treated;
    out.n_control += d.n_control;
    if (std::isnan(d.se) && out.note.empty()) out.note = fmt::format("stratum {}: {}", id, d.note);
  }
  if (weights == 0) {
    out.note = "no stratum has both treated and control observations";
    return out;
  }
  out.estimate = estimate / weights;
  out.treated_mean = treated_mean / weights;
  out.control_mean = control_mean / weights;
  out.se = std::sqrt(variance) / weights;
  set_interval(out, boost::math::normal_distribution<double>());
  return out;
}

}  // namespace labsim::results
