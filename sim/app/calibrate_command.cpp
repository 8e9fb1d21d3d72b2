// `labsim calibrate`.
#include <CLI/CLI.hpp>

#include "sim/app/commands.hpp"

namespace labsim::app {

Subcommand add_calibrate_command(CLI::App& app) {
  Subcommand command;
  command.app = app.add_subcommand("calibrate", "(not written yet)");
  command.run = [](const std::string&) { return 1; };
  return command;
}

}  // namespace labsim::app
