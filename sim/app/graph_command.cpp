// `labsim graph`: write a scenario's state graph as Graphviz DOT.
#include <CLI/CLI.hpp>

#include "sim/app/commands.hpp"

namespace labsim::app {

Subcommand add_graph_command(CLI::App& app) {
  Subcommand command;
  command.app = app.add_subcommand("graph", "Write a scenario's state graph as Graphviz DOT");
  command.run = [](const std::string&) { return 1; };
  return command;
}

}  // namespace labsim::app
