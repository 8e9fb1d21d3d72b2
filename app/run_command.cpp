// `labsim run`: load and check the scenario, simulate, write the result file, print a summary.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "results/file/h5_writer.hpp"
#include "results/file/run_output.hpp"
#include "results/text/run_summary.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

struct RunArguments {
  std::string scenario;
  std::string output;  // empty: <scenario stem>.h5 in the current directory
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  double scale = 1.0;
  std::vector<std::string> overrides;  // --set key=value
  bool quiet = false;
};

int run_command(const RunArguments& args, const std::string& command_line) {
  std::vector<std::string> overrides = args.overrides;
  if (args.replications) overrides.push_back(fmt::format("run.replications={}", *args.replications));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  const models::Scenario scenario = models::load_scenario(args.scenario, overrides);
  const std::filesystem::path output = checked_output_path(args.scenario, args.output);

  const models::Model model(scenario, args.scale);
  const models::RunResult run =
      models::simulate(model, run_options(scenario, scenario.run.replications, args.threads, args.quiet));

  const results::RunOutput out =
      results::make_run_output(model, run, provenance_of(scenario, command_line, args.scale));
  results::write_result_file(out, output);

  if (!args.quiet) {
    results::RunFacts facts{scenario.name, model.jobcentres(), run.replications, args.scale,
                            run.events,    run.persons,        run.seconds};
    fmt::print("{}", results::format_run_summary(out, facts));
  }
  fmt::print("Results: {}\n", output.string());
  return 0;
}

}  // namespace

Command register_run(CLI::App& app) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and write the results to an HDF5 file");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML), e.g. scenarios/baseline.toml")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", args->output,
                  "Result file to write (default: the scenario's name with .h5, in the current folder)")
      ->type_name("FILE");
  cmd->add_option("-r,--replications", args->replications,
                  "Number of independent replications (default: the scenario's run.replications)")
      ->check(CLI::Range(1, 100000))
      ->type_name("N");
  cmd->add_option("-j,--threads", args->threads,
                  fmt::format("Worker threads (default: all {} cores); results do not depend on it",
                              std::thread::hardware_concurrency()))
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  cmd->add_option("--seed", args->seed, "Random seed (default: the scenario's run.seed)")->type_name("N");
  cmd->add_option("--scale", args->scale,
                  "Multiply every population count, inflow and number of places by this factor,\n"
                  "e.g. 0.1 for a fast preview (default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  cmd->add_option("--set", args->overrides,
                  "Override one scenario value, e.g. --set offers.internship.places=800 (repeatable)")
      ->type_name("KEY=VALUE");
  cmd->add_flag("-q,--quiet", args->quiet, "Print only the line naming the result file, no summary table");
  return {cmd, [args](const std::string& command_line) { return run_command(*args, command_line); }};
}

}  // namespace labsim::app
