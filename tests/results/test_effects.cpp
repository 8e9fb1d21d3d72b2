// Tests of the difference in means and its Welch and cluster-robust intervals against formulas and R.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "results/stats/effects.hpp"

using labsim::results::difference_in_means;

namespace {

constexpr double kZ975 = 1.959963984540054;  // qnorm(0.975) in R

// Two-sided normal p-value through the C library rather than Boost.
double normal_p(double z) {
  return std::erfc(std::abs(z) / std::sqrt(2.0));
}

// Outcomes and arms shared by the clustered tests; the R reference below uses the same numbers.
const std::vector<double> kY{3.1, 4.7, 2.2, 5.0, 3.9, 6.3, 4.4, 5.8, 7.1, 2.9, 6.6, 5.2};
const std::vector<std::uint8_t> kX{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};

}  // namespace

TEST_CASE("difference_in_means: means and Welch standard error of a small data set", "[stats]") {
  // Treated {3, 5, 4, 8}: mean 5, squared deviations 4 + 0 + 1 + 9 = 14, variance 14/3.
  // Control {2, 2, 5}: mean 3, squared deviations 1 + 1 + 4 = 6, variance 3.
  const std::vector<double> y{3, 2, 5, 2, 4, 8, 5};
  const std::vector<std::uint8_t> treated{1, 0, 1, 0, 1, 1, 0};
  const auto d = difference_in_means(y, treated);
  CHECK(d.n_treated == 4);
  CHECK(d.n_control == 3);
  CHECK(d.treated_mean == Approx(5).epsilon(1e-15));
  CHECK(d.control_mean == Approx(3).epsilon(1e-15));
  CHECK(d.estimate == Approx(2).epsilon(1e-15));
  const double se = std::sqrt(14.0 / 3 / 4 + 3.0 / 3);
  CHECK(d.se == Approx(se).epsilon(1e-14));
  CHECK(d.ci_low == Approx(2 - kZ975 * se).epsilon(1e-12));
  CHECK(d.ci_high == Approx(2 + kZ975 * se).epsilon(1e-12));
  CHECK(d.p_value == Approx(normal_p(2 / se)).epsilon(1e-10));
  CHECK(d.note.empty());
  CHECK(d.clusters == 0);
}

TEST_CASE("difference_in_means: 0/1 outcomes give a difference in proportions", "[stats]") {
  // Treated 3 of 5, control 1 of 4. The sample variance of 0/1 values is p (1 - p) n / (n - 1).
  const std::vector<double> y{1, 0, 1, 1, 0, 0, 1, 0, 0};
  const std::vector<std::uint8_t> treated{1, 1, 1, 1, 1, 0, 0, 0, 0};
  const auto d = difference_in_means(y, treated);
  CHECK(d.estimate == Approx(0.6 - 0.25).epsilon(1e-14));
  const double var_t = 0.6 * 0.4 * 5 / 4, var_c = 0.25 * 0.75 * 4 / 3;
  CHECK(d.se == Approx(std::sqrt(var_t / 5 + var_c / 4)).epsilon(1e-14));
}

TEST_CASE("difference_in_means: with one cluster per observation CR1 is the HC1 standard error", "[stats]") {
  // OLS of y on (1, x) by formula, then HC1 = n/(n-2) sum e_i^2 (x_i - xbar)^2 / (sum (x_i - xbar)^2)^2:
  // with every observation its own cluster, CR1's G/(G-1) (N-1)/(N-K) is N/(N-2) for K = 2.
  const auto n = static_cast<double>(kY.size());
  double xbar = 0, ybar = 0;
  for (std::size_t i = 0; i < kY.size(); ++i) {
    xbar += kX[i] / n;
    ybar += kY[i] / n;
  }
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < kY.size(); ++i) {
    sxx += (kX[i] - xbar) * (kX[i] - xbar);
    sxy += (kX[i] - xbar) * (kY[i] - ybar);
  }
  const double slope = sxy / sxx, intercept = ybar - slope * xbar;
  double meat = 0;
  for (std::size_t i = 0; i < kY.size(); ++i) {
    const double e = kY[i] - intercept - slope * kX[i];
    meat += e * e * (kX[i] - xbar) * (kX[i] - xbar);
  }
  const double hc1 = std::sqrt(n / (n - 2) * meat) / sxx;

  std::vector<std::uint32_t> own(kY.size());
  for (std::size_t i = 0; i < own.size(); ++i) own[i] = static_cast<std::uint32_t>(100 - 7 * i);  // not dense
  const auto d = difference_in_means(kY, kX, own);
  CHECK(d.clusters == kY.size());
  CHECK(d.estimate == Approx(slope).epsilon(1e-12));
  CHECK(d.se == Approx(hc1).epsilon(1e-12));
  const double t10 = 2.228138851986274;  // qt(0.975, 10) in R: G - 2 = 10 degrees of freedom
  CHECK(d.ci_high - d.estimate == Approx(t10 * hc1).epsilon(1e-10));
  CHECK(d.note.empty());
}

TEST_CASE("difference_in_means: cluster-robust interval matches R's sandwich by matrix algebra", "[stats]") {
  // R 4.2, base only:
  //   X <- cbind(1, x); b <- solve(t(X) %*% X, t(X) %*% y); r <- y - X %*% b; N <- 12; K <- 2
  //   meat <- sum over clusters c of (t(X[g==c,]) %*% r[g==c]) %*% t(...); B <- solve(t(X) %*% X)
  //   V <- B %*% meat %*% B * G/(G-1) * (N-1)/(N-K); se <- sqrt(V[2,2])
  //   b[2] +- qt(0.975, G-2) * se;  2 * pt(-abs(b[2]/se), G-2)
  SECTION("six clusters of two, nested in arms (cluster randomization)") {
    const std::vector<std::uint32_t> g{1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6};
    const auto d = difference_in_means(kY, kX, g);
    CHECK(d.clusters == 6);
    CHECK(d.estimate == Approx(1.1333333333333317).epsilon(1e-12));
    CHECK(d.se == Approx(0.5061400772293947).epsilon(1e-12));
    CHECK(d.ci_low == Approx(-0.2719368066346544).epsilon(1e-10));
    CHECK(d.ci_high == Approx(2.5386034733013179).epsilon(1e-10));
    CHECK(d.p_value == Approx(0.0887036261766841).epsilon(1e-10));
  }
  SECTION("three clusters crossing the arms") {
    const std::vector<std::uint32_t> g{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3};
    const auto d = difference_in_means(kY, kX, g);
    CHECK(d.clusters == 3);
    CHECK(d.se == Approx(0.804086783597116).epsilon(1e-12));
    CHECK(d.ci_low == Approx(-9.083557964703823).epsilon(1e-10));
    CHECK(d.ci_high == Approx(11.350224631370486).epsilon(1e-10));
    CHECK(d.p_value == Approx(0.392836181997939).epsilon(1e-10));
  }
}

TEST_CASE("difference_in_means: fewer than 3 clusters give no interval and say why", "[stats]") {
  const std::vector<std::uint32_t> two{7, 7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 9};
  const auto d = difference_in_means(kY, kX, two);
  CHECK(d.estimate == Approx(1.1333333333333317).epsilon(1e-12));
  CHECK(std::isfinite(d.se));
  CHECK(std::isnan(d.ci_low));
  CHECK(std::isnan(d.ci_high));
  CHECK(std::isnan(d.p_value));
  CHECK(d.note == "2 clusters: a t interval with G-2 degrees of freedom needs at least 3");

  const auto one = difference_in_means(kY, kX, std::vector<std::uint32_t>(kY.size(), 4));
  CHECK(std::isnan(one.se));
  CHECK(std::isnan(one.ci_low));
  CHECK(one.note == "1 cluster: a t interval with G-2 degrees of freedom needs at least 3");
}

TEST_CASE("difference_in_means: degenerate arms give NaN and a note, not a crash", "[stats]") {
  const std::vector<double> y{1, 2, 3};
  SECTION("no treated") {
    const auto d = difference_in_means(y, std::vector<std::uint8_t>{0, 0, 0});
    CHECK(std::isnan(d.estimate));
    CHECK(d.control_mean == 2);
    CHECK(d.note == "no treated observations");
  }
  SECTION("no control, also with clusters") {
    const auto d =
        difference_in_means(y, std::vector<std::uint8_t>{1, 1, 1}, std::vector<std::uint32_t>{1, 2, 3});
    CHECK(std::isnan(d.estimate));
    CHECK(d.note == "no control observations");
  }
  SECTION("nothing at all") {
    const auto d = difference_in_means({}, {});
    CHECK(std::isnan(d.estimate));
    CHECK(d.n_treated + d.n_control == 0);
  }
  SECTION("an arm of one") {
    const auto d = difference_in_means(y, std::vector<std::uint8_t>{1, 0, 0});
    CHECK(d.estimate == -1.5);
    CHECK(std::isnan(d.se));
    CHECK(std::isnan(d.p_value));
    CHECK(d.note == "an arm has a single observation, so its variance is unknown");
  }
  SECTION("constant arms") {
    const auto d =
        difference_in_means(std::vector<double>{1, 1, 0, 0}, std::vector<std::uint8_t>{1, 1, 0, 0});
    CHECK(d.estimate == 1);
    CHECK(d.se == 0);
    CHECK(d.ci_low == 1);
    CHECK(d.ci_high == 1);
    CHECK(std::isnan(d.p_value));
    CHECK(d.note == "no variation within arms: the standard error is 0, so there is no p-value");
  }
}

TEST_CASE("difference_in_means: malformed input is rejected with the rule it breaks", "[stats]") {
  const std::vector<double> y{1, 2, 3};
  CHECK_THROWS_MATCHES(difference_in_means(y, std::vector<std::uint8_t>{1, 0}), std::invalid_argument,
                       Catch::Message("difference_in_means: values has 3 entries but treated has 2"));
  CHECK_THROWS_MATCHES(
      difference_in_means(y, std::vector<std::uint8_t>{1, 0, 1}, std::vector<std::uint32_t>{1}),
      std::invalid_argument, Catch::Message("difference_in_means: values has 3 entries but cluster has 1"));
  CHECK_THROWS_MATCHES(difference_in_means(y, std::vector<std::uint8_t>{1, 2, 0}), std::invalid_argument,
                       Catch::Message("difference_in_means: treated[1] = 2 must be 0 or 1"));
  CHECK_THROWS_MATCHES(
      difference_in_means(std::vector<double>{1, NAN, 3}, std::vector<std::uint8_t>{1, 0, 0}),
      std::invalid_argument, Catch::Message("difference_in_means: values[1] = nan is not finite"));
}
