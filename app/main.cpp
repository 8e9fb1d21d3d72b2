// The labsim command line: parses arguments, dispatches to a subcommand, turns bad input into exit code 2.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <thread>

#include "labsim/version.hpp"
#include "app/commands.hpp"
#include "sim/input_error.hpp"

namespace {

std::string joined(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + std::string(argv[i]);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using labsim::sim::kExitBadInput;
  CLI::App app{
      "labsim simulates how people move between unemployment benefit, cash benefit, sick leave, permanent\n"
      "support and work, month by month in each jobcentre, under the follow-up and activation policy "
      "written\n"
      "in a scenario file. Results go to an HDF5 file that Python, R and `labsim` itself can read.\n"};
  app.name("labsim");
  app.set_version_flag("--version",
                       fmt::format("labsim {} (commit {})", labsim::kVersion, labsim::kGitCommit));
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  labsim run scenarios/baseline.toml -o baseline.h5\n"
      "  labsim run scenarios/baseline.toml --scale 0.1 --replications 3   (a quick preview)\n"
      "  labsim run scenarios/baseline.toml --set offers.internship.places=1800 -o more_internships.h5\n"
      "  labsim validate my_scenario.toml\n"
      "  labsim trial scenarios/trials/sick_leave_intensive.toml --format md\n"
      "  labsim compare baseline.h5 more_internships.h5   (differences with 95% intervals)\n"
      "  labsim report baseline.h5 more_internships.h5 -o report.html   (charts to share)\n"
      "  labsim export baseline.h5 --dataset labour_reserve_mean --csv labour_reserve.csv\n"
      "Run `labsim COMMAND --help` for the options of one command.");

  labsim::app::RunArguments run_args;
  CLI::App* run = app.add_subcommand("run", "Simulate a scenario and write the results to an HDF5 file");
  run->add_option("scenario", run_args.scenario, "Scenario file (TOML), e.g. scenarios/baseline.toml")
      ->required()
      ->type_name("FILE");
  run->add_option("-o,--output", run_args.output,
                  "Result file to write (default: the scenario's name with .h5, in the current folder)")
      ->type_name("FILE");
  run->add_option("-r,--replications", run_args.replications,
                  "Number of independent replications (default: the scenario's run.replications)")
      ->check(CLI::Range(1, 100000))
      ->type_name("N");
  run->add_option("-j,--threads", run_args.threads,
                  fmt::format("Worker threads (default: all {} cores); results do not depend on it",
                              std::thread::hardware_concurrency()))
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  run->add_option("--seed", run_args.seed, "Random seed (default: the scenario's run.seed)")->type_name("N");
  run->add_option("--scale", run_args.scale,
                  "Multiply every population count, inflow and number of places by this factor,\n"
                  "e.g. 0.1 for a fast preview (default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  run->add_option("--set", run_args.overrides,
                  "Override one scenario value, e.g. --set offers.internship.places=800 (repeatable)")
      ->type_name("KEY=VALUE");
  run->add_flag("-q,--quiet", run_args.quiet, "Print only the line naming the result file, no summary table");

  std::string validate_path;
  std::vector<std::string> validate_overrides;
  CLI::App* validate = app.add_subcommand("validate", "Check a scenario file without running it");
  validate->add_option("scenario", validate_path, "Scenario file (TOML)")->required()->type_name("FILE");
  validate->add_option("--set", validate_overrides, "Override one scenario value (repeatable)")
      ->type_name("KEY=VALUE");

  labsim::app::TrialArguments trial_args;
  CLI::App* trial = labsim::app::add_trial_command(app, trial_args);
  labsim::app::CompareArguments compare_args;
  CLI::App* compare = labsim::app::add_compare_command(app, compare_args);
  const labsim::app::Subcommand forecast = labsim::app::add_forecast_command(app);
  const labsim::app::Subcommand calibrate = labsim::app::add_calibrate_command(app);
  const labsim::app::Subcommand report = labsim::app::add_report_command(app);
  const labsim::app::Subcommand export_ = labsim::app::add_export_command(app);
  const labsim::app::Subcommand graph = labsim::app::add_graph_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "labsim: error: %s\nRun `labsim --help` for usage.\n", e.what());
    return kExitBadInput;
  }

  try {
    if (run->parsed()) {
      run_args.command_line = joined(argc, argv);
      return labsim::app::run_command(run_args);
    }
    if (trial->parsed()) {
      trial_args.command_line = joined(argc, argv);
      return labsim::app::trial_command(trial_args);
    }
    if (compare->parsed()) return labsim::app::compare_command(compare_args);
    for (const auto& command : {forecast, calibrate, report, export_, graph}) {
      if (command.app->parsed()) return command.run(joined(argc, argv));
    }
    return labsim::app::validate_command(validate_path, validate_overrides);
  } catch (const labsim::sim::InputError& e) {
    std::fprintf(stderr, "labsim: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "labsim: internal error: %s\n", e.what());
    return 1;
  }
}
