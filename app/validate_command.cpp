// `labsim validate`: load and check a scenario, and say what it contains.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "app/commands.hpp"
#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "results/text/numbers.hpp"

namespace labsim::app {

namespace {

struct ValidateArguments {
  std::string scenario;
  std::vector<std::string> overrides;
};

int validate_command(const ValidateArguments& args) {
  const std::string& scenario_path = args.scenario;
  const models::Scenario sc = models::load_scenario(scenario_path, args.overrides);
  double persons = 0, inflow = 0;
  for (const auto& j : sc.jobcentres) {
    for (const auto& [state, n] : j.initial_persons) persons += n;
    for (const auto& [state, n] : j.inflow_per_month) inflow += n;
  }
  fmt::print("{}: valid\n", scenario_path);
  fmt::print("  {} benefit states, {} transitions, {} activation offers, {} jobcentres\n", sc.states.size(),
             sc.transitions.size(), sc.offers.size(), sc.jobcentres.size());
  fmt::print("  {} persons at the start, {} new spells per month\n", results::with_thousands(persons),
             results::with_thousands(inflow));
  fmt::print("  {} months from {:04d}-{:02d}-01, {} replications, seed {}\n", sc.run.months,
             static_cast<int>(sc.run.start.year()), static_cast<unsigned>(sc.run.start.month()),
             sc.run.replications, sc.run.seed);
  if (sc.trial) {
    std::string arms;
    for (const auto& a : sc.trial->arms) arms += (arms.empty() ? "" : ", ") + a.name;
    fmt::print("  a trial of new {} spells over {} months, arms {}; run it with `labsim trial`\n",
               sc.trial->state, sc.trial->enrolment_months, arms);
  }
  return 0;
}

}  // namespace

Command register_validate(CLI::App& app) {
  auto args = std::make_shared<ValidateArguments>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML)")->required()->type_name("FILE");
  cmd->add_option("--set", args->overrides, "Override one scenario value (repeatable)")
      ->type_name("KEY=VALUE");
  return {cmd, [args](const std::string&) { return validate_command(*args); }};
}

}  // namespace labsim::app
