// The subcommands of the labsim executable, each registered the same way.
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace labsim::app {

// A subcommand with its options bound to arguments the command keeps to itself. `run` is called, with the
// whole command line (for provenance), when it was the subcommand given; it returns the exit code.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const std::string& command_line)> run;
};

// Each adds its subcommand, with its options and help, to `app`.
Command register_run(CLI::App& app);
Command register_validate(CLI::App& app);
Command register_trial(CLI::App& app);
Command register_compare(CLI::App& app);
Command register_forecast(CLI::App& app);
Command register_calibrate(CLI::App& app);
Command register_report(CLI::App& app);
Command register_export(CLI::App& app);
Command register_graph(CLI::App& app);

}  // namespace labsim::app
