// `labsim calibrate`: fit scenario values to observed statistics on the Markov twin (or the simulator), check
// the fit on the simulator, and write a calibrated scenario and a fit report.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_number.hpp"
#include "results/file/atomic_output.hpp"
#include "results/stats/calibration_observed.hpp"
#include "results/stats/calibration_study.hpp"
#include "results/text/calibrated_scenario.hpp"
#include "results/text/calibration_report.hpp"

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

std::string report_text(const results::CalibrationReport& report, const std::string& format) {
  if (format == "json") return results::calibration_json(report).dump(2) + "\n";
  const results::TextFormat f = text_format(format);
  return rendered(results::calibration_tables(report, f), f);
}

// The calibrated scenario, checked by loading it back before it takes its final name: it must be valid and
// carry exactly the fitted values.
void write_calibrated(const fs::path& output, const results::CalibratedScenario& calibrated) {
  results::AtomicOutput file(output);
  file.write(results::calibrated_scenario_text(calibrated, output));
  models::load_scenario(file.temporary());
  for (const auto& [key, value] : calibrated.fitted) {
    if (models::scenario_number(file.temporary(), {}, key, "calibrated scenario") != value) {
      throw std::runtime_error(fmt::format("the calibrated scenario does not read back {} = {}", key, value));
    }
  }
  file.commit();
}

int calibrate_command(const CalibrateArguments& args, const std::string& command_line) {
  const fs::path output = checked_path(
      "-o", args.output.empty() ? fs::path(args.scenario).stem().string() + "_calibrated.toml" : args.output);
  if (!args.report.empty()) checked_path("--report", args.report);

  results::CalibrationInputs inputs;
  inputs.overrides = args.overrides;
  if (args.seed) inputs.overrides.push_back(fmt::format("run.seed={}", *args.seed));
  // Read once: every evaluation of the fit compiles the scenario from memory.
  const auto document = models::ScenarioDocument::read(args.scenario, inputs.overrides);
  const models::Model base(document.compile(inputs.overrides), args.scale);
  for (const auto& file : args.observed) {
    const auto rows = results::read_observed(file, base);
    inputs.observed.insert(inputs.observed.end(), rows.begin(), rows.end());
  }
  inputs.parameters = results::fit_parameters(document, args.overrides, args.fit);

  results::CalibrationOptions options;
  options.fit_on = args.fit_on == "twin" ? results::FitOn::twin : results::FitOn::simulator;
  options.verify_replications = args.verify_replications;
  options.max_evaluations = args.max_evaluations;
  options.scale = args.scale;
  options.threads = worker_threads(args.threads);
  const results::CalibrationResult result = results::calibrate(document, inputs, options);

  const results::CalibrationReport report =
      results::calibration_report(args.scenario, inputs, options, result, output.string());
  const std::string text = report_text(report, args.format);
  write_calibrated(output, results::calibrated_scenario(report, command_line, args.overrides));
  if (args.report.empty()) {
    fmt::print("{}", text);
  } else {
    write_text_file("--report", args.report, text);
    fmt::print("Report: {}\nCalibrated scenario: {}\n", args.report, output.string());
  }
  return result.fit.converged ? 0 : 3;
}

}  // namespace

Command register_calibrate(CLI::App& app) {
  auto args = std::make_shared<CalibrateArguments>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit scenario values (hazard multipliers, follow-up practice, offer mix, ...) so that the model's\n"
      "statistics match observed ones, by weighted least squares (Levenberg-Marquardt) on the Markov twin;\n"
      "then check the fit on the simulator. Writes a calibrated scenario that extends the original and\n"
      "sets only the fitted values, and a report: observed, fitted, simulated and residual per statistic");
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
  return {cmd, [args](const std::string& command_line) { return calibrate_command(*args, command_line); }};
}

}  // namespace labsim::app
