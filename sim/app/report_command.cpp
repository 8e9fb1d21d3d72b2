// `labsim report`: draw the charts of one or more result files into a self-contained HTML page.
#include <CLI/CLI.hpp>

#include "sim/app/commands.hpp"

namespace labsim::app {

Subcommand add_report_command(CLI::App& app) {
  Subcommand command;
  command.app = app.add_subcommand("report", "Draw the charts of one or more result files into a self-contained HTML page");
  command.run = [](const std::string&) { return 1; };
  return command;
}

}  // namespace labsim::app
