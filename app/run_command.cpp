// `labsim run`: load and check the scenario, simulate, write the result file, print a summary.
#include <fmt/format.h>

#include <filesystem>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "results/file/h5_writer.hpp"
#include "results/file/run_output.hpp"
#include "results/text/run_summary.hpp"
#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

int run_command(const RunArguments& args) {
  std::vector<std::string> overrides = args.overrides;
  if (args.replications) overrides.push_back(fmt::format("run.replications={}", *args.replications));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  const models::Scenario scenario = models::load_scenario(args.scenario, overrides);
  const std::filesystem::path output = checked_output_path(args.scenario, args.output);

  const models::Model model(scenario, args.scale);
  const models::RunResult run =
      models::simulate(model, run_options(scenario, scenario.run.replications, args.threads, args.quiet));

  const results::RunOutput out =
      results::make_run_output(model, run, provenance_of(scenario, args.command_line, args.scale));
  results::write_result_file(out, output);

  if (!args.quiet) {
    results::RunFacts facts{scenario.name, model.jobcentres(), run.replications, args.scale,
                            run.events,    run.persons,        run.seconds};
    fmt::print("{}", results::format_run_summary(out, facts));
  }
  fmt::print("Results: {}\n", output.string());
  return 0;
}

}  // namespace labsim::app
