// Tests of Kaplan-Meier and the Cox model against hand computation, R's survival package and simulated data.
#include <Eigen/Core>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "results/stats/survival.hpp"

using labsim::results::cox_fit;
using labsim::results::kaplan_meier;

namespace {

constexpr double kZ975 = 1.959963984540054;  // qnorm(0.975) in R

Eigen::MatrixXd column(const std::vector<double>& x) {
  return Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
}

// Exponential durations for arms 0..k, arm a with hazard base_rate * ratio[a], censored by an independent
// exponential at censor_rate and at a horizon; covariates are indicators of arms 1..k.
struct Trial {
  std::vector<double> time;
  std::vector<std::uint8_t> event;
  Eigen::MatrixXd arms;
};

Trial simulate(const std::vector<double>& ratio, std::size_t per_arm, std::uint64_t seed, bool whole_days) {
  std::mt19937_64 rng(seed);
  const double base_rate = 1.0 / 100, censor_rate = 1.0 / 200, horizon = 365;
  Trial t;
  t.arms = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(ratio.size() * per_arm),
                                 static_cast<Eigen::Index>(ratio.size() - 1));
  for (std::size_t a = 0; a < ratio.size(); ++a) {
    std::exponential_distribution<double> duration(base_rate * ratio[a]), censoring(censor_rate);
    for (std::size_t k = 0; k < per_arm; ++k) {
      const double d = duration(rng), c = std::min(censoring(rng), horizon);
      double time = std::min(d, c);
      if (whole_days) time = std::ceil(time);  // many ties, as in register data counted in days
      t.time.push_back(time);
      t.event.push_back(d <= c);
      if (a > 0) t.arms(static_cast<Eigen::Index>(t.time.size() - 1), static_cast<Eigen::Index>(a - 1)) = 1;
    }
  }
  return t;
}

}  // namespace

// ---- Kaplan-Meier ----------------------------------------------------------------------------------------

TEST_CASE("kaplan_meier: product-limit values of a small example with ties and censoring", "[stats]") {
  // time  1  2  2  2+ 3  4+ 5  6+   (+ censored), given shuffled.
  // t=1: 8 at risk, 1 event  -> S = 7/8
  // t=2: 7 at risk (the one censored at 2 counts), 2 events -> S = 7/8 * 5/7 = 5/8
  // t=3: 4 at risk, 1 event  -> S = 5/8 * 3/4 = 15/32
  // t=5: 2 at risk, 1 event  -> S = 15/32 * 1/2 = 15/64
  const std::vector<double> time{5, 2, 6, 1, 2, 4, 3, 2};
  const std::vector<std::uint8_t> event{1, 0, 0, 1, 1, 0, 1, 1};
  const auto km = kaplan_meier(time, event);
  CHECK(km.times == std::vector<double>{1, 2, 3, 5});
  CHECK(km.at_risk == std::vector<double>{8, 7, 4, 2});
  CHECK(km.events == std::vector<double>{1, 2, 1, 1});
  REQUIRE(km.survival.size() == 4);
  CHECK(km.survival[0] == Approx(7.0 / 8).epsilon(1e-15));
  CHECK(km.survival[1] == Approx(5.0 / 8).epsilon(1e-15));
  CHECK(km.survival[2] == Approx(15.0 / 32).epsilon(1e-15));
  CHECK(km.survival[3] == Approx(15.0 / 64).epsilon(1e-15));
  // The step function: 1 before the first event, right-continuous at each event time.
  CHECK(km.survival_at(0.5) == 1);
  CHECK(km.survival_at(1) == Approx(7.0 / 8));
  CHECK(km.survival_at(2.99) == Approx(5.0 / 8));
  CHECK(km.survival_at(4) == Approx(15.0 / 32));
  CHECK(km.survival_at(100) == Approx(15.0 / 64));
  CHECK(std::isnan(km.survival_at(NAN)));
  CHECK(km.ci_low_at(0) == 1);
  CHECK(km.ci_high_at(0) == 1);
}

TEST_CASE("kaplan_meier: Greenwood variance and log-log interval", "[stats]") {
  const std::vector<double> time{1, 2, 2, 2, 3, 4, 5, 6};
  const std::vector<std::uint8_t> event{1, 1, 1, 0, 1, 0, 1, 0};
  const auto km = kaplan_meier(time, event);
  // Greenwood: Var S(t) = S(t)^2 sum_{t_j <= t} d_j / (n_j (n_j - d_j)).
  const std::vector<double> sums{1.0 / 56, 1.0 / 56 + 2.0 / 35, 1.0 / 56 + 2.0 / 35 + 1.0 / 12,
                                 1.0 / 56 + 2.0 / 35 + 1.0 / 12 + 1.0 / 2};
  REQUIRE(km.variance.size() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    const double s = km.survival[k];
    CHECK(km.variance[k] == Approx(s * s * sums[k]).epsilon(1e-14));
    // log(-log S) +- z sqrt(sum) / |log S|, mapped back: S^exp(+-z se).
    const double se = std::sqrt(sums[k]) / -std::log(s);
    CHECK(km.ci_low[k] == Approx(std::pow(s, std::exp(kZ975 * se))).epsilon(1e-12));
    CHECK(km.ci_high[k] == Approx(std::pow(s, std::exp(-kZ975 * se))).epsilon(1e-12));
  }
  // R 4.2, survival 3.5-3: summary(survfit(Surv(time, event) ~ 1, conf.type = "log-log"))
  const std::vector<double> r_lower{0.3870000140320252, 0.2293333224291317, 0.1199286222409072,
                                    0.0130154860454199};
  const std::vector<double> r_upper{0.981392965878966, 0.860698276913539, 0.762855667871760,
                                    0.615806035741404};
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(km.ci_low[k] == Approx(r_lower[k]).epsilon(1e-9));
    CHECK(km.ci_high[k] == Approx(r_upper[k]).epsilon(1e-9));
  }
  CHECK(km.ci_low_at(4.5) == km.ci_low[2]);
}

TEST_CASE("kaplan_meier: without censoring it is the empirical survival function", "[stats]") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<int> day(1, 30);  // ties are common
  std::vector<double> time(200);
  for (auto& t : time) t = day(rng);
  const std::vector<std::uint8_t> event(time.size(), 1);
  const auto km = kaplan_meier(time, event);
  for (double t = 0; t <= 31; t += 0.5) {
    const auto survivors = std::count_if(time.begin(), time.end(), [t](double x) { return x > t; });
    CHECK(km.survival_at(t) == Approx(static_cast<double>(survivors) / 200.0).margin(1e-12));
  }
}

TEST_CASE("kaplan_meier: after S reaches 0 there is no interval; no events leaves S = 1", "[stats]") {
  // R gives NA for the bounds where S = 0.
  const auto km = kaplan_meier(std::vector<double>{1, 2, 3}, std::vector<std::uint8_t>{1, 0, 1});
  REQUIRE(km.survival.size() == 2);
  CHECK(km.survival[1] == 0);
  CHECK(std::isnan(km.ci_low[1]));
  CHECK(std::isnan(km.ci_high[1]));
  CHECK(std::isnan(km.variance[1]));
  CHECK(km.ci_low[0] == Approx(0.0540734267865168).epsilon(1e-9));  // R, as above

  const auto censored = kaplan_meier(std::vector<double>{1, 2}, std::vector<std::uint8_t>{0, 0});
  CHECK(censored.times.empty());
  CHECK(censored.survival_at(5) == 1);
  CHECK(kaplan_meier({}, {}).survival_at(0) == 1);
}

TEST_CASE("kaplan_meier: malformed input is rejected with the rule it breaks", "[stats]") {
  CHECK_THROWS_MATCHES(kaplan_meier(std::vector<double>{1, 2}, std::vector<std::uint8_t>{1}),
                       std::invalid_argument,
                       Catch::Message("kaplan_meier: time has 2 values but event has 1"));
  CHECK_THROWS_MATCHES(kaplan_meier(std::vector<double>{1, INFINITY}, std::vector<std::uint8_t>{1, 1}),
                       std::invalid_argument, Catch::Message("kaplan_meier: time[1] = inf is not finite"));
  CHECK_THROWS_MATCHES(kaplan_meier(std::vector<double>{1, 2}, std::vector<std::uint8_t>{3, 1}),
                       std::invalid_argument, Catch::Message("kaplan_meier: event[0] = 3 must be 0 or 1"));
}

// ---- Cox model: R reference
// --------------------------------------------------------------------------------

TEST_CASE("cox_fit: matches R's coxph with Efron ties on the aml data", "[stats]") {
  // survival::aml; x = 1 for Nonmaintained. R 4.2, survival 3.5-3:
  //   ctl <- coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15)
  //   f <- coxph(Surv(time, status) ~ x, data = aml, ties = "efron", control = ctl)
  //   coef(f); sqrt(diag(vcov(f))); f$loglik
  //   aml$g <- rep(1:5, length.out = 23)
  //   coxph(Surv(time, status) ~ x + cluster(g), data = aml, ties = "efron", control = ctl)
  const std::vector<double> time{9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5,
                                 5, 8,  8,  12, 16, 23, 27, 30, 33, 43, 45};
  const std::vector<std::uint8_t> status{1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1};
  std::vector<double> x(23, 0.0);
  std::fill(x.begin() + 11, x.end(), 1.0);
  const double coef = 0.915532575014773, se = 0.511934275172009;

  const auto fit = cox_fit(time, status, column(x));
  REQUIRE(fit.converged);
  CHECK(fit.note.empty());
  CHECK(fit.n == 23);
  CHECK(fit.events == 18);
  CHECK(fit.beta[0] == Approx(coef).epsilon(1e-6));
  CHECK(std::sqrt(fit.covariance(0, 0)) == Approx(se).epsilon(1e-6));
  CHECK(fit.log_likelihood_null == Approx(-42.7248392627602).epsilon(1e-9));
  CHECK(fit.log_likelihood == Approx(-41.0326155964584).epsilon(1e-9));
  CHECK(fit.hazard_ratio[0] == Approx(std::exp(coef)).epsilon(1e-6));
  CHECK(fit.ci_low[0] == Approx(std::exp(coef - kZ975 * se)).epsilon(1e-6));
  CHECK(fit.ci_high[0] == Approx(std::exp(coef + kZ975 * se)).epsilon(1e-6));
  CHECK(fit.p_value[0] == Approx(std::erfc(coef / se / std::sqrt(2.0))).epsilon(1e-6));

  std::vector<std::uint32_t> g(23);
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<std::uint32_t>(i % 5 + 1);
  const auto robust = cox_fit(time, status, column(x), g);
  CHECK(robust.clusters == 5);
  CHECK(robust.beta[0] == Approx(coef).epsilon(1e-6));
  CHECK(std::sqrt(robust.covariance(0, 0)) == Approx(0.328215618499951).epsilon(1e-6));
}

TEST_CASE("cox_fit: matches R's coxph with three arms, ties and clusters", "[stats]") {
  // d <- data.frame(time, status, arm, site) as below; a1, a2 indicators of arms 1 and 2.
  //   f3 <- coxph(Surv(time, status) ~ a1 + a2, data = d, ties = "efron", control = ctl)
  //   f4 <- coxph(Surv(time, status) ~ a1 + a2 + cluster(site), data = d, ties = "efron", control = ctl)
  //   coef(f3); vcov(f3); f3$loglik; summary(f3)$coefficients; vcov(f4)
  const std::vector<double> time{5, 8, 8, 12, 15, 15, 15, 20, 22, 30, 4,  6,
                                 6, 9, 9, 11, 13, 13, 18, 25, 7,  7,  10, 14};
  const std::vector<std::uint8_t> status{1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1,
                                         1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1};
  const std::vector<std::uint32_t> site{1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4,
                                        1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4};
  Eigen::MatrixXd arms = Eigen::MatrixXd::Zero(24, 2);
  arms.block(10, 0, 10, 1).setOnes();
  arms.block(20, 1, 4, 1).setOnes();

  const auto fit = cox_fit(time, status, arms);
  REQUIRE(fit.converged);
  CHECK(fit.beta[0] == Approx(0.783437032488372).epsilon(1e-6));
  CHECK(fit.beta[1] == Approx(1.077797387432101).epsilon(1e-6));
  CHECK(fit.covariance(0, 0) == Approx(0.301563928436662).epsilon(1e-6));
  CHECK(fit.covariance(0, 1) == Approx(0.186245090924514).epsilon(1e-6));
  CHECK(fit.covariance(1, 0) == Approx(0.186245090924514).epsilon(1e-6));
  CHECK(fit.covariance(1, 1) == Approx(0.556836159369909).epsilon(1e-6));
  CHECK(fit.log_likelihood_null == Approx(-42.7155079353314).epsilon(1e-9));
  CHECK(fit.log_likelihood == Approx(-41.2413385667062).epsilon(1e-9));
  CHECK(fit.hazard_ratio[0] == Approx(2.18898295639775).epsilon(1e-6));
  CHECK(fit.p_value[0] == Approx(0.153683684681532).epsilon(1e-6));
  CHECK(fit.p_value[1] == Approx(0.148639644434088).epsilon(1e-6));

  const auto robust = cox_fit(time, status, arms, site);
  CHECK(robust.clusters == 4);
  CHECK(robust.covariance(0, 0) == Approx(0.0671376877960769).epsilon(1e-6));
  CHECK(robust.covariance(0, 1) == Approx(0.0956127823540395).epsilon(1e-6));
  CHECK(robust.covariance(1, 1) == Approx(0.1912097456750477).epsilon(1e-6));
}

// ---- Cox model: recovery of planted hazard ratios
// ---------------------------------------------------------- The seeds are fixed, so each test is
// deterministic; they check the fit, not luck. The maximum partial likelihood estimator is consistent and
// asymptotically normal, so with ~5,000 events an estimate lies within 4 of its standard errors of the truth
// except with probability ~6e-5 per coefficient: a failure means a wrong estimate or a wrong standard error,
// not an unlucky seed.

TEST_CASE("cox_fit: recovers a planted hazard ratio of 1.5", "[stats]") {
  const auto trial = simulate({1.0, 1.5}, 4000, 7, false);
  const auto fit = cox_fit(trial.time, trial.event, trial.arms);
  REQUIRE(fit.converged);
  const double se = std::sqrt(fit.covariance(0, 0));
  CHECK(se < 0.05);  // about sqrt(1/e1 + 1/e2) with thousands of events per arm
  CHECK(std::abs(fit.beta[0] - std::log(1.5)) < 4 * se);
  CHECK(fit.ci_low[0] < 1.5);
  CHECK(fit.ci_high[0] > 1.5);

  // With the model true, the robust variance (each person a cluster) estimates the same variance; with
  // thousands of events its sampling error is a few percent.
  std::vector<std::uint32_t> own(trial.time.size());
  for (std::size_t i = 0; i < own.size(); ++i) own[i] = static_cast<std::uint32_t>(i);
  const auto robust = cox_fit(trial.time, trial.event, trial.arms, own);
  CHECK(std::sqrt(robust.covariance(0, 0)) == Approx(se).epsilon(0.15));
}

TEST_CASE("cox_fit: recovers two planted ratios with three arms and times in whole days", "[stats]") {
  const auto trial = simulate({1.0, 1.5, 0.7}, 4000, 11, true);
  const auto fit = cox_fit(trial.time, trial.event, trial.arms);
  REQUIRE(fit.converged);
  CHECK(std::abs(fit.beta[0] - std::log(1.5)) < 4 * std::sqrt(fit.covariance(0, 0)));
  CHECK(std::abs(fit.beta[1] - std::log(0.7)) < 4 * std::sqrt(fit.covariance(1, 1)));
}

// ---- Cox model: degenerate input
// ---------------------------------------------------------------------------

TEST_CASE("cox_fit: no events gives NaN and a note", "[stats]") {
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<std::uint8_t> none{0, 0, 0, 0};
  const auto fit = cox_fit(time, none, column({0, 1, 0, 1}));
  CHECK_FALSE(fit.converged);
  CHECK(fit.events == 0);
  CHECK(std::isnan(fit.beta[0]));
  CHECK(std::isnan(fit.hazard_ratio[0]));
  CHECK(fit.note == "no events");
  CHECK(cox_fit({}, {}, Eigen::MatrixXd(0, 1)).note == "no events");
}

TEST_CASE("cox_fit: an arm without events stops with converged = false", "[stats]") {
  auto trial = simulate({1.0, 1.5, 0.8}, 300, 3, false);
  for (Eigen::Index i = 0; i < trial.arms.rows(); ++i) {
    if (trial.arms(i, 1) == 1) trial.event[static_cast<std::size_t>(i)] = 0;
  }
  const auto fit = cox_fit(trial.time, trial.event, trial.arms);
  CHECK_FALSE(fit.converged);
  CHECK(fit.iterations < 50);
  CHECK(fit.note ==
        "no events where covariate 1 is 1; did not converge: the coefficient of covariate 1 heads for "
        "-infinity");
  CHECK(fit.hazard_ratio[1] < 1e-8);
  // Arm 2's weight in every risk set is then negligible, so arm 1 is compared with the control alone.
  const std::size_t two_arms = 600;
  const auto without = cox_fit(std::span(trial.time).first(two_arms), std::span(trial.event).first(two_arms),
                               trial.arms.topRows(static_cast<Eigen::Index>(two_arms)));
  REQUIRE(without.converged);
  CHECK(fit.beta[0] == Approx(without.beta[0]).epsilon(1e-6));
}

TEST_CASE("cox_fit: a reference group without events sends the others to +infinity", "[stats]") {
  auto trial = simulate({1.0, 1.5}, 200, 5, false);
  for (Eigen::Index i = 0; i < trial.arms.rows(); ++i) {
    if (trial.arms(i, 0) == 0) trial.event[static_cast<std::size_t>(i)] = 0;
  }
  const auto fit = cox_fit(trial.time, trial.event, trial.arms);
  CHECK_FALSE(fit.converged);
  CHECK(fit.note ==
        "no events in the reference group (all covariates 0); did not converge: the coefficient of "
        "covariate 0 heads for +infinity");
}

TEST_CASE("cox_fit: an empty arm is left out and the others are still fitted", "[stats]") {
  const auto trial = simulate({1.0, 1.5}, 500, 9, false);
  Eigen::MatrixXd with_empty(trial.arms.rows(), 2);
  with_empty << Eigen::MatrixXd::Zero(trial.arms.rows(), 1), trial.arms;
  const auto fit = cox_fit(trial.time, trial.event, with_empty);
  const auto alone = cox_fit(trial.time, trial.event, trial.arms);
  CHECK(fit.converged);
  CHECK(fit.note == "covariate 0 is the same for everyone (an empty arm?): not estimated");
  CHECK(std::isnan(fit.beta[0]));
  CHECK(std::isnan(fit.p_value[0]));
  CHECK(std::isnan(fit.covariance(0, 1)));
  CHECK(fit.beta[1] == Approx(alone.beta[0]).epsilon(1e-12));
  CHECK(fit.covariance(1, 1) == Approx(alone.covariance(0, 0)).epsilon(1e-12));
}

TEST_CASE("cox_fit: collinear covariates are reported, not fitted", "[stats]") {
  const auto trial = simulate({1.0, 1.5}, 100, 13, false);
  Eigen::MatrixXd twice(trial.arms.rows(), 2);
  twice << trial.arms, trial.arms;
  const auto fit = cox_fit(trial.time, trial.event, twice);
  CHECK_FALSE(fit.converged);
  CHECK(fit.note == "the information matrix is singular (collinear covariates?)");
  CHECK(std::isnan(fit.beta[0]));
}

TEST_CASE("cox_fit: malformed input is rejected with the rule it breaks", "[stats]") {
  const std::vector<double> time{1, 2, 3};
  const std::vector<std::uint8_t> event{1, 0, 1};
  CHECK_THROWS_MATCHES(cox_fit(time, std::vector<std::uint8_t>{1}, column({0, 1, 0})), std::invalid_argument,
                       Catch::Message("cox_fit: time has 3 values but event has 1"));
  CHECK_THROWS_MATCHES(cox_fit(time, event, column({0, 1})), std::invalid_argument,
                       Catch::Message("cox_fit: time has 3 values but covariates has 2 rows"));
  CHECK_THROWS_MATCHES(cox_fit(time, event, column({0, 1, 0}), std::vector<std::uint32_t>{1, 2}),
                       std::invalid_argument, Catch::Message("cox_fit: time has 3 values but cluster has 2"));
  CHECK_THROWS_MATCHES(cox_fit(time, event, column({0, NAN, 0})), std::invalid_argument,
                       Catch::Message("cox_fit: covariates(1, 0) = nan is not finite"));
}
