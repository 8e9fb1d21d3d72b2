// The subcommands of the labsim executable; each returns the process exit code.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace labsim::app {

struct RunArguments {
  std::string scenario;
  std::string output;  // empty: <scenario stem>.h5 in the current directory
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  double scale = 1.0;
  std::vector<std::string> overrides;  // --set key=value
  bool quiet = false;
  std::string command_line;
};

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
  std::string command_line;
};

struct CompareArguments {
  std::vector<std::string> files;       // the first is the reference
  std::vector<std::string> indicators;  // --indicator; empty: all
  std::string period = "year";          // month, year or all
  std::vector<std::string> by;          // --by: dimensions kept as rows
  std::string format = "table";         // table, md, csv or json
  std::string output;                   // -o; empty: standard output
};

int run_command(const RunArguments& args);
CLI::App* add_trial_command(CLI::App& app, TrialArguments& args);
int trial_command(const TrialArguments& args);
CLI::App* add_compare_command(CLI::App& app, CompareArguments& args);
int compare_command(const CompareArguments& args);
// A subcommand that keeps its options to itself: `run` is called with the whole command line (for
// provenance) when the subcommand was the one given.
struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int(const std::string& command_line)> run;
};
Subcommand add_forecast_command(CLI::App& app);
Subcommand add_calibrate_command(CLI::App& app);
Subcommand add_report_command(CLI::App& app);
Subcommand add_export_command(CLI::App& app);
Subcommand add_graph_command(CLI::App& app);
int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);

}  // namespace labsim::app
