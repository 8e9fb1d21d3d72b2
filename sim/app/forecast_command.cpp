// `labsim forecast`.
#include <CLI/CLI.hpp>

#include "sim/app/commands.hpp"

namespace labsim::app {

Subcommand add_forecast_command(CLI::App& app) {
  Subcommand command;
  command.app = app.add_subcommand("forecast", "(not written yet)");
  command.run = [](const std::string&) { return 1; };
  return command;
}

}  // namespace labsim::app
