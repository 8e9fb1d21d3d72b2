// `labsim export`: write one dataset of a result file as a tidy CSV table.
#include <CLI/CLI.hpp>

#include "sim/app/commands.hpp"

namespace labsim::app {

Subcommand add_export_command(CLI::App& app) {
  Subcommand command;
  command.app = app.add_subcommand("export", "Write one dataset of a result file as a tidy CSV table");
  command.run = [](const std::string&) { return 1; };
  return command;
}

}  // namespace labsim::app
