// Kaplan-Meier product-limit estimate and the Cox model's Newton-Raphson fit with Efron's ties.
#include "results/stats/survival.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "results/stats/effects.hpp"

namespace labsim::results {

namespace {

double normal_critical_value() {
  return boost::math::quantile(
      boost::math::complement(boost::math::normal_distribution<double>(), (1 - kConfidence) / 2));
}

void check_times(const char* who, std::span<const double> time, std::span<const std::uint8_t> event,
                 std::span<const std::uint32_t> cluster) {
  if (event.size() != time.size()) {
    throw std::invalid_argument(
        fmt::format("{}: time has {} values but event has {}", who, time.size(), event.size()));
  }
  if (!cluster.empty() && cluster.size() != time.size()) {
    throw std::invalid_argument(
        fmt::format("{}: time has {} values but cluster has {}", who, time.size(), cluster.size()));
  }
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (!std::isfinite(time[i])) {
      throw std::invalid_argument(fmt::format("{}: time[{}] = {} is not finite", who, i, time[i]));
    }
    if (event[i] > 1) {
      throw std::invalid_argument(fmt::format("{}: event[{}] = {} must be 0 or 1", who, i, event[i]));
    }
  }
}

// The value of `values` at the last of `times` not after t; `before` if t precedes them all.
double step_at(const std::vector<double>& times, const std::vector<double>& values, double t, double before) {
  if (std::isnan(t)) return kNaN;
  const auto after = std::upper_bound(times.begin(), times.end(), t);
  return after == times.begin() ? before : values[static_cast<std::size_t>(after - times.begin()) - 1];
}

// Observations in decreasing time order, covariates centred (which changes neither the fit nor the partial
// likelihood, but keeps the information matrix from cancelling large means).
struct RiskSets {
  Eigen::MatrixXd x;                 // q x n: column r holds the covariates of the r-th latest observation
  std::vector<std::uint8_t> event;   // of the r-th latest observation
  std::vector<std::size_t> order;    // input index of the r-th latest observation
  std::vector<std::size_t> run_end;  // one past the end of each run of equal times
};

RiskSets risk_sets(std::span<const double> time, std::span<const std::uint8_t> event,
                   const Eigen::MatrixXd& covariates, const std::vector<Eigen::Index>& columns) {
  const std::size_t n = time.size();
  RiskSets rs;
  rs.order.resize(n);
  std::iota(rs.order.begin(), rs.order.end(), std::size_t{0});
  // Ties broken by input index, so that sums are added in an order that does not depend on the sort.
  std::sort(rs.order.begin(), rs.order.end(),
            [&](std::size_t a, std::size_t b) { return time[a] != time[b] ? time[a] > time[b] : a < b; });
  const auto q = static_cast<Eigen::Index>(columns.size());
  rs.x.resize(q, static_cast<Eigen::Index>(n));
  rs.event.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const auto i = static_cast<Eigen::Index>(rs.order[r]);
    for (Eigen::Index j = 0; j < q; ++j) rs.x(j, static_cast<Eigen::Index>(r)) = covariates(i, columns[j]);
    rs.event[r] = event[rs.order[r]];
    if (r + 1 == n || time[rs.order[r + 1]] != time[rs.order[r]]) rs.run_end.push_back(r + 1);
  }
  if (n > 0) rs.x.colwise() -= rs.x.rowwise().mean();
  return rs;
}

// Linear predictors x beta less their maximum: the shift cancels in every ratio of relative risks and in the
// partial likelihood (each event adds one linear predictor and subtracts one log risk-set sum), and keeps
// exp() from overflowing.
Eigen::VectorXd shifted_log_risks(const RiskSets& rs, const Eigen::VectorXd& beta) {
  Eigen::VectorXd eta = rs.x.transpose() * beta;
  if (eta.size() > 0) eta.array() -= eta.maxCoeff();
  return eta;
}

struct Evaluation {
  double loglik = 0;
  Eigen::VectorXd score;
  Eigen::MatrixXd information;
};

// Efron's approximation: the d tied events at a time see the risk set with k/d of their own weight
// removed, k = 0 .. d-1, as if they had occurred one after another in unknown order.
Evaluation evaluate(const RiskSets& rs, const Eigen::VectorXd& beta) {
  const Eigen::Index q = beta.size();
  const Eigen::VectorXd eta = shifted_log_risks(rs, beta);
  const Eigen::VectorXd w = eta.array().exp().matrix();
  Evaluation ev{0, Eigen::VectorXd::Zero(q), Eigen::MatrixXd::Zero(q, q)};
  double s0 = 0;
  Eigen::VectorXd s1 = Eigen::VectorXd::Zero(q), a1(q), xbar(q);
  Eigen::MatrixXd s2 = Eigen::MatrixXd::Zero(q, q), a2(q, q);
  std::size_t r = 0;
  for (const std::size_t end : rs.run_end) {
    double a0 = 0;
    a1.setZero();
    a2.setZero();
    int deaths = 0;
    for (; r < end; ++r) {
      const auto c = static_cast<Eigen::Index>(r);
      const auto xr = rs.x.col(c);
      s0 += w[c];
      s1 += w[c] * xr;
      s2.noalias() += (w[c] * xr) * xr.transpose();
      if (!rs.event[r]) continue;
      a0 += w[c];
      a1 += w[c] * xr;
      a2.noalias() += (w[c] * xr) * xr.transpose();
      ev.loglik += eta[c];
      ev.score += xr;
      ++deaths;
    }
    for (int k = 0; k < deaths; ++k) {
      const double f = static_cast<double>(k) / deaths;
      const double d0 = s0 - f * a0;
      if (!(d0 > 0)) {
        // Every weight in the risk set underflowed: only a wildly wrong beta does that. NaN makes the
        // step-halving retreat, or the fit stop as singular.
        ev.loglik = kNaN;
        ev.information.setConstant(kNaN);
        return ev;
      }
      xbar = (s1 - f * a1) / d0;
      ev.loglik -= std::log(d0);
      ev.score -= xbar;
      ev.information += (s2 - f * a2) / d0;
      ev.information.noalias() -= xbar * xbar.transpose();
    }
  }
  return ev;
}

// Sum over clusters of U_g U_g', U_g the cluster's total of score residuals. Observation i's score residual
// is its share of the score: delta_i (x_i - mean over k of xbar_k at t_i) minus, for every event time up to
// t_i and each of its Efron steps k, w_i (x_i - xbar_k) / s0_k, scaled by 1 - k/d where i is one of the d
// tied events (as in R's coxph). Accumulating the hazard terms forward in time makes this O(n q).
Eigen::MatrixXd clustered_scores(const RiskSets& rs, const Eigen::VectorXd& beta,
                                 std::span<const std::uint32_t> cluster) {
  const Eigen::Index q = beta.size();
  const auto runs = static_cast<Eigen::Index>(rs.run_end.size());
  const Eigen::VectorXd w = shifted_log_risks(rs, beta).array().exp().matrix();
  // Per run: sum_k 1/s0_k, sum_k (k/d)/s0_k, and with xbar_k: sum_k xbar_k/s0_k, sum_k (k/d) xbar_k/s0_k,
  // and the mean of xbar_k.
  Eigen::VectorXd h0 = Eigen::VectorXd::Zero(runs), g0 = Eigen::VectorXd::Zero(runs);
  Eigen::MatrixXd h1 = Eigen::MatrixXd::Zero(q, runs), g1 = Eigen::MatrixXd::Zero(q, runs);
  Eigen::MatrixXd mean_xbar = Eigen::MatrixXd::Zero(q, runs);
  double s0 = 0;
  Eigen::VectorXd s1 = Eigen::VectorXd::Zero(q), a1(q), xbar(q);
  std::size_t r = 0;
  for (Eigen::Index run = 0; run < runs; ++run) {
    double a0 = 0;
    a1.setZero();
    int deaths = 0;
    for (; r < rs.run_end[static_cast<std::size_t>(run)]; ++r) {
      const auto c = static_cast<Eigen::Index>(r);
      s0 += w[c];
      s1 += w[c] * rs.x.col(c);
      if (!rs.event[r]) continue;
      a0 += w[c];
      a1 += w[c] * rs.x.col(c);
      ++deaths;
    }
    for (int k = 0; k < deaths; ++k) {
      const double f = static_cast<double>(k) / deaths;
      const double d0 = s0 - f * a0;
      xbar = (s1 - f * a1) / d0;
      h0[run] += 1 / d0;
      g0[run] += f / d0;
      h1.col(run) += xbar / d0;
      g1.col(run) += f * xbar / d0;
      mean_xbar.col(run) += xbar / deaths;
    }
  }
  Eigen::MatrixXd residuals(q, static_cast<Eigen::Index>(rs.order.size()));
  double c0 = 0;
  Eigen::VectorXd c1 = Eigen::VectorXd::Zero(q);
  for (Eigen::Index run = runs - 1; run >= 0; --run) {
    c0 += h0[run];
    c1 += h1.col(run);
    const std::size_t begin = run == 0 ? 0 : rs.run_end[static_cast<std::size_t>(run - 1)];
    for (std::size_t i = begin; i < rs.run_end[static_cast<std::size_t>(run)]; ++i) {
      const auto c = static_cast<Eigen::Index>(i);
      const auto xi = rs.x.col(c);
      auto li = residuals.col(c);
      li = -w[c] * (xi * c0 - c1);
      if (rs.event[i]) li += xi - mean_xbar.col(run) + w[c] * (xi * g0[run] - g1.col(run));
    }
  }
  std::vector<std::pair<std::uint32_t, std::size_t>> by_cluster(rs.order.size());
  for (std::size_t i = 0; i < rs.order.size(); ++i) by_cluster[i] = {cluster[rs.order[i]], i};
  std::sort(by_cluster.begin(), by_cluster.end());
  Eigen::MatrixXd meat = Eigen::MatrixXd::Zero(q, q);
  Eigen::VectorXd total(q);
  for (std::size_t i = 0; i < by_cluster.size();) {
    const std::uint32_t id = by_cluster[i].first;
    total.setZero();
    for (; i < by_cluster.size() && by_cluster[i].first == id; ++i) {
      total += residuals.col(static_cast<Eigen::Index>(by_cluster[i].second));
    }
    meat.noalias() += total * total.transpose();
  }
  return meat;
}

// A pivot this much smaller than the largest is rounding error of a zero: the covariates are collinear. (A
// coefficient heading for infinity shrinks its pivot too, but only to ~e^-20 before the fit stops.)
bool positive_definite(const Eigen::LDLT<Eigen::MatrixXd>& ldlt) {
  if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) return false;
  const auto d = ldlt.vectorD();
  return d.maxCoeff() > 0 && d.minCoeff() > 1e-12 * d.maxCoeff();
}

std::size_t distinct(std::span<const std::uint32_t> ids) {
  std::vector<std::uint32_t> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end());
  return static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
}

bool is_indicator(const Eigen::MatrixXd& x, Eigen::Index column) {
  return ((x.col(column).array() == 0) || (x.col(column).array() == 1)).all();
}

// Why the likelihood has no finite maximum, for the common causes with indicator covariates: a group
// without events, whose hazard ratio relative to the rest is estimated as 0 (or, for the reference group,
// everyone else's as infinite).
std::vector<std::string> groups_without_events(std::span<const std::uint8_t> event, const Eigen::MatrixXd& x,
                                               const std::vector<Eigen::Index>& columns) {
  std::vector<std::string> notes;
  bool all_indicators = true;
  for (const Eigen::Index j : columns) {
    if (!is_indicator(x, j)) {
      all_indicators = false;
      continue;
    }
    std::size_t events = 0;
    for (std::size_t i = 0; i < event.size(); ++i) {
      events += event[i] && x(static_cast<Eigen::Index>(i), j) == 1;
    }
    if (events == 0) notes.push_back(fmt::format("no events where covariate {} is 1", j));
  }
  if (!all_indicators || columns.empty()) return notes;
  std::size_t members = 0, events = 0;
  for (std::size_t i = 0; i < event.size(); ++i) {
    bool reference = true;
    for (const Eigen::Index j : columns) reference = reference && x(static_cast<Eigen::Index>(i), j) == 0;
    members += reference;
    events += reference && event[i];
  }
  if (members > 0 && events == 0) notes.emplace_back("no events in the reference group (all covariates 0)");
  return notes;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

}  // namespace

double KaplanMeier::survival_at(double t) const {
  return step_at(times, survival, t, 1.0);
}
double KaplanMeier::ci_low_at(double t) const {
  return step_at(times, ci_low, t, 1.0);
}
double KaplanMeier::ci_high_at(double t) const {
  return step_at(times, ci_high, t, 1.0);
}

SurvivalMedian km_median(const KaplanMeier& km) {
  // Once S reaches 0 its limits are NaN (no variance); the band has closed onto 0 there.
  const auto first_at_or_below_half = [&](const std::vector<double>& curve) {
    for (std::size_t i = 0; i < km.times.size(); ++i) {
      const double v = km.survival[i] == 0 ? 0.0 : curve[i];
      if (v <= 0.5) return km.times[i];
    }
    return kNaN;
  };
  return {first_at_or_below_half(km.survival), first_at_or_below_half(km.ci_low),
          first_at_or_below_half(km.ci_high)};
}

KaplanMeier kaplan_meier(std::span<const double> time, std::span<const std::uint8_t> event) {
  check_times("kaplan_meier", time, event, {});
  std::vector<std::pair<double, std::uint8_t>> sorted(time.size());
  for (std::size_t i = 0; i < time.size(); ++i) sorted[i] = {time[i], event[i]};
  std::sort(sorted.begin(), sorted.end());

  const double z = normal_critical_value();
  KaplanMeier km;
  double s = 1, greenwood = 0;  // greenwood: sum of d / (n (n - d)), the variance of log S over S^2
  for (std::size_t i = 0; i < sorted.size();) {
    const double t = sorted[i].first;
    const auto at_risk = static_cast<double>(sorted.size() - i);
    double deaths = 0;
    for (; i < sorted.size() && sorted[i].first == t; ++i) deaths += sorted[i].second;
    if (deaths == 0) continue;
    s *= 1 - deaths / at_risk;
    greenwood += deaths < at_risk ? deaths / (at_risk * (at_risk - deaths)) : kNaN;
    km.times.push_back(t);
    km.survival.push_back(s);
    km.at_risk.push_back(at_risk);
    km.events.push_back(deaths);
    km.variance.push_back(s > 0 ? s * s * greenwood : kNaN);
    // log(-log S) has standard error sqrt(greenwood) / |log S|; mapping its interval back gives
    // S^exp(+-z se), which stays in [0, 1].
    const double se = std::sqrt(greenwood) / -std::log(s);
    km.ci_low.push_back(s > 0 ? std::pow(s, std::exp(z * se)) : kNaN);
    km.ci_high.push_back(s > 0 ? std::pow(s, std::exp(-z * se)) : kNaN);
  }
  return km;
}

CoxFit cox_fit(std::span<const double> time, std::span<const std::uint8_t> event,
               const Eigen::MatrixXd& covariates, std::span<const std::uint32_t> cluster) {
  check_times("cox_fit", time, event, cluster);
  const std::size_t n = time.size();
  if (static_cast<std::size_t>(covariates.rows()) != n) {
    throw std::invalid_argument(
        fmt::format("cox_fit: time has {} values but covariates has {} rows", n, covariates.rows()));
  }
  const Eigen::Index p = covariates.cols();
  for (Eigen::Index j = 0; j < p; ++j) {
    for (Eigen::Index i = 0; i < covariates.rows(); ++i) {
      if (!std::isfinite(covariates(i, j))) {
        throw std::invalid_argument(
            fmt::format("cox_fit: covariates({}, {}) = {} is not finite", i, j, covariates(i, j)));
      }
    }
  }

  CoxFit fit;
  fit.n = n;
  fit.events = static_cast<std::size_t>(std::count(event.begin(), event.end(), std::uint8_t{1}));
  fit.clusters = cluster.empty() ? 0 : distinct(cluster);
  fit.beta = Eigen::VectorXd::Constant(p, kNaN);
  fit.covariance = Eigen::MatrixXd::Constant(p, p, kNaN);
  for (auto* v : {&fit.hazard_ratio, &fit.ci_low, &fit.ci_high, &fit.p_value}) v->assign(p, kNaN);
  if (fit.events == 0) {
    fit.note = "no events";
    return fit;
  }

  std::vector<std::string> notes;
  std::vector<Eigen::Index> columns;  // those that vary, and so can be estimated
  for (Eigen::Index j = 0; j < p; ++j) {
    if (covariates.col(j).minCoeff() == covariates.col(j).maxCoeff()) {
      notes.push_back(fmt::format("covariate {} is the same for everyone (an empty arm?): not estimated", j));
    } else {
      columns.push_back(j);
    }
  }
  const auto without_events = groups_without_events(event, covariates, columns);
  notes.insert(notes.end(), without_events.begin(), without_events.end());

  const RiskSets rs = risk_sets(time, event, covariates, columns);
  const auto q = static_cast<Eigen::Index>(columns.size());
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(q);
  Evaluation ev = evaluate(rs, beta);
  fit.log_likelihood_null = fit.log_likelihood = ev.loglik;
  if (q == 0) {
    fit.converged = p == 0;
    fit.note = join(notes);
    return fit;
  }

  // Beyond this a hazard ratio (e^20 ~ 5e8) can only mean the maximum is at infinity.
  constexpr double kDivergent = 20;
  constexpr int kMaxIterations = 50, kMaxHalvings = 30;
  // Newton's method converges quadratically: after a step this small the error is far below it.
  constexpr double kStepTolerance = 1e-9;
  bool singular = false, diverged = false;
  for (int iteration = 1; iteration <= kMaxIterations; ++iteration) {
    fit.iterations = iteration;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(ev.information);
    if (!positive_definite(ldlt)) {
      singular = true;
      break;
    }
    Eigen::VectorXd step = ldlt.solve(ev.score);
    Eigen::VectorXd next = beta + step;
    Evaluation trial = evaluate(rs, next);
    // The log partial likelihood is concave, so a shorter step in this direction gains unless the full one
    // overshot; the slack absorbs rounding once at the maximum.
    const double slack = 1e-12 * (1 + std::abs(ev.loglik));
    for (int h = 0; h < kMaxHalvings && !(trial.loglik >= ev.loglik - slack); ++h) {
      step /= 2;
      next = beta + step;
      trial = evaluate(rs, next);
    }
    beta = std::move(next);
    ev = std::move(trial);
    if (beta.cwiseAbs().maxCoeff() > kDivergent) {
      diverged = true;
      break;
    }
    if (step.cwiseAbs().maxCoeff() < kStepTolerance) {
      fit.converged = true;
      break;
    }
  }
  fit.log_likelihood = ev.loglik;
  if (singular) {
    notes.emplace_back("the information matrix is singular (collinear covariates?)");
    fit.note = join(notes);
    return fit;
  }
  if (diverged) {
    Eigen::Index j = 0;
    beta.cwiseAbs().maxCoeff(&j);
    notes.push_back(fmt::format("did not converge: the coefficient of covariate {} heads for {}infinity",
                                columns[static_cast<std::size_t>(j)], beta[j] < 0 ? "-" : "+"));
  } else if (!fit.converged) {
    notes.push_back(fmt::format("did not converge in {} iterations", kMaxIterations));
  }
  fit.note = join(notes);

  const Eigen::LDLT<Eigen::MatrixXd> ldlt(ev.information);
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Constant(q, q, kNaN);
  if (positive_definite(ldlt)) {
    covariance = ldlt.solve(Eigen::MatrixXd::Identity(q, q));
    if (!cluster.empty()) covariance = covariance * clustered_scores(rs, beta, cluster) * covariance;
  }
  const double z = normal_critical_value();
  const boost::math::normal_distribution<double> normal;
  for (Eigen::Index a = 0; a < q; ++a) {
    const Eigen::Index j = columns[static_cast<std::size_t>(a)];
    const auto u = static_cast<std::size_t>(j);
    for (Eigen::Index b = 0; b < q; ++b) {
      fit.covariance(j, columns[static_cast<std::size_t>(b)]) = covariance(a, b);
    }
    fit.beta[j] = beta[a];
    const double se = std::sqrt(covariance(a, a));
    fit.hazard_ratio[u] = std::exp(beta[a]);
    fit.ci_low[u] = std::exp(beta[a] - z * se);
    fit.ci_high[u] = std::exp(beta[a] + z * se);
    if (se > 0) {
      fit.p_value[u] = 2 * boost::math::cdf(boost::math::complement(normal, std::abs(beta[a]) / se));
    }
  }
  return fit;
}

}  // namespace labsim::results
