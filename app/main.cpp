// The labsim command line: parses arguments, dispatches to a subcommand, turns bad input into exit code 2.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "labsim/version.hpp"
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

  using namespace labsim::app;
  // In the order `labsim --help` lists them.
  const std::vector<Command> commands = {
      register_run(app),     register_validate(app), register_trial(app),
      register_compare(app), register_forecast(app), register_calibrate(app),
      register_report(app),  register_export(app),   register_graph(app),
  };

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
    for (const Command& command : commands) {
      if (command.app->parsed()) return command.run(joined(argc, argv));
    }
    return kExitBadInput;  // unreachable: a subcommand is required
  } catch (const labsim::sim::InputError& e) {
    std::fprintf(stderr, "labsim: error: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "labsim: internal error: %s\n", e.what());
    return 1;
  }
}
