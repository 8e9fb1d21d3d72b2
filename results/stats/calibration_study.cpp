// The fitting policy of a calibration: which model is evaluated, with which steps and seeds, over which
// months; and the --fit keys resolved against the scenario.
#include "results/stats/calibration_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

#include "models/model.hpp"
#include "models/scenario/scenario_number.hpp"
#include "models/simulator/simulate.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/stats/calibration_statistics.hpp"
#include "sim/input_error.hpp"

namespace labsim::results {

namespace {

std::vector<std::string> with_values(std::vector<std::string> overrides,
                                     const std::vector<FitParameter>& parameters,
                                     const std::vector<double>& values) {
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    overrides.push_back(fmt::format("{}={}", parameters[j].key, values[j]));
  }
  return overrides;
}

// The loader's verdict on `overrides`, its message prefixed with `context`.
void check_loads(const models::ScenarioDocument& document, const std::vector<std::string>& overrides,
                 const std::string& context) {
  try {
    static_cast<void>(document.compile(overrides));
  } catch (const sim::InputError& e) {
    throw sim::InputError(fmt::format("{}: {}", context, e.what()));
  }
}

double start_value(const std::string& start, const std::string& context) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(start, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != start.size()) {
    throw sim::InputError(fmt::format("{}: start value '{}' is not a number", context, start));
  }
  return value;
}

FitParameter fit_parameter(const models::ScenarioDocument& document,
                           const std::vector<std::string>& set_overrides, const std::string& spec) {
  const auto equals = spec.find('=');
  FitParameter p;
  p.key = spec.substr(0, equals);
  const std::string context = fmt::format("--fit {}", spec);
  models::key_parts(p.key, context);
  p.transform = transform_for_key(p.key);
  if (equals != std::string::npos) {
    p.start = start_value(spec.substr(equals + 1), context);
  } else if (const auto value = models::scenario_number(document, set_overrides, p.key, context)) {
    p.start = *value;
  } else if (p.key.starts_with("calibration.")) {
    p.start = 1;  // a multiplier not written yet has no effect: 1
  } else {
    // Unset: first let the loader say whether the key exists at all (a typo is the likelier cause), with a
    // value its transform can take.
    const double probe = p.transform == Transform::logit ? 0.5 : 1.0;
    check_loads(document, with_values(set_overrides, {p}, {probe}), context);
    throw sim::InputError(
        fmt::format("{}: {} is not set in {} (nor in a file it extends); give a start value, --fit {}=START",
                    context, p.key, document.path().string(), p.key));
  }
  if (p.transform == Transform::log && !(p.start > 0)) {
    throw sim::InputError(
        fmt::format("{}: start value {} must be > 0 (the key is fitted on a log scale)", context, p.start));
  }
  if (p.transform == Transform::logit && !(p.start > 0 && p.start < 1)) {
    throw sim::InputError(fmt::format(
        "{}: start value {} must lie strictly between 0 and 1 (the key is fitted on a logit scale)", context,
        p.start));
  }
  for (const auto& o : set_overrides) {
    if (o.substr(0, o.find('=')) == p.key) {
      throw sim::InputError(
          fmt::format("{}: the key is also given with --set; fit it or set it, not both", context));
    }
  }
  // Let the loader judge the key: an unknown key, or a value it does not accept, fails here, before any work.
  check_loads(document, with_values(set_overrides, {p}, {p.start}), context);
  return p;
}

// The statistics of one model run: per replication for the simulator, one row for the twin.
std::vector<std::vector<double>> measured(const models::Model& model,
                                          const std::vector<ObservedStatistic>& observed, bool on_twin,
                                          const models::RunOptions& options) {
  if (on_twin) {
    models::TwinResult twin;
    try {
      models::TwinOptions twin_options;
      twin_options.threads = options.threads;
      twin = models::run_twin(model, twin_options);
    } catch (const std::logic_error& e) {
      throw std::runtime_error(fmt::format(
          "the Markov twin is not available in this build ({}); use --fit-on simulator", e.what()));
    }
    std::vector<models::MonthlyCounts> counts;
    for (const models::TwinJobcentre& jc : twin.jobcentres) counts.push_back(jc.monthly);
    return {measure(model, counts, observed)};
  }
  const models::RunResult run = models::simulate(model, options);
  std::vector<std::vector<double>> out;
  for (int r = 0; r < run.replications; ++r) {
    std::vector<models::MonthlyCounts> counts;
    for (std::size_t j = 0; j < run.jobcentres; ++j) counts.push_back(run.task(r, j).monthly);
    out.push_back(measure(model, counts, observed));
  }
  return out;
}

std::vector<double> mean_of(const std::vector<std::vector<double>>& rows) {
  std::vector<double> out(rows.front().size(), 0.0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += row[i] / static_cast<double>(rows.size());
  }
  return out;
}

}  // namespace

std::vector<FitParameter> fit_parameters(const models::ScenarioDocument& document,
                                         const std::vector<std::string>& set_overrides,
                                         const std::vector<std::string>& specs) {
  std::vector<FitParameter> parameters;
  for (const auto& spec : specs) {
    parameters.push_back(fit_parameter(document, set_overrides, spec));
    for (std::size_t k = 0; k + 1 < parameters.size(); ++k) {
      if (parameters[k].key == parameters.back().key) {
        throw sim::InputError(fmt::format("--fit {}: the key is given twice", parameters.back().key));
      }
    }
  }
  return parameters;
}

Verification summarize_replications(const std::vector<std::vector<double>>& per_replication) {
  Verification v;
  v.replications = static_cast<int>(per_replication.size());
  if (per_replication.empty()) return v;
  const std::size_t statistics = per_replication.front().size();
  const auto n = static_cast<double>(per_replication.size());
  const double t = per_replication.size() > 1
                       ? boost::math::quantile(boost::math::students_t_distribution<double>(n - 1), 0.975)
                       : std::nan("");
  for (std::size_t i = 0; i < statistics; ++i) {
    double sum = 0;
    for (const auto& r : per_replication) sum += r[i];
    const double mean = sum / n;
    double squares = 0;
    for (const auto& r : per_replication) squares += (r[i] - mean) * (r[i] - mean);
    const double half = per_replication.size() > 1 ? t * std::sqrt(squares / (n - 1) / n) : std::nan("");
    v.mean.push_back(mean);
    v.low.push_back(mean - half);
    v.high.push_back(mean + half);
  }
  return v;
}

CalibrationResult calibrate(const models::ScenarioDocument& document, const CalibrationInputs& inputs,
                            const CalibrationOptions& options) {
  const bool on_twin = options.fit_on == FitOn::twin;
  const models::Scenario scenario = document.compile(inputs.overrides);
  const models::Model base(scenario, options.scale);
  std::vector<double> values, sd;
  for (const auto& s : inputs.observed) {
    values.push_back(s.value);
    sd.push_back(s.sd);
  }

  // The run stops once every statistic is measured: later months cannot change earlier ones.
  std::vector<std::string> run_overrides = inputs.overrides;
  const std::size_t months = months_needed(base, inputs.observed);
  if (months < static_cast<std::size_t>(scenario.run.months)) {
    run_overrides.push_back(fmt::format("run.months={}", months));
  }
  // The fit runs the simulator many times: no progress line for each.
  models::RunOptions run;
  run.replications = std::max(1, options.verify_replications);
  run.seed = scenario.run.seed;
  run.threads = options.threads;
  run.show_progress = false;
  const auto model_at = [&](const std::vector<double>& x) {
    return models::Model(document.compile(with_values(run_overrides, inputs.parameters, x)), options.scale);
  };

  const Evaluate evaluate = [&](const std::vector<double>& x) {
    return mean_of(measured(model_at(x), inputs.observed, on_twin, run));
  };
  FitOptions fit_options;
  fit_options.max_evaluations = options.max_evaluations;
  // The simulator's output moves in small steps as a parameter moves (common random numbers keep it a
  // function of the parameters, but not a smooth one), so its slopes are taken over a wider step.
  fit_options.jacobian_step = on_twin ? 1e-6 : 0.05;
  fit_options.tolerance = on_twin ? 1e-10 : 1e-4;
  CalibrationResult result;
  result.fit = fit_least_squares(evaluate, values, sd, inputs.parameters, fit_options);

  if (options.verify_replications > 0) {
    models::RunOptions verify = run;
    verify.replications = options.verify_replications;
    // Fresh random numbers: a simulator fit could have tuned itself to the ones it was fitted with.
    verify.seed = on_twin ? scenario.run.seed : scenario.run.seed + 1;
    result.verification =
        summarize_replications(measured(model_at(result.fit.values), inputs.observed, false, verify));
  }
  result.scenario_name = scenario.name;
  result.evaluator = on_twin ? "fitted on the Markov twin"
                             : fmt::format("fitted on the simulator, {} replication{}", run.replications,
                                           run.replications == 1 ? "" : "s");
  return result;
}

}  // namespace labsim::results
