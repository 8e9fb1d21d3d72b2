// Tests of calibration: Levenberg-Marquardt on problems with known answers, its standard errors against their
// formula, reading observed statistics, and recovery of parameters from data the model itself generated.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/stats/calibration_fit.hpp"
#include "results/stats/calibration_observed.hpp"
#include "results/stats/calibration_statistics.hpp"
#include "results/text/calibrated_scenario.hpp"
#include "sim/input_error.hpp"
#include "support/temp_dir.hpp"

using namespace labsim::results;
using labsim::sim::InputError;

namespace {

const std::string kBaseline = std::string(LABSIM_SOURCE_DIR) + "/scenarios/baseline_2011.toml";

std::vector<double> times() {
  return {0, 1, 2, 3, 4, 5, 6, 8, 10};
}

}  // namespace

TEST_CASE("calibration_fit: recovers an exponential decay from noiseless data", "[results]") {
  // y(t) = a exp(-b t) with a = 3, b = 0.4, both fitted on the log scale from far away.
  const auto model = [](const std::vector<double>& p) {
    std::vector<double> y;
    for (double t : times()) y.push_back(p[0] * std::exp(-p[1] * t));
    return y;
  };
  const std::vector<double> observed = model({3.0, 0.4});
  const std::vector<double> sd(observed.size(), 0.1);
  const FitResult fit =
      fit_least_squares(model, observed, sd, {{"a", 1.0, Transform::log}, {"b", 1.5, Transform::log}});
  CHECK(fit.converged);
  CHECK(fit.values[0] == Approx(3.0).epsilon(1e-8));
  CHECK(fit.values[1] == Approx(0.4).epsilon(1e-8));
  CHECK(fit.chi_square < 1e-12);
  CHECK(fit.degrees_of_freedom == 7);
  CHECK(fit.iterations > 0);
}

TEST_CASE("calibration_fit: standard errors of a linear model equal sqrt(diag((X'WX)^-1))", "[results]") {
  // y = b0 + b1 t with unequal sds; least squares is exact in one step and the covariance has a closed form.
  const std::vector<double> t = times();
  std::vector<double> observed, sd;
  for (std::size_t i = 0; i < t.size(); ++i) {
    observed.push_back(2.0 + 0.5 * t[i] + (i % 2 ? 0.3 : -0.2));
    sd.push_back(0.5 + 0.1 * static_cast<double>(i));
  }
  const auto model = [&](const std::vector<double>& b) {
    std::vector<double> y;
    for (double ti : t) y.push_back(b[0] + b[1] * ti);
    return y;
  };
  const FitResult fit =
      fit_least_squares(model, observed, sd, {{"b0", 0.0, Transform::none}, {"b1", 0.0, Transform::none}});
  double s0 = 0, s1 = 0, s2 = 0, y0 = 0, y1 = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double w = 1 / (sd[i] * sd[i]);
    s0 += w, s1 += w * t[i], s2 += w * t[i] * t[i], y0 += w * observed[i], y1 += w * t[i] * observed[i];
  }
  const double det = s0 * s2 - s1 * s1;
  REQUIRE(fit.standard_errors_ok);
  CHECK(fit.values[0] == Approx((s2 * y0 - s1 * y1) / det).epsilon(1e-6));
  CHECK(fit.values[1] == Approx((s0 * y1 - s1 * y0) / det).epsilon(1e-6));
  CHECK(fit.standard_errors[0] == Approx(std::sqrt(s2 / det)).epsilon(1e-5));
  CHECK(fit.standard_errors[1] == Approx(std::sqrt(s0 / det)).epsilon(1e-5));
}

TEST_CASE("calibration_fit: a parameter the statistics ignore leaves no standard errors", "[results]") {
  const auto model = [](const std::vector<double>& p) {
    return std::vector<double>{p[0], 2 * p[0], 3 * p[0]};
  };
  const FitResult fit = fit_least_squares(model, {1, 2, 3}, {1, 1, 1},
                                          {{"used", 2.0, Transform::log}, {"unused", 0.5, Transform::logit}});
  CHECK(fit.values[0] == Approx(1.0).epsilon(1e-8));
  CHECK_FALSE(fit.standard_errors_ok);
  CHECK(std::isnan(fit.standard_errors[0]));
}

TEST_CASE("calibration_fit: values the scenario rejects are stepped back from, not fatal", "[results]") {
  // Only values below 2 are allowed; the unconstrained optimum (2.5) lies beyond, so the fit ends inside.
  const auto model = [](const std::vector<double>& p) {
    if (p[0] >= 2) throw InputError("--set x: must be < 2");
    return std::vector<double>{p[0], p[0]};
  };
  const FitResult fit = fit_least_squares(model, {2.5, 2.5}, {1, 1}, {{"x", 1.0, Transform::log}});
  CHECK(fit.values[0] < 2);
  CHECK(fit.values[0] > 1.9);
  CHECK(fit.rejected_evaluations > 0);
  CHECK(fit.last_rejection == "--set x: must be < 2");
}

TEST_CASE("calibration_fit: bad problems are refused with a message", "[results]") {
  const auto model = [](const std::vector<double>& p) { return std::vector<double>{p[0]}; };
  CHECK_THROWS_WITH(fit_least_squares(model, {1}, {1}, {{"a", 1, Transform::log}, {"b", 1, Transform::log}}),
                    "--fit: 2 parameters cannot be fitted to 1 observed statistics; give at least as many "
                    "statistics as parameters");
  CHECK_THROWS_WITH(fit_least_squares(model, {1}, {0}, {{"a", 1, Transform::log}}),
                    "observed statistics: sd = 0 must be > 0");
}

TEST_CASE("calibration_fit: transforms follow the key's name and round-trip", "[results]") {
  CHECK(transform_for_key("states.x.follow_up.deadline_compliance") == Transform::logit);
  CHECK(transform_for_key("states.x.follow_up.offer_probability") == Transform::logit);
  CHECK(transform_for_key("states.x.exempt.share") == Transform::logit);
  CHECK(transform_for_key("calibration.jobcentre_exit_multiplier.\"Læsø\".sick_leave") == Transform::log);
  CHECK(transform_for_key("states.x.follow_up.offer_mix.internship") == Transform::log);
  CHECK(transform_for_key("transitions.cycle_elasticity") == Transform::none);
  for (auto t : {Transform::log, Transform::logit, Transform::none}) {
    CHECK(from_unconstrained(t, to_unconstrained(t, 0.3)) == Approx(0.3).epsilon(1e-14));
    const double x = to_unconstrained(t, 0.3), h = 1e-6;
    CHECK(derivative_of_value(t, x) ==
          Approx((from_unconstrained(t, x + h) - from_unconstrained(t, x - h)) / (2 * h)).epsilon(1e-6));
  }
}

TEST_CASE("calibration_observed: rows are checked against the scenario, naming file, line and column",
          "[results]") {
  const labsim::models::Model model(labsim::models::load_scenario(kBaseline), 0.01);
  labsim::testing::TempDir dir;
  const auto write = [&](const std::string& row) {
    const auto path = dir.path() / "observed.csv";
    std::ofstream(path) << "# a comment\nstatistic,jobcentre,state_or_group,window,from,to,value,sd\n"
                        << row << "\n";
    return path;
  };
  const auto error_of = [&](const std::string& row) {
    const auto path = write(row);
    try {
      read_observed(path, model);
    } catch (const InputError& e) {
      return std::string(e.what()).substr(path.string().size());
    }
    return std::string("no error");
  };
  CHECK(error_of("stocks,,sick_leave,,2011-01,2011-02,10,1")
            .starts_with(":3: column 'statistic': 'stocks' is not"));
  CHECK(error_of("stock,Aarhus,sick_leave,,2011-01,2011-02,10,1")
            .starts_with(":3: column 'jobcentre': 'Aarhus'"));
  CHECK(error_of("stock,,sick,,2011-01,2011-02,10,1")
            .starts_with(":3: column 'state_or_group': 'sick' is not a state"));
  CHECK(error_of("timeliness_first_offer,,cash_job_ready,1_month,2011-01,2011-02,10,1")
            .starts_with(":3: column 'state_or_group': 'cash_job_ready' is not a benefit group"));
  CHECK(error_of("timeliness_first_offer,,cash_benefit,2_months,2011-01,2011-02,10,1")
            .starts_with(":3: column 'window': '2_months' is not a timeliness window"));
  CHECK(error_of("stock,,sick_leave,,2010-12,2011-02,10,1")
            .starts_with(":3: column 'from': 2010-12 is outside the run"));
  CHECK(error_of("stock,,sick_leave,,2011-01,2011-13,10,1") ==
        ":3: column 'to': '2011-13' is not a month written YYYY-MM");
  CHECK(error_of("stock,,sick_leave,,2011-03,2011-02,10,1") ==
        ":3: column 'to': 2011-02 is before from = 2011-03");
  CHECK(error_of("stock,,sick_leave,,2011-01,2011-02,10,0") ==
        ":3: column 'sd': 0 must be > 0 (it sets the weight 1/sd^2)");
  CHECK(error_of("company_based_share,,,,2011-01,2011-02,120,1") ==
        ":3: column 'value': 120 must be a percent, 0 to 100");
  CHECK(error_of("stock,,sick_leave,,2011-01,2011-02,x,1") == ":3: column 'value' = \"x\" is not a number");

  const auto good = read_observed(
      write("timeliness_first_interview,Læsø,cash_benefit,3_months,2011-02,2011-04,80,2"), model);
  REQUIRE(good.size() == 1);
  CHECK(good[0].jobcentre_name == "Læsø");
  CHECK(good[0].from_month == 1);
  CHECK(good[0].to_month == 3);
  CHECK(good[0].window == 1);
  CHECK(describe(good[0]) == "timeliness_first_interview cash_benefit 3_months, Læsø, 2011-02..2011-04");
  // The shipped observations read against the shipped baseline.
  CHECK(read_observed(std::string(LABSIM_SOURCE_DIR) + "/scenarios/data/nordjylland_observed_2010.csv", model)
            .size() == 11);
}

TEST_CASE("calibrated_scenario: extends the original by a relative path and writes exact values",
          "[results]") {
  CalibratedScenario c;
  c.original = "/a/scenarios/baseline.toml";
  c.name = "baseline, calibrated";
  c.header = {"written by labsim calibrate"};
  c.set_overrides = {"run.months=12", "name=x y"};
  c.fitted = {{"states.s.follow_up.deadline_compliance", 0.1 + 0.2}};
  const std::string text = calibrated_scenario_text(c, "/a/out/c.toml");
  CHECK(text ==
        "# written by labsim calibrate\n\nextends = \"../scenarios/baseline.toml\"\nname = \"baseline, "
        "calibrated\"\n\n"
        "# Values given with --set to the calibration, which the fit assumed.\nrun.months = 12\nname = \"x "
        "y\"\n\n"
        "# Fitted values (shortest text that reads back exactly).\n"
        "states.s.follow_up.deadline_compliance = 0.30000000000000004\n");
}

namespace {

// The statistics that identify an exit multiplier and deadline compliance in the baseline: how many are on
// insured unemployment, and how many new spells get their first offer by the legal deadline.
std::vector<ObservedStatistic> recovery_statistics(const labsim::models::Model& model) {
  labsim::testing::TempDir dir;
  const auto path = dir.path() / "observed.csv";
  std::ofstream(path) << "statistic,jobcentre,state_or_group,window,from,to,value,sd\n"
                         "stock,,insured_unemployed,,2011-02,2011-04,0,1\n"
                         "stock,,insured_unemployed,,2011-05,2011-07,0,1\n"
                         "timeliness_first_offer,,insured_unemployed,legal_deadline,2011-01,2011-03,0,1\n"
                         "timeliness_first_offer,,cash_benefit,legal_deadline,2011-01,2011-03,0,1\n";
  return read_observed(path, model);
}

std::vector<std::string> with(double multiplier, double compliance) {
  return {"run.months=12", fmt::format("calibration.exit_multiplier.insured_unemployed={}", multiplier),
          fmt::format("states.insured_unemployed.follow_up.deadline_compliance={}", compliance)};
}

const std::vector<FitParameter> kRecovered = {
    {"calibration.exit_multiplier.insured_unemployed", 1.0, Transform::log},
    {"states.insured_unemployed.follow_up.deadline_compliance", 0.8, Transform::logit}};

}  // namespace

namespace {

// Fits the baseline's insured-unemployment exit multiplier and deadline compliance to statistics generated
// with known values, from (1, 0.8); `on_twin` evaluates on the Markov twin, else on the simulator with the
// random numbers that generated the data.
FitResult recover(bool on_twin, double multiplier, double compliance) {
  const double scale = 1.0;
  const labsim::models::Model base(labsim::models::load_scenario(kBaseline, with(1, 0.8)), scale);
  const std::vector<ObservedStatistic> statistics = recovery_statistics(base);
  const auto evaluate = [&](const std::vector<double>& v) {
    const labsim::models::Model model(labsim::models::load_scenario(kBaseline, with(v[0], v[1])), scale);
    std::vector<labsim::models::MonthlyCounts> counts;
    if (on_twin) {
      const labsim::models::TwinResult twin = labsim::models::run_twin(model);
      for (const auto& jc : twin.jobcentres) counts.push_back(jc.monthly);
    } else {
      const auto run = labsim::models::simulate(model, {.replications = 1, .seed = 7, .threads = 2});
      for (std::size_t j = 0; j < run.jobcentres; ++j) counts.push_back(run.task(0, j).monthly);
    }
    return measure(model, counts, statistics);
  };
  const std::vector<double> observed = evaluate({multiplier, compliance});
  // Weights as if stocks were known to 1% and timeliness to 1 percentage point.
  const std::vector<double> sd = {0.01 * observed[0], 0.01 * observed[1], 1.0, 1.0};
  FitOptions options;
  if (!on_twin) {
    options.jacobian_step = 0.1;
    options.tolerance = 1e-4;
  }
  return fit_least_squares(evaluate, observed, sd, kRecovered, options);
}

}  // namespace

TEST_CASE("calibration: recovers an exit multiplier and deadline compliance on the Markov twin",
          "[results]") {
  // Noiseless data: the twin is deterministic and smooth, so the fit must land on the generating values.
  const FitResult fit = recover(true, 1.3, 0.6);
  CHECK(fit.converged);
  CHECK(fit.values[0] == Approx(1.3).epsilon(1e-4));
  CHECK(fit.values[1] == Approx(0.6).epsilon(1e-4));
}

TEST_CASE("calibration: recovers an exit multiplier and deadline compliance on the simulator",
          "[results][stats]") {
  // Seed 7, scale 1, one replication, the data's own random numbers: the objective is zero at the truth but
  // moves in small steps around it, so the fit lands within a few percent, not exactly.
  const FitResult fit = recover(false, 1.3, 0.6);
  INFO(fit.status);
  CHECK(fit.values[0] == Approx(1.3).epsilon(0.03));
  CHECK(fit.values[1] == Approx(0.6).margin(0.05));
}
