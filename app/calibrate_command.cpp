// `labsim calibrate`: fit scenario values to observed statistics on the Markov twin (or the simulator), check
// the fit on the simulator, and write a calibrated scenario and a fit report.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "models/twin/markov_twin.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_number.hpp"
#include "models/simulator/simulate.hpp"
#include "results/text/calibrated_scenario.hpp"
#include "results/stats/calibration_fit.hpp"
#include "results/stats/calibration_observed.hpp"
#include "results/text/calibration_report.hpp"
#include "results/stats/calibration_statistics.hpp"
#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

namespace fs = std::filesystem;

struct CalibrateArguments {
  std::string scenario;
  std::vector<std::string> observed;  // --observed CSV
  std::vector<std::string> fit;       // --fit KEY or KEY=START
  std::string output;                 // -o calibrated scenario
  std::string report;                 // --report FILE; empty: standard output
  std::string format = "table";
  std::string fit_on = "twin";
  int verify_replications = 5;
  int max_evaluations = 300;
  double scale = 1.0;
  std::optional<std::uint64_t> seed;
  std::optional<int> threads;
  std::vector<std::string> overrides;
};

// The statistics of one model run: per replication for the simulator, one row for the twin.
std::vector<std::vector<double>> measured(const models::Model& model,
                                          const std::vector<results::ObservedStatistic>& observed,
                                          bool on_twin, const models::RunOptions& options) {
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
    return {results::measure(model, counts, observed)};
  }
  const models::RunResult run = models::simulate(model, options);
  std::vector<std::vector<double>> out;
  for (int r = 0; r < run.replications; ++r) {
    std::vector<models::MonthlyCounts> counts;
    for (std::size_t j = 0; j < run.jobcentres; ++j) counts.push_back(run.task(r, j).monthly);
    out.push_back(results::measure(model, counts, observed));
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

std::vector<std::string> with_values(std::vector<std::string> overrides,
                                     const std::vector<results::FitParameter>& parameters,
                                     const std::vector<double>& values) {
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    overrides.push_back(fmt::format("{}={}", parameters[j].key, values[j]));
  }
  return overrides;
}

// --fit KEY or KEY=START: the key must be one the scenario reads, and the start value must lie where the
// key's transform can take it.
results::FitParameter fit_parameter(const std::string& spec, const CalibrateArguments& args) {
  const auto equals = spec.find('=');
  results::FitParameter p;
  p.key = spec.substr(0, equals);
  const std::string context = fmt::format("--fit {}", spec);
  models::key_parts(p.key, context);
  p.transform = results::transform_for_key(p.key);
  if (equals != std::string::npos) {
    const std::string start = spec.substr(equals + 1);
    std::size_t used = 0;
    try {
      p.start = std::stod(start, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != start.size()) {
      throw sim::InputError(fmt::format("{}: start value '{}' is not a number", context, start));
    }
  } else if (const auto value = models::scenario_number(args.scenario, args.overrides, p.key, context)) {
    p.start = *value;
  } else if (p.key.starts_with("calibration.")) {
    p.start = 1;  // a multiplier not written yet has no effect: 1
  } else {
    // Unset: first let the loader say whether the key exists at all (a typo is the likelier cause), with a
    // value its transform can take.
    const double probe = p.transform == results::Transform::logit ? 0.5 : 1.0;
    try {
      models::load_scenario(args.scenario, with_values(args.overrides, {p}, {probe}));
    } catch (const sim::InputError& e) {
      throw sim::InputError(fmt::format("{}: {}", context, e.what()));
    }
    throw sim::InputError(
        fmt::format("{}: {} is not set in {} (nor in a file it extends); give a start value, --fit {}=START",
                    context, p.key, args.scenario, p.key));
  }
  if (p.transform == results::Transform::log && !(p.start > 0)) {
    throw sim::InputError(
        fmt::format("{}: start value {} must be > 0 (the key is fitted on a log scale)", context, p.start));
  }
  if (p.transform == results::Transform::logit && !(p.start > 0 && p.start < 1)) {
    throw sim::InputError(fmt::format(
        "{}: start value {} must lie strictly between 0 and 1 (the key is fitted on a logit scale)", context,
        p.start));
  }
  for (const auto& o : args.overrides) {
    if (o.substr(0, o.find('=')) == p.key) {
      throw sim::InputError(
          fmt::format("{}: the key is also given with --set; fit it or set it, not both", context));
    }
  }
  // Let the loader judge the key: an unknown key, or a value it does not accept, fails here, before any work.
  try {
    models::load_scenario(args.scenario, with_values(args.overrides, {p}, {p.start}));
  } catch (const sim::InputError& e) {
    throw sim::InputError(fmt::format("{}: {}", context, e.what()));
  }
  return p;
}

std::string rendered(const results::CalibrationReport& report, const std::string& format) {
  if (format == "json") return results::calibration_json(report).dump(2) + "\n";
  const auto f = format == "md"    ? results::TextFormat::md
                 : format == "csv" ? results::TextFormat::csv
                                   : results::TextFormat::table;
  const std::string text = results::render(results::calibration_tables(report, f), f);
  return text.ends_with('\n') ? text : text + "\n";
}

// The calibrated scenario, checked by loading it back before it takes its final name: it must be valid and
// carry exactly the fitted values.
void write_calibrated(const fs::path& output, const results::CalibratedScenario& calibrated) {
  const std::string text = results::calibrated_scenario_text(calibrated, output);
  const fs::path temporary = output.string() + ".partial.toml";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", temporary.string()));
  }
  try {
    models::load_scenario(temporary);
    for (const auto& [key, value] : calibrated.fitted) {
      if (models::scenario_number(temporary, {}, key, "calibrated scenario") != value) {
        throw std::runtime_error(
            fmt::format("the calibrated scenario does not read back {} = {}", key, value));
      }
    }
  } catch (...) {
    fs::remove(temporary);
    throw;
  }
  fs::rename(temporary, output);
}

int calibrate(const CalibrateArguments& args, const std::string& command_line) {
  const bool on_twin = args.fit_on == "twin";
  const fs::path output = checked_path(
      "-o", args.output.empty() ? fs::path(args.scenario).stem().string() + "_calibrated.toml" : args.output);
  if (!args.report.empty()) checked_path("--report", args.report);

  std::vector<std::string> overrides = args.overrides;
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  const models::Scenario scenario = models::load_scenario(args.scenario, overrides);
  const models::Model base(scenario, args.scale);
  std::vector<results::ObservedStatistic> observed;
  for (const auto& file : args.observed) {
    const auto rows = results::read_observed(file, base);
    observed.insert(observed.end(), rows.begin(), rows.end());
  }
  std::vector<results::FitParameter> parameters;
  for (const auto& spec : args.fit) {
    parameters.push_back(fit_parameter(spec, args));
    for (std::size_t k = 0; k + 1 < parameters.size(); ++k) {
      if (parameters[k].key == parameters.back().key) {
        throw sim::InputError(fmt::format("--fit {}: the key is given twice", parameters.back().key));
      }
    }
  }
  std::vector<double> values, sd;
  for (const auto& s : observed) {
    values.push_back(s.value);
    sd.push_back(s.sd);
  }

  // The run stops once every statistic is measured: later months cannot change earlier ones.
  std::vector<std::string> run_overrides = overrides;
  const std::size_t months = results::months_needed(base, observed);
  if (months < static_cast<std::size_t>(scenario.run.months)) {
    run_overrides.push_back(fmt::format("run.months={}", months));
  }
  // The fit runs the simulator many times: no progress line for each.
  const models::RunOptions options =
      run_options(scenario, std::max(1, args.verify_replications), args.threads, /*quiet=*/true);

  const results::Evaluate evaluate = [&](const std::vector<double>& x) {
    const models::Model model(models::load_scenario(args.scenario, with_values(run_overrides, parameters, x)),
                              args.scale);
    return mean_of(measured(model, observed, on_twin, options));
  };
  results::FitOptions fit_options;
  fit_options.max_evaluations = args.max_evaluations;
  // The simulator's output moves in small steps as a parameter moves (common random numbers keep it a
  // function of the parameters, but not a smooth one), so its slopes are taken over a wider step.
  fit_options.jacobian_step = on_twin ? 1e-6 : 0.05;
  fit_options.tolerance = on_twin ? 1e-10 : 1e-4;
  results::CalibrationReport report;
  report.fit = results::fit_least_squares(evaluate, values, sd, parameters, fit_options);

  if (args.verify_replications > 0) {
    const models::Model model(
        models::load_scenario(args.scenario, with_values(run_overrides, parameters, report.fit.values)),
        args.scale);
    models::RunOptions verify = options;
    verify.replications = args.verify_replications;
    // Fresh random numbers: a simulator fit could have tuned itself to the ones it was fitted with.
    verify.seed = on_twin ? scenario.run.seed : scenario.run.seed + 1;
    report.verification = results::summarize_replications(measured(model, observed, false, verify));
  }

  report.scenario = args.scenario;
  report.scenario_name = scenario.name;
  report.evaluator = on_twin ? "fitted on the Markov twin"
                             : fmt::format("fitted on the simulator, {} replication{}", options.replications,
                                           options.replications == 1 ? "" : "s");
  report.scale = args.scale;
  report.parameters = parameters;
  report.observed = observed;
  report.calibrated = output.string();

  results::CalibratedScenario calibrated;
  calibrated.original = args.scenario;
  calibrated.name = scenario.name + ", calibrated";
  calibrated.header = {
      fmt::format("{}, calibrated: written by", scenario.name), "  " + command_line, "",
      fmt::format("{}; {} iterations, {} evaluations; chi-square {:.4g} on {} degrees of freedom.",
                  report.fit.status, report.fit.iterations, report.fit.evaluations, report.fit.chi_square,
                  report.fit.degrees_of_freedom),
      "Fitted to:"};
  for (const auto& s : observed) {
    calibrated.header.push_back(
        fmt::format("  {} = {} (sd {}), {}", results::describe(s), s.value, s.sd, s.source));
  }
  calibrated.set_overrides = args.overrides;
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    calibrated.fitted.emplace_back(parameters[j].key, report.fit.values[j]);
  }
  const std::string text = rendered(report, args.format);
  write_calibrated(output, calibrated);
  if (args.report.empty()) {
    fmt::print("{}", text);
  } else {
    write_text_file("--report", args.report, text);
    fmt::print("Report: {}\nCalibrated scenario: {}\n", args.report, output.string());
  }
  return report.fit.converged ? 0 : 3;
}

}  // namespace

Subcommand add_calibrate_command(CLI::App& app) {
  auto args = std::make_shared<CalibrateArguments>();
  Subcommand command;
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit scenario values (hazard multipliers, follow-up practice, offer mix, ...) so that the model's\n"
      "statistics match observed ones, by weighted least squares (Levenberg-Marquardt) on the Markov twin;\n"
      "then check the fit on the simulator. Writes a calibrated scenario that extends the original and\n"
      "sets only the fitted values, and a report: observed, fitted, simulated and residual per statistic");
  command.app = cmd;
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML), e.g. scenarios/baseline_2011.toml")
      ->required()
      ->type_name("FILE");
  cmd->add_option(
         "--observed", args->observed,
         "Observed statistics (CSV, repeatable), one per row with columns\n"
         "  statistic,jobcentre,state_or_group,window,from,to,value,sd\n"
         "statistic: labour_reserve, stock, on_support, youth_on_support, non_western_on_support,\n"
         "  permanent_support_stock (full-time persons per month, scale 1), timeliness_first_interview,\n"
         "  timeliness_first_offer (percent of new spells within `window`: 1_month, 3_months or\n"
         "  legal_deadline), company_based_share (percent of full-time persons in activation);\n"
         "jobcentre: empty for the region; state_or_group: the state for stock and\n"
         "  company_based_share (empty: all states), the benefit group for timeliness;\n"
         "from, to: simulated months YYYY-MM averaged over (timeliness: months the spells started);\n"
         "sd: the observation's standard error, its weight is 1/sd^2.\n"
         "Example: scenarios/data/nordjylland_observed_2010.csv")
      ->required()
      ->type_name("CSV");
  cmd->add_option("--fit", args->fit,
                  "A scenario value to fit (repeatable), as in --set, starting from the scenario's value or\n"
                  "from START, e.g.\n"
                  "  --fit states.insured_unemployed.follow_up.offer_probability\n"
                  "  --fit calibration.exit_multiplier.sick_leave=1\n"
                  "  --fit 'calibration.jobcentre_exit_multiplier.\"Læsø\".sick_leave'\n"
                  "Probabilities, compliance and shares are fitted on a logit scale (stay in 0..1),\n"
                  "elasticities as they are, everything else on a log scale (> 0)")
      ->required()
      ->type_name("KEY[=START]");
  cmd->add_option("-o,--output", args->output,
                  "Calibrated scenario to write (default: <scenario>_calibrated.toml in the current folder)")
      ->type_name("FILE");
  cmd->add_option("--report", args->report, "Write the report to FILE instead of the screen")
      ->type_name("FILE");
  cmd->add_option("--format", args->format, "Report: table (default), md, csv or json")
      ->check(CLI::IsMember({"table", "md", "csv", "json"}))
      ->type_name("FORMAT");
  cmd->add_option("--fit-on", args->fit_on,
                  "twin (default: the Markov twin, exact and fast) or simulator (the mean of\n"
                  "--verify-replications runs with fixed random numbers; slow and approximate)")
      ->check(CLI::IsMember({"twin", "simulator"}))
      ->type_name("MODEL");
  cmd->add_option("--verify-replications", args->verify_replications,
                  "Simulator runs with the fitted values to check the fit (default: 5; 0 = no check)")
      ->check(CLI::Range(0, 10000))
      ->type_name("N");
  cmd->add_option("--max-evaluations", args->max_evaluations,
                  "Stop the fit after this many model evaluations (default: 300)")
      ->check(CLI::Range(1, 100000))
      ->type_name("N");
  cmd->add_option("--scale", args->scale,
                  "Simulate this fraction of the population (levels are scaled back; default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  cmd->add_option("--seed", args->seed, "Random seed for the simulator (default: the scenario's run.seed)")
      ->type_name("N");
  cmd->add_option("-j,--threads", args->threads, "Worker threads for the simulator (default: all cores)")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  cmd->add_option("--set", args->overrides,
                  "Override one scenario value for the calibration (repeatable); written into the\n"
                  "calibrated scenario too, since the fit assumed it")
      ->type_name("KEY=VALUE");
  cmd->footer(
      "Exit code 0 when the fit converged, 3 when it stopped without converging (the files are still\n"
      "written), 2 for bad input.\n"
      "Example:\n"
      "  labsim calibrate scenarios/baseline_2011.toml --observed "
      "scenarios/data/nordjylland_observed_2010.csv\n"
      "    --fit states.insured_unemployed.follow_up.other_actor.first_interview_weeks\n"
      "    --fit states.insured_unemployed.follow_up.offer_probability -o baseline_2011_calibrated.toml");
  command.run = [args](const std::string& command_line) { return calibrate(*args, command_line); };
  return command;
}

}  // namespace labsim::app
