// The Markov twin against the simulator: with unlimited caseworkers and places, the twin's expectation must
// match the simulator's mean over replications (exactly where the twin is exact up to its time step, within
// a stated relative tolerance where it approximates follow-up), and it must conserve persons.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/indicators.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "models/twin/markov_twin.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

// Mean and standard error of the mean over replications, per index.
struct MeanAndError {
  std::vector<double> mean, error;
};

MeanAndError over_replications(const std::vector<std::vector<double>>& draws) {
  const std::size_t n = draws.front().size();
  const double R = static_cast<double>(draws.size());
  MeanAndError out{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  for (const auto& d : draws) {
    for (std::size_t i = 0; i < n; ++i) out.mean[i] += d[i] / R;
  }
  for (const auto& d : draws) {
    for (std::size_t i = 0; i < n; ++i) out.error[i] += (d[i] - out.mean[i]) * (d[i] - out.mean[i]);
  }
  for (double& e : out.error) e = std::sqrt(e / (R - 1) / R);
  return out;
}

// Full-time persons per [month * states + state] in the first `months` months, summed over groups and over
// the jobcentres added so far (`into`).
std::vector<double> stocks(const models::StateGroupByMonth& in_state, std::size_t months,
                           std::vector<double> into = {}) {
  const std::size_t states = in_state.extent(1);
  into.resize(months * states, 0.0);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t s = 0; s < states; ++s) {
      for (std::size_t g = 0; g < in_state.extent(2); ++g) into[m * states + s] += in_state.at(m, s, g);
    }
  }
  return into;
}

// Simulated stocks per [month][state] and labour reserve per [month], over all jobcentres, per replication.
struct SimulatedMeans {
  MeanAndError stocks, reserve;
};

SimulatedMeans simulated_means(const models::Model& model, const models::RunResult& run) {
  const int replications = run.replications;
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());
  std::vector<std::vector<double>> stock_draws, reserve_draws;
  for (int r = 0; r < replications; ++r) {
    std::vector<double> s, lr(months, 0.0);
    for (std::size_t j = 0; j < model.jobcentres(); ++j) {
      const auto& t = run.task(r, j);
      s = stocks(t.monthly.in_state, months, std::move(s));
      for (std::size_t m = 0; m < months; ++m) lr[m] += t.monthly.labour_reserve.at(m);
    }
    stock_draws.push_back(std::move(s));
    reserve_draws.push_back(std::move(lr));
  }
  return {over_replications(stock_draws), over_replications(reserve_draws)};
}

struct TwinTotals {
  std::vector<double> stocks, reserve;
};

TwinTotals twin_totals(const models::Model& model, const models::TwinResult& twin) {
  const auto months = static_cast<std::size_t>(model.calendar().months());
  TwinTotals out;
  out.reserve.assign(months, 0.0);
  for (const auto& jc : twin.jobcentres) {
    out.stocks = stocks(jc.monthly.in_state, months, std::move(out.stocks));
    for (std::size_t m = 0; m < months; ++m) out.reserve[m] += jc.monthly.labour_reserve.at(m);
  }
  return out;
}

// A toy region that exercises every exact part of the twin: duration bands, covariates, a business cycle,
// a jobcentre calibration multiplier, exemption, a benefit limit with an old rule and extensions,
// stationary initial durations tilted to an observed labour reserve, inflows, and moves between benefits
// that carry support. U has follow-up with interviews but no offers and no interview effect, so follow-up
// changes no hazard and the twin is exact up to its time step.
models::Scenario exact_toy() {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 18);
  sc.initial_durations = models::InitialDurations::stationary;
  sc.covariates.under_30 = {.job_finding = 1.3, .other = 1.0};
  sc.covariates.non_western = {.job_finding = 0.7, .other = 1.2};
  sc.business_cycle.index = {1.0, 0.95, 0.9, 0.85, 0.85, 0.9, 1.0, 1.05, 1.1};
  models::StateSpec u{.name = "U", .label = "U", .has_follow_up = true};
  u.follow_up.normal = {
      .first_interview_weeks = 4, .first_interview_spread_weeks = 2, .interview_every_weeks = 6};
  u.deadlines = {.first_interview_weeks = {4.35, 13}, .first_offer_weeks = {13, 39}};
  u.exemption = {.share = 0.2, .job_finding_multiplier = 0.5, .other_multiplier = 1.5};
  u.benefit_limit = models::BenefitLimit{.max_weeks = 40,
                                         .to = {{"K", 0.8}, {"J", 0.2}},
                                         .extension_share = 0.3,
                                         .extension_weeks = 8,
                                         .old_rule_until = year{2010} / October / 1,
                                         .old_max_weeks = 60,
                                         .old_rule_ends_weeks_after = 40};
  sc.states = {u,
               {.name = "S", .label = "S"},
               {.name = "K", .label = "K"},
               {.name = "J", .label = "J", .on_support = false},
               {.name = "P", .label = "P", .permanent_support = true}};
  sc.transitions = {
      {.from = "U",
       .to = "J",
       .job_finding = true,
       .duration_breaks_months = {3, 6},
       .hazard_per_month = {0.25, 0.15, 0.08},
       .cycle_elasticity = 1},
      {.from = "U", .to = "S", .hazard_per_month = {0.03}},
      {.from = "S",
       .to = "J",
       .job_finding = true,
       .duration_breaks_months = {2},
       .hazard_per_month = {0.35, 0.12},
       .cycle_elasticity = 1},
      {.from = "S", .to = "U", .hazard_per_month = {0.04}, .cycle_elasticity = -1.5},
      {.from = "S", .to = "P", .duration_breaks_months = {6}, .hazard_per_month = {0.002, 0.02}},
      {.from = "K",
       .to = "J",
       .job_finding = true,
       .duration_breaks_months = {6},
       .hazard_per_month = {0.08, 0.04},
       .cycle_elasticity = 1},
      {.from = "K", .to = "S", .hazard_per_month = {0.02}},
      {.from = "J",
       .to = "U",
       .duration_breaks_months = {6},
       .hazard_per_month = {0.03, 0.01},
       .cycle_elasticity = -1},
      {.from = "P", .to = "J", .hazard_per_month = {0.005}},
  };
  auto& x = sc.jobcentres[0];
  x.initial_persons = {{"U", 500}, {"S", 300}, {"K", 250}, {"J", 400}, {"P", 100}};
  x.inflow_per_month = {{"U", 45}, {"S", 40}, {"K", 8}};
  x.under_30_share = 0.3;
  x.non_western_share = 0.2;
  x.observed_labour_reserve = 600;
  sc.calibration.jobcentre_exit_multiplier = {{"X", {{"U", 1.1}, {"S", 0.9}}}};
  return sc;
}

// |twin - mean| <= k standard errors of the simulated mean (plus a hair for months without variation).
void check_within_errors(const std::vector<double>& twin, const MeanAndError& sim, double k,
                         const char* what) {
  REQUIRE(twin.size() == sim.mean.size());
  for (std::size_t i = 0; i < twin.size(); ++i) {
    INFO(what << " [" << i << "]: twin " << twin[i] << ", simulated " << sim.mean[i] << " +- "
              << sim.error[i]);
    CHECK(std::abs(twin[i] - sim.mean[i]) <= k * sim.error[i] + 1e-6 * (1 + std::abs(sim.mean[i])));
  }
}

}  // namespace

TEST_CASE("markov twin: matches the simulator's mean where it is exact", "[models][twin][stats]") {
  const auto sc = exact_toy();
  const models::Model model(sc, 1.0);
  // 60 replications of 1,550 persons and ~1,670 arrivals. Every monthly stock and the labour reserve must
  // lie within 4 standard errors of the simulated mean: for a correct twin (whose own time-step error -
  // entries placed mid-step, initial durations in quarter-month bins - is second order) a single comparison
  // fails with probability ~6e-5, and the seed is pinned. With this seed the largest deviation is 2.5 s.e.;
  // leaving out the jobcentre's exit multiplier of 1.1 on U makes the test fail.
  const int replications = 60;
  const auto sim = simulated_means(
      model, models::simulate(model, {.replications = replications, .seed = 11, .threads = 2}));
  const auto twin = twin_totals(model, models::run_twin(model));
  check_within_errors(twin.stocks, sim.stocks, 4, "stock [month * states + state]");
  check_within_errors(twin.reserve, sim.reserve, 4, "labour reserve [month]");
}

TEST_CASE("markov twin: persons are conserved", "[models][twin]") {
  const auto sc = exact_toy();
  const models::Model model(sc, 1.0);
  const auto twin = models::run_twin(model);
  for (const auto& jc : twin.jobcentres) {
    const double start = testing::total(jc.initial), inflow = testing::total(jc.monthly.inflow);
    const double end = testing::total(jc.at_horizon);
    CHECK(start == Approx(1550));
    CHECK(inflow > 0);
    CHECK(std::abs(end - (start + inflow)) <= 1e-9 * (start + inflow));
  }
}

namespace {

// Follow-up with offers: lock-in and post-programme effects, an add-on, the practice deadline and a partial
// return with relapses that completes into a job, and a job-search effect for 3 weeks after each interview.
models::Scenario offers_toy() {
  auto sc = testing::empty_scenario(year{2011} / January / 1, 12);
  sc.initial_durations = models::InitialDurations::stationary;
  models::StateSpec u{.name = "U", .label = "U", .has_follow_up = true};
  u.follow_up.normal = {.first_interview_weeks = 4,
                        .first_interview_spread_weeks = 3,
                        .interview_every_weeks = 6,
                        .offer_probability = 0.4,
                        .offer_mix = {{"course", 0.6}, {"internship", 0.4}},
                        .first_offer_weeks = {13, 13},
                        .deadline_compliance = 0.8,
                        .interview_job_finding_multiplier = 1.5,
                        .interview_effect_weeks = 3};
  u.deadlines = {.first_interview_weeks = {4.35, 13}, .first_offer_weeks = {13, 39}};
  models::StateSpec s{.name = "S", .label = "S", .has_follow_up = true};
  s.follow_up.normal = {.first_interview_weeks = 3,
                        .interview_every_weeks = 4,
                        .offer_probability = 0.3,
                        .offer_mix = {{"partial", 1.0}}};
  sc.states = {u, s, {.name = "J", .label = "J", .on_support = false}};
  sc.transitions = {
      {.from = "U",
       .to = "J",
       .job_finding = true,
       .duration_breaks_months = {4},
       .hazard_per_month = {0.2, 0.1},
       .cycle_elasticity = 1},
      {.from = "U", .to = "S", .hazard_per_month = {0.02}},
      {.from = "S", .to = "J", .job_finding = true, .hazard_per_month = {0.15}, .cycle_elasticity = 1},
      {.from = "J", .to = "U", .hazard_per_month = {0.02}},
  };
  sc.offers = {{.name = "course",
                .label = "course",
                .duration_weeks = 8,
                .places = 1e6,
                .lock_in_multiplier = 0.5,
                .post_multiplier = 1.3,
                .post_months = 3},
               {.name = "internship",
                .label = "internship",
                .duration_weeks = 13,
                .places = 1e6,
                .lock_in_multiplier = 0.8,
                .post_multiplier = 1.2,
                .post_months = 6,
                .add_on_share = 0.3},
               {.name = "mentor",
                .label = "mentor",
                .duration_weeks = 13,
                .places = 1e6,
                .lock_in_multiplier = 1.2,
                .add_on = true},
               {.name = "partial",
                .label = "partial",
                .duration_weeks = 12,
                .places = 1e6,
                .lock_in_multiplier = 1.5,
                .activation = false,
                .hours_steps = {0.25, 0.5, 0.75},
                .relapse_probability = 0.2,
                .completion_state = "J"}};
  auto& x = sc.jobcentres[0];
  x.initial_persons = {{"U", 800}, {"S", 300}, {"J", 400}};
  x.inflow_per_month = {{"U", 80}, {"S", 40}};
  x.under_30_share = 0.25;
  x.non_western_share = 0.1;
  return sc;
}

// Full-time persons per [month * offers + offer] in the first `months` months, summed over states.
std::vector<double> offer_stocks(const models::StateOfferByMonth& in_offer, std::size_t months) {
  const std::size_t offers = in_offer.extent(2);
  std::vector<double> out(months * offers, 0.0);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t s = 0; s < in_offer.extent(1); ++s) {
      for (std::size_t o = 0; o < offers; ++o) out[m * offers + o] += in_offer.at(m, s, o);
    }
  }
  return out;
}

// Stocks per [month * states + state] and persons in offers per [month * offers + offer] of the first
// `months` months, over 40 replications of the single jobcentre.
std::pair<MeanAndError, MeanAndError> simulated_stocks_and_offers(const models::Model& model,
                                                                  std::uint64_t seed, std::size_t months) {
  const int replications = 40;
  const auto run = models::simulate(model, {.replications = replications, .seed = seed, .threads = 2});
  std::vector<std::vector<double>> stock_draws, offer_draws;
  for (int r = 0; r < replications; ++r) {
    stock_draws.push_back(stocks(run.task(r, 0).monthly.in_state, months));
    offer_draws.push_back(offer_stocks(run.task(r, 0).monthly.in_offer, months));
  }
  return {over_replications(stock_draws), over_replications(offer_draws)};
}

void check_relative(const std::vector<double>& twin, const MeanAndError& sim, double relative, double k,
                    const char* what) {
  REQUIRE(twin.size() == sim.mean.size());
  for (std::size_t i = 0; i < twin.size(); ++i) {
    INFO(what << " [" << i << "]: twin " << twin[i] << ", simulated " << sim.mean[i] << " +- "
              << sim.error[i]);
    CHECK(std::abs(twin[i] - sim.mean[i]) <= relative * std::abs(sim.mean[i]) + k * sim.error[i]);
  }
}

}  // namespace

TEST_CASE("markov twin: follow-up with offers within its approximation", "[models][twin][stats]") {
  const auto sc = offers_toy();
  const models::Model model(sc, 1.0);
  const std::size_t months = 12;
  const auto [stock_sim, offer_sim] = simulated_stocks_and_offers(model, 23, months);
  const auto twin = models::run_twin(model).jobcentres[0];
  // Stocks: 2% on top of 4 standard errors. Interviews and deadlines act on the twin's quarter-month grid
  // (up to ~3.8 days off), and the mix of survivors in and out of offers is taken from one spell's course
  // rather than each cohort's own; lock-in and post-programme effects change exits by tens of percent for
  // a minority of persons, so errors of a few percent of that effect stay well within 2% of a stock. With
  // this seed the largest deviation is 3.0 s.e. (1% beyond 2 s.e.).
  check_relative(stocks(twin.monthly.in_state, months), stock_sim, 0.02, 4, "stock");
  // Persons in offers: 10% on top of 4 standard errors. Besides the grid (3.8 days is 5-7% of an 8-13 week
  // offer), the initial stock follows one interview phase per group (before or after its practice deadline)
  // instead of each person's own, which shows most while offers build up in the first months. With this
  // seed the largest deviation is 6.8% beyond 2 s.e.
  check_relative(offer_stocks(twin.monthly.in_offer, months), offer_sim, 0.10, 4,
                 "in offer [month * offers + offer]");
}

TEST_CASE("markov twin: a programme whose steps follow the spell's duration, within the same approximation",
          "[models][twin][stats]") {
  // U follows three steps by spell duration: weekly contacts offering internships for 8 weeks, then monthly
  // contacts offering courses until 26 weeks, then the normal cadence. Windows by until_weeks alone keep no
  // position per person, so the twin follows new spells through the steps as the simulator does. Stocks keep
  // the follow-up test's tolerance (2% on top of 4 s.e.). Persons in offers do not: the twin follows the
  // initial stock's follow-up from the step of its mean elapsed duration (twin_approximations says so), and
  // with steps this different a large share of the initial stock (800 against 80 new spells a month) is in
  // the wrong step: with this seed the first month's internships are 49% off and later months' offers up to a
  // quarter. The tolerance, 55% on top of 4 s.e., is what this approximation costs here; it checks that the
  // steps' offers reach the twin, not their exact volumes (trust the simulator for those).
  auto sc = offers_toy();
  models::Programme p{.name = "stepped", .state = "U"};
  models::FollowUpPolicy weekly = sc.states[0].follow_up.normal;
  weekly.interview_every_weeks = 1;
  weekly.offer_probability = 0.15;
  weekly.offer_mix = {{"internship", 1.0}};
  models::FollowUpPolicy monthly = weekly;
  monthly.interview_every_weeks = 4.35;
  monthly.offer_probability = 0.3;
  monthly.offer_mix = {{"course", 1.0}};
  p.steps = {{.name = "weekly", .follow_up = weekly, .until_weeks = 8},
             {.name = "monthly", .follow_up = monthly, .until_weeks = 26},
             {.name = "normal", .follow_up = sc.states[0].follow_up.normal}};
  sc.programmes = {p};
  sc.states[0].follow_up.programme = "stepped";
  const models::Model model(sc, 1.0);
  REQUIRE_FALSE(model.keeps_positions());
  const std::size_t months = 12;
  const auto [stock_sim, offer_sim] = simulated_stocks_and_offers(model, 29, months);
  const auto twin = models::run_twin(model).jobcentres[0];
  check_relative(stocks(twin.monthly.in_state, months), stock_sim, 0.02, 4, "stock");
  check_relative(offer_stocks(twin.monthly.in_offer, months), offer_sim, 0.55, 4,
                 "in offer [month * offers + offer]");
  // The steps matter: the internships come from the first step, the courses from the second.
  const auto offers = offer_stocks(twin.monthly.in_offer, months);
  CHECK(offers[1] > 0);
  CHECK(offers[5 * 4] > 0);
  const auto approximations = models::twin_approximations(model);
  CHECK(std::any_of(approximations.begin(), approximations.end(),
                    [](const std::string& l) { return l.starts_with("an initial stock"); }));
}

namespace {

// The baseline with capacity lifted (no caseworker queue, places for everyone), so that the simulator runs
// the rules the twin follows.
models::Model baseline_model(double scale) {
  std::vector<std::string> overrides = {"caseworkers.interviews_per_week_each=0"};
  for (const char* offer : {"internship", "wage_subsidy_private", "wage_subsidy_public",
                            "guidance_upskilling", "job_search_course", "special_course", "adult_apprentice",
                            "job_rotation", "mentor", "partial_return"})
    overrides.push_back(fmt::format("offers.{}.places=10000000", offer));
  return models::Model(models::load_scenario(LABSIM_SOURCE_DIR "/scenarios/baseline_2011.toml", overrides),
                       scale);
}

// Shares met per [benefit group * windows + window], over all months and the jobcentres' monthly counts (task
// tallies or twin jobcentres), for first interviews (`offer` false) or first offers.
template <class Jobcentres>
std::vector<double> timeliness_shares(const Jobcentres& jobcentres, bool offer) {
  std::vector<double> due, met;
  for (const auto& jc : jobcentres) {
    const models::Timeliness& d = offer ? jc.monthly.first_offer_due : jc.monthly.first_interview_due;
    const models::Timeliness& m = offer ? jc.monthly.first_offer_met : jc.monthly.first_interview_met;
    due.resize(d.extent(1) * d.extent(2), 0.0);
    met.resize(due.size(), 0.0);
    for (std::size_t month = 0; month < d.extent(0); ++month) {
      for (std::size_t b = 0; b < d.extent(1); ++b) {
        for (std::size_t w = 0; w < d.extent(2); ++w) {
          due[b * d.extent(2) + w] += d.at(month, b, w);
          met[b * d.extent(2) + w] += m.at(month, b, w);
        }
      }
    }
  }
  for (std::size_t i = 0; i < due.size(); ++i) met[i] = due[i] > 0 ? met[i] / due[i] : 0.0;
  return met;
}

}  // namespace

TEST_CASE("markov twin: the North Jutland baseline agrees with the simulator", "[models][twin][stats]") {
  // Scale 0.1: ~6,000 persons and ~2,000 arrivals a year in 11 jobcentres, 10 replications.
  const auto model = baseline_model(0.1);
  const auto twin = models::run_twin(model);
  const auto run = models::simulate(model, {.replications = 10, .seed = 2011, .threads = 2});
  const auto sim = simulated_means(model, run);
  const auto totals = twin_totals(model, twin);
  // Stocks per state and the regional labour reserve: 3% on top of 4 standard errors. Follow-up is the
  // twin's approximation here (see the offers test, 2% on stocks), and the initial stock, with stationary
  // durations, follows one follow-up profile per (state, group, before/after the practice deadline).
  check_relative(totals.stocks, sim.stocks, 0.03, 4, "stock [month * states + state]");
  check_relative(totals.reserve, sim.reserve, 0.03, 4, "labour reserve [month]");

  // Timeliness over the run, by benefit group and window: within 3 percentage points. First interviews
  // are exact up to the step (their timing does not depend on offers); first offers inherit the offer
  // approximation. Each share rests on thousands of simulated spells (binomial s.e. well under a point);
  // the largest difference with this seed is 1.3 points.
  const auto sim_interview = timeliness_shares(run.tasks, false),
             sim_offer = timeliness_shares(run.tasks, true);
  const auto twin_interview = timeliness_shares(twin.jobcentres, false);
  const auto twin_offer = timeliness_shares(twin.jobcentres, true);
  REQUIRE(sim_interview.size() == model.benefit_groups().size() * models::kWindows);
  for (std::size_t i = 0; i < sim_interview.size(); ++i) {
    INFO("benefit group " << model.benefit_groups()[i / models::kWindows] << ", window "
                          << i % models::kWindows);
    CHECK(std::abs(twin_interview[i] - sim_interview[i]) <= 0.03);
    CHECK(std::abs(twin_offer[i] - sim_offer[i]) <= 0.03);
  }
}

TEST_CASE("markov twin: the baseline conserves persons", "[models][twin]") {
  const auto model = baseline_model(1.0);
  const auto twin = models::run_twin(model, {.threads = 2});
  double start = 0, inflow = 0, end = 0;
  for (const auto& jc : twin.jobcentres) {
    start += testing::total(jc.initial);
    inflow += testing::total(jc.monthly.inflow);
    end += testing::total(jc.at_horizon);
  }
  double stock = 0;
  for (std::size_t j = 0; j < model.jobcentres(); ++j) {
    for (std::uint32_t n : model.jobcentre(j).initial_persons) stock += n;
  }
  CHECK(start == Approx(stock).epsilon(1e-12));
  CHECK(inflow > 0);
  CHECK(std::abs(end - (start + inflow)) <= 1e-9 * (start + inflow));
}
