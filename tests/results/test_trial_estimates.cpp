// Tests of the trial estimates an analyst acts on, on hand-made participants: medians of time to
// self-sufficiency with their intervals, cost per participant by payer, estimates per jobcentre, and arms
// that run in some jobcentres only, compared with the controls of those jobcentres.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "results/stats/effects.hpp"
#include "results/stats/survival.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/stats/trial_data.hpp"

using namespace labsim;
using results::TrialData;

namespace {

constexpr double kZ975 = 1.959963984540054;  // qnorm(0.975) in R

// A uniform draw in [0, 1) from the raw 64 bits, the same on every standard library.
double uniform(std::mt19937_64& g) {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

// Participants with one 0/1 outcome (the primary), in jobcentres named J0, J1, ...; every arm runs
// everywhere unless runs_in() says otherwise.
struct Participants {
  TrialData d;
  Participants(std::vector<std::string> arms, std::size_t jobcentres) {
    d.arms = std::move(arms);
    d.outcomes = {{"success_week_13", "success", models::TrialOutcomeKind::self_sufficient_at, 0, true}};
    d.values.resize(1);
    d.horizon_weeks = 26;
    d.primary_analysis = results::Analysis::all_randomized;
    for (std::size_t j = 0; j < jobcentres; ++j) d.jobcentres.push_back("J" + std::to_string(j));
    d.arm_in_jobcentre.assign(d.arms.size(), std::vector<std::uint8_t>(jobcentres, 1));
  }
  void runs_in(std::size_t arm, std::vector<std::uint8_t> jobcentres) {
    d.arm_in_jobcentre[arm] = jobcentres;
  }
  void add(std::size_t arm, std::size_t jobcentre, double value, double benefit_days = 0,
           double offer_cost_dkk = 0, double contact_cost_dkk = 0) {
    d.values[0].push_back(value);
    d.weeks_to_success.push_back(10);
    d.success.push_back(1);
    d.arm.push_back(static_cast<std::uint8_t>(arm));
    d.replication.push_back(0);
    d.jobcentre.push_back(static_cast<std::uint32_t>(jobcentre));
    d.cluster.push_back(static_cast<std::uint32_t>(jobcentre));
    d.exempt.push_back(0);
    d.protocol_received.push_back(1);
    d.benefit_days.push_back(benefit_days);
    d.offer_days.push_back(0);
    d.offer_cost_dkk.push_back(offer_cost_dkk);
    d.contacts.push_back(0);
    d.contact_cost_dkk.push_back(contact_cost_dkk);
  }
  // `n` participants of `arm` in `jobcentre`, the first round(share n) with the outcome.
  void add_share(std::size_t arm, std::size_t jobcentre, std::size_t n, double share) {
    const auto ones = static_cast<std::size_t>(std::lround(share * static_cast<double>(n)));
    for (std::size_t i = 0; i < n; ++i) add(arm, jobcentre, i < ones ? 1.0 : 0.0);
  }
  [[nodiscard]] std::vector<std::size_t> all() const {
    std::vector<std::size_t> rows(d.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return rows;
  }
};

}  // namespace

TEST_CASE("km_median: exponential survival gives ln 2 / h within an interval of the expected width",
          "[results][stats]") {
  // Without censoring the sample median of Exp(h) has standard error 1 / (h sqrt(n)) (density h/2 at the
  // median), so the 95% interval is about 2 z / (h sqrt(n)) wide.
  const double h = 0.08;  // per week: median 8.66 weeks
  const std::size_t n = 4000;
  std::mt19937_64 g(2024);
  std::vector<double> time(n);
  std::vector<std::uint8_t> event(n, 1);
  for (double& t : time) t = -std::log(1 - uniform(g)) / h;
  const auto m = results::km_median(results::kaplan_meier(time, event));
  const double truth = std::log(2.0) / h, width = m.ci_high - m.ci_low,
               expected = 2 * kZ975 / (h * std::sqrt(n));
  INFO("median " << m.median << " [" << m.ci_low << ", " << m.ci_high << "], truth " << truth);
  CHECK(m.ci_low < m.median);
  CHECK(m.median < m.ci_high);
  CHECK(std::abs(m.median - truth) < width);  // the interval's half-width is about two standard errors
  CHECK(m.ci_low <= truth);
  CHECK(truth <= m.ci_high);
  CHECK(width == Approx(expected).epsilon(0.25));
}

TEST_CASE("km_median: a curve that stays above one half has no median, 'not reached'", "[results][stats]") {
  // Hazard 0.01 per week, followed 26 weeks: S(26) = e^-0.26 = 0.77 for everyone's curve.
  const double h = 0.01, horizon = 26;
  std::mt19937_64 g(7);
  std::vector<double> time(2000);
  std::vector<std::uint8_t> event(time.size());
  for (std::size_t i = 0; i < time.size(); ++i) {
    const double t = -std::log(1 - uniform(g)) / h;
    event[i] = t <= horizon ? 1 : 0;
    time[i] = std::min(t, horizon);
  }
  const auto km = results::kaplan_meier(time, event);
  REQUIRE(km.survival.back() > 0.5);
  const auto m = results::km_median(km);
  CHECK(std::isnan(m.median));
  CHECK(std::isnan(m.ci_low));
  CHECK(std::isnan(m.ci_high));
}

TEST_CASE("km_median: the first time the curve and each limit fall to one half, on a hand-made curve",
          "[results][stats]") {
  // Events at 1, 2, 3, 4 among 4: S = 0.75, 0.5, 0.25, 0; the median is 2, where S first reaches 0.5.
  const std::vector<double> time{1, 2, 3, 4};
  const std::vector<std::uint8_t> event{1, 1, 1, 1};
  const auto km = results::kaplan_meier(time, event);
  const auto m = results::km_median(km);
  CHECK(m.median == 2);
  // The limits: the first times at which the lower and the upper one are at most 0.5 (once S is 0, both
  // have closed onto 0).
  const auto first = [&](const std::vector<double>& limit) {
    for (std::size_t i = 0; i < km.times.size(); ++i) {
      if (km.survival[i] == 0 || limit[i] <= 0.5) return km.times[i];
    }
    return results::kNaN;
  };
  CHECK(m.ci_low == first(km.ci_low));
  CHECK(m.ci_high == first(km.ci_high));
  CHECK(m.ci_low <= 2);
  CHECK(m.ci_high >= 2);
}

TEST_CASE("cost_estimates: mean cost per participant by arm, item and payer, and against control",
          "[results][stats]") {
  Participants p({"control", "treated"}, 1);
  p.d.cost_rates = {500, 0.5, 0.3, 0.2, {}};
  // benefit days, offer cost, contact cost
  p.add(0, 0, 0, 10, 0, 50);
  p.add(0, 0, 0, 20, 100, 0);
  p.add(1, 0, 0, 30, 200, 10);
  p.add(1, 0, 0, 40, 300, 30);
  const auto costs = results::cost_estimates(p.d);
  REQUIRE(costs.size() == 2 * results::kTrialCostItems * results::kTrialPayers);
  const auto mean = [&](std::size_t arm, results::TrialCostItem item, std::size_t payer) {
    for (const auto& c : costs) {
      if (c.arm == arm && c.item == item && c.payer == payer) return c.mean.mean;
    }
    return results::kNaN;
  };
  using Item = results::TrialCostItem;
  constexpr std::size_t kState = 0, kMunicipality = 1, kTotal = 2;
  // Control: benefits (10 + 20) / 2 days x 500 DKK = 7,500 DKK, half reimbursed; offers 50 DKK, 30% by the
  // state; contacts 25 DKK, 20% by the state.
  CHECK(mean(0, Item::benefits, kState) == Approx(3750));
  CHECK(mean(0, Item::benefits, kMunicipality) == Approx(3750));
  CHECK(mean(0, Item::offers, kState) == Approx(15));
  CHECK(mean(0, Item::offers, kMunicipality) == Approx(35));
  CHECK(mean(0, Item::contacts, kState) == Approx(5));
  CHECK(mean(0, Item::contacts, kMunicipality) == Approx(20));
  CHECK(mean(0, Item::total, kState) == Approx(3770));
  CHECK(mean(0, Item::total, kMunicipality) == Approx(3805));
  CHECK(mean(0, Item::total, kTotal) == Approx(7575));
  // Treated: benefits 35 days x 500 = 17,500; offers 250; contacts 20.
  CHECK(mean(1, Item::benefits, kTotal) == Approx(17500));
  CHECK(mean(1, Item::offers, kState) == Approx(75));
  CHECK(mean(1, Item::offers, kMunicipality) == Approx(175));
  CHECK(mean(1, Item::contacts, kMunicipality) == Approx(16));
  CHECK(mean(1, Item::total, kTotal) == Approx(17770));

  const results::CostEstimate* total = nullptr;
  for (const auto& c : costs) {
    if (c.arm == 1 && c.item == Item::total && c.payer == kTotal) total = &c;
  }
  REQUIRE(total != nullptr);
  CHECK(total->difference.estimate == Approx(17770 - 7575));
  // The control arm's total costs are 5,050 and 10,100 DKK: mean 7,575, standard error |10,100 - 5,050| / 2.
  const auto& control = results::cost_estimates(p.d)[results::kTrialPayers * 3 + kTotal];
  REQUIRE(control.arm == 0);
  REQUIRE(control.item == Item::total);
  CHECK(control.mean.ci_low == Approx(7575 - kZ975 * 2525));
  CHECK(control.mean.ci_high == Approx(7575 + kZ975 * 2525));
  CHECK(std::isnan(control.difference.estimate));
}

TEST_CASE("jobcentre_estimates: a difference planted in one jobcentre shows there only", "[results][stats]") {
  Participants p({"control", "treated"}, 2);
  p.add_share(0, 0, 400, 0.3);
  p.add_share(1, 0, 400, 0.3);
  p.add_share(0, 1, 400, 0.3);
  p.add_share(1, 1, 400, 0.6);
  const auto by = results::jobcentre_estimates(p.d);
  REQUIRE(by.size() == 2);
  CHECK(by[0].jobcentre == 0);
  CHECK(by[0].estimate.estimate == Approx(0).margin(1e-12));
  CHECK(by[0].estimate.ci_low < 0);
  CHECK(by[0].estimate.ci_high > 0);
  CHECK(by[0].estimate.n_arm + by[0].estimate.n_control == 800);
  CHECK(by[1].jobcentre == 1);
  CHECK(by[1].estimate.estimate == Approx(0.3));
  CHECK(by[1].estimate.ci_low > 0);
  CHECK(by[1].estimate.control_value == Approx(0.3));
  CHECK(by[1].estimate.arm_value == Approx(0.6));
  // The pooled estimate sits in between.
  CHECK(results::outcome_difference(p.d, 0, 1, p.all()).estimate == Approx(0.15));
}

TEST_CASE("outcome_difference: an arm in some jobcentres only meets the controls of those, stratified",
          "[results][stats]") {
  // Control shares differ between jobcentres (20%, 60%, 40%); arm B runs in J1 and J2 only and is 10 and 20
  // points above their controls; arm A runs everywhere, 10 points above.
  Participants p({"control", "A", "B"}, 3);
  p.runs_in(2, {0, 1, 1});
  p.add_share(0, 0, 200, 0.2);
  p.add_share(0, 1, 100, 0.6);
  p.add_share(0, 2, 300, 0.4);
  p.add_share(1, 0, 200, 0.3);
  p.add_share(1, 1, 100, 0.7);
  p.add_share(1, 2, 300, 0.5);
  p.add_share(2, 1, 100, 0.7);
  p.add_share(2, 2, 300, 0.6);
  const auto b = results::outcome_difference(p.d, 0, 2, p.all());
  // Participant weights: J1 200, J2 600 -> (200 x 0.1 + 600 x 0.2) / 800.
  CHECK(b.estimate == Approx(0.175));
  CHECK(b.n_control == 400);  // J0's controls are left out
  CHECK(b.n_arm == 400);
  CHECK(b.arm_value - b.control_value == Approx(b.estimate));
  CHECK(b.ci_low < 0.175);
  CHECK(b.ci_high > 0.175);
  // Against every control the difference would be 0.625 - 0.3667 = +0.258, far outside the interval.
  const double naive = 250.0 / 400 - (40.0 + 60 + 120) / 600;
  CHECK(naive > b.ci_high);
  // Arm A runs where the control does: the plain difference against all controls, as without such arms.
  const auto a = results::outcome_difference(p.d, 0, 1, p.all());
  CHECK(a.estimate == Approx((60.0 + 70 + 150) / 600 - 220.0 / 600));
  CHECK(a.n_control == 600);
  // estimate_trial uses the same comparison.
  const auto est = results::estimate_trial(p.d, 1);
  CHECK(est.outcome(0, 2, results::Analysis::all_randomized).estimate == Approx(0.175));
}

TEST_CASE("stratified_difference: strata pooled with participant weights", "[results][stats]") {
  // Stratum 0: 50 + 50 observations, difference 0.1; stratum 1: 150 + 150, difference 0.4; stratum 2 has
  // treated only and is left out.
  std::vector<double> y;
  std::vector<std::uint8_t> treated;
  std::vector<std::uint32_t> stratum;
  const auto add = [&](std::uint32_t s, std::uint8_t t, std::size_t n, double share) {
    for (std::size_t i = 0; i < n; ++i) {
      y.push_back(static_cast<double>(i) < share * static_cast<double>(n) ? 1 : 0);
      treated.push_back(t);
      stratum.push_back(s);
    }
  };
  add(0, 0, 50, 0.2);
  add(0, 1, 50, 0.3);
  add(1, 0, 150, 0.2);
  add(1, 1, 150, 0.6);
  add(2, 1, 40, 1.0);
  const auto d = results::stratified_difference(y, treated, stratum);
  CHECK(d.estimate == Approx((100 * 0.1 + 300 * 0.4) / 400));
  CHECK(d.n_treated == 200);
  CHECK(d.n_control == 200);
  const auto s0 = results::difference_in_means(std::span(y).first(100), std::span(treated).first(100));
  const auto s1 =
      results::difference_in_means(std::span(y).subspan(100, 300), std::span(treated).subspan(100, 300));
  const double se = std::sqrt(100.0 * 100 * s0.se * s0.se + 300.0 * 300 * s1.se * s1.se) / 400;
  CHECK(d.se == Approx(se));
  CHECK(d.ci_low == Approx(d.estimate - kZ975 * se));
}

TEST_CASE("mean_with_interval: normal interval, and cluster-robust with clusters", "[results][stats]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6};
  const auto plain = results::mean_with_interval(y);
  CHECK(plain.mean == Approx(3.5));
  const double se = std::sqrt(17.5 / 5 / 6);
  CHECK(plain.ci_low == Approx(3.5 - kZ975 * se));
  // Clusters {1,2}, {3,4}, {5,6}: residual sums -4, 0, 4; se = sqrt(3/2 x 32) / 6; t with 2 df.
  const std::vector<std::uint32_t> cluster{0, 0, 1, 1, 2, 2};
  const auto robust = results::mean_with_interval(y, cluster);
  const double t975_2df = 4.302652729911275;  // qt(0.975, 2) in R
  CHECK(robust.ci_high == Approx(3.5 + t975_2df * std::sqrt(1.5 * 32) / 6));
  CHECK(std::isnan(results::mean_with_interval(std::vector<double>{}).mean));
}
