// `labsim trial`: emulate a randomized trial defined in a scenario's [trial] table, or find how many
// participants it needs (--power).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "results/file/h5_writer.hpp"
#include "results/file/trial_output.hpp"
#include "results/stats/power_study.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/text/text_table.hpp"
#include "results/text/trial_format.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

struct TrialArguments {
  std::string scenario;
  std::string output;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  double scale = 1.0;
  std::vector<std::string> overrides;
  std::string format = "table";
  bool power = false;
  double effect = 1.0;
  std::string outcome;
  int resamples = 1000;
  double target_power = 0.8;
  bool quiet = false;
};

void print(const std::vector<results::TextTable>& tables, const nlohmann::json& json,
           const std::string& format) {
  if (format == "json") {
    fmt::print("{}\n", json.dump(2));
    return;
  }
  fmt::print("{}", rendered(tables, text_format(format)));
}

int power(const models::Scenario& sc, const TrialArguments& args) {
  const models::RunOptions run = run_options(sc, sc.run.replications, args.threads, /*quiet=*/false);
  results::PowerStudyOptions options;
  options.effect = args.effect;
  options.outcome = args.outcome;
  options.resamples = args.resamples;
  options.target_power = args.target_power;
  options.scale = args.scale;
  options.threads = run.threads;
  options.show_progress = run.show_progress;
  if (!args.quiet) {
    options.on_enlarge = [](int replications) {
      fmt::print(stderr, "labsim: enlarging the pool to {} replications\n", replications);
    };
  }
  const results::PowerStudy study = results::power_study(sc, options);
  const results::TrialFacts facts{sc.name, results::trial_design(study.pool_trial), sc.run.seed, args.scale};
  print(results::power_tables(study.result, study.facts, facts),
        results::power_json(study.result, study.facts, facts), args.format);
  return 0;
}

int trial_command(const TrialArguments& args, const std::string& command_line) {
  std::vector<std::string> overrides = args.overrides;
  if (args.replications) overrides.push_back(fmt::format("run.replications={}", *args.replications));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  const models::Scenario sc = models::load_scenario(args.scenario, overrides);
  if (!sc.trial) {
    throw sim::InputError(
        fmt::format("{}: has no [trial] table; see scenarios/trials/ for examples", sc.path));
  }
  if (args.power) return power(sc, args);
  const std::filesystem::path output = checked_output_path(args.scenario, args.output);
  const models::Model model(sc, args.scale);
  const models::TrialRun run =
      models::simulate_trial(model, run_options(sc, sc.run.replications, args.threads, /*quiet=*/false));
  const results::TrialData data = results::trial_data(model, run.records);
  const results::TrialEstimates estimates = results::estimate_trial(data, run.replications);

  const std::string design = results::trial_design(*sc.trial);
  results::RunOutput out =
      results::make_trial_output(data, estimates, provenance_of(sc, command_line, args.scale));
  out.extra_attributes["title"] = sc.name;
  out.extra_attributes["design"] = design;
  results::write_result_file(out, output);

  const results::TrialFacts facts{sc.name, design, sc.run.seed, args.scale};
  print(results::trial_tables(data, estimates, facts), results::trial_json(data, estimates, facts),
        args.format);
  if (!args.quiet && args.format != "json") fmt::print(stderr, "Results: {}\n", output.string());
  return 0;
}

}  // namespace

Command register_trial(CLI::App& app) {
  auto args = std::make_shared<TrialArguments>();
  CLI::App* cmd = app.add_subcommand(
      "trial",
      "Emulate a randomized trial defined in a scenario's [trial] table: intention-to-treat differences\n"
      "per outcome with 95% intervals, hazard ratios and Kaplan-Meier curves, with and without the\n"
      "exempted and per protocol; or, with --power, the number of participants a trial needs");
  cmd->add_option("scenario", args->scenario,
                  "Trial file (TOML), e.g. scenarios/trials/sick_leave_intensive.toml")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", args->output,
                  "Result file with the estimates and curves (default: the file's name with .h5)")
      ->type_name("FILE");
  cmd->add_option("-r,--replications", args->replications,
                  "Repetitions of the trial, pooled into the estimates (default: run.replications)")
      ->check(CLI::Range(1, 100000))
      ->type_name("N");
  cmd->add_option("-j,--threads", args->threads,
                  "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  cmd->add_option("--seed", args->seed, "Random seed (default: the scenario's run.seed)")->type_name("N");
  cmd->add_option("--scale", args->scale,
                  "Multiply every population count and inflow by this factor (default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  cmd->add_option("--set", args->overrides, "Override one scenario value, e.g. --set trial.enrolment_share=1")
      ->type_name("KEY=VALUE");
  cmd->add_option("--format", args->format, "Output: table (default), md, csv or json")
      ->check(CLI::IsMember({"table", "md", "csv", "json"}))
      ->type_name("FORMAT");
  cmd->add_flag("--power", args->power,
                "Find the participants needed to detect --effect with --target-power (80%) at the 5% level");
  cmd->add_option("--effect", args->effect,
                  "With --power: the effect to detect, as a hazard ratio on job finding from the trial's\n"
                  "state (e.g. 1.15 = 15% faster return to work)")
      ->check(CLI::PositiveNumber)
      ->type_name("HR");
  cmd->add_option("--outcome", args->outcome,
                  "With --power: the outcome tested (default: the trial's primary outcome; hazard_ratio\n"
                  "tests time to self-sufficiency)")
      ->type_name("NAME");
  cmd->add_option("--resamples", args->resamples, "With --power: trials drawn per size tried (default: 1000)")
      ->check(CLI::Range(100, 1000000))
      ->type_name("N");
  cmd->add_option("--target-power", args->target_power, "With --power: the power wanted (default: 0.8)")
      ->check(CLI::Range(0.5, 0.99))
      ->type_name("P");
  cmd->add_flag("-q,--quiet", args->quiet, "No line naming the result file");
  return {cmd, [args](const std::string& command_line) { return trial_command(*args, command_line); }};
}

}  // namespace labsim::app
