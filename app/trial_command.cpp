// `labsim trial`: emulate a randomized trial defined in a scenario's [trial] table, or find how many
// participants it needs (--power).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "models/scenario/trial_outcomes.hpp"
#include "results/file/h5_writer.hpp"
#include "results/text/text_table.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/text/trial_format.hpp"
#include "results/file/trial_output.hpp"
#include "results/stats/trial_power.hpp"
#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

std::string design(const models::Scenario& sc) {
  const models::TrialSpec& t = *sc.trial;
  std::string where = "all jobcentres";
  if (!t.jobcentres.empty()) {
    where.clear();
    for (const auto& j : t.jobcentres) where += (where.empty() ? "" : ", ") + j;
  }
  std::string ratio;
  for (const auto& a : t.arms) ratio += (ratio.empty() ? "" : ":") + fmt::format("{}", a.ratio);
  return fmt::format(
      "new {} spells in {}, {} months from {:04d}-{:02d}{}; {} randomization {}; followed {} weeks", t.state,
      where, t.enrolment_months, static_cast<int>(t.enrolment_start.year()),
      static_cast<unsigned>(t.enrolment_start.month()),
      t.enrolment_share < 1 ? fmt::format(" ({:.0f}% drawn)", 100 * t.enrolment_share) : "",
      t.randomization == models::Randomization::cluster ? "cluster (jobcentre)" : "individual", ratio,
      t.horizon_weeks);
}

void print(const std::vector<results::TextTable>& tables, const nlohmann::json& json,
           const std::string& format) {
  if (format == "json") {
    fmt::print("{}\n", json.dump(2));
    return;
  }
  const auto f = format == "md"    ? results::TextFormat::md
                 : format == "csv" ? results::TextFormat::csv
                                   : results::TextFormat::table;
  const std::string text = results::render(tables, f);
  fmt::print("{}{}", text, text.ends_with('\n') ? "" : "\n");
}

int power(models::Scenario sc, const TrialArguments& args) {
  models::TrialSpec& trial = *sc.trial;
  if (trial.randomization == models::Randomization::cluster) {
    throw sim::InputError(fmt::format(
        "{}: --power works with individual randomization; with randomization = \"cluster\" the number of "
        "jobcentres, not of persons, sets the power",
        sc.path));
  }
  std::vector<std::string> names;
  for (const auto& o : models::trial_outcomes(trial, sc.offers)) names.push_back(o.name);
  names.push_back("hazard_ratio");
  const std::string outcome = args.outcome.empty() ? trial.primary_outcome : args.outcome;
  const auto found = std::find(names.begin(), names.end(), outcome);
  if (found == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw sim::InputError(
        fmt::format("--outcome {}: not an outcome of this trial (one of {})", outcome, list));
  }
  // The control arm against a copy of it whose job finding carries the planted effect, every eligible spell
  // enrolled: a pool of participants to draw trials of any size from.
  const double treated_share = trial.arms[1].ratio / (trial.arms[0].ratio + trial.arms[1].ratio);
  models::TrialArm effect = trial.arms[0];
  effect.name = "effect";
  effect.job_finding_multiplier *= args.effect;
  trial.arms = {trial.arms[0], effect};
  trial.arms[0].ratio = 1 - treated_share;
  trial.arms[1].ratio = treated_share;
  trial.enrolment_share = 1;
  const models::Model model(sc, args.scale);

  results::PowerOptions options;
  options.outcome = static_cast<std::size_t>(found - names.begin());
  options.resamples = args.resamples;
  options.target_power = args.target_power;
  options.seed = sc.run.seed;
  options.threads = run_options(sc, 1, args.threads, /*quiet=*/false).threads;

  int replications = sc.run.replications;
  results::PowerResult result;
  results::TrialData data;
  for (;;) {
    const models::TrialRun run =
        models::simulate_trial(model, run_options(sc, replications, args.threads, /*quiet=*/false));
    data = results::trial_data(model, run.records);
    result = results::find_sample_size(data, data.primary_analysis, treated_share, options);
    // Drawing many more participants than the pool holds would only repeat the pool's own noise.
    const std::size_t pool = result.pool_control + result.pool_treated;
    if (result.required == 0 || pool >= 4 * result.required || replications >= 10000) break;
    const double per_replication = static_cast<double>(pool) / replications;
    replications = static_cast<int>(std::ceil(4.0 * static_cast<double>(result.required) / per_replication));
    if (!args.quiet) fmt::print(stderr, "labsim: enlarging the pool to {} replications\n", replications);
  }
  results::PowerFacts facts;
  facts.effect = args.effect;
  facts.outcome = outcome;
  facts.outcome_description = options.outcome < data.outcomes.size()
                                  ? data.outcomes[options.outcome].description
                                  : "hazard ratio of becoming self-sufficient";
  facts.share = options.outcome < data.outcomes.size() ? data.outcomes[options.outcome].share : false;
  facts.target_power = options.target_power;
  facts.alpha = options.alpha;
  facts.resamples = options.resamples;
  facts.treated_share = treated_share;
  const results::TrialFacts trial_facts{sc.name, design(sc), sc.run.seed, args.scale};
  print(results::power_tables(result, facts, trial_facts), results::power_json(result, facts, trial_facts),
        args.format);
  return 0;
}

}  // namespace

CLI::App* add_trial_command(CLI::App& app, TrialArguments& args) {
  CLI::App* cmd = app.add_subcommand(
      "trial",
      "Emulate a randomized trial defined in a scenario's [trial] table: intention-to-treat differences\n"
      "per outcome with 95% intervals, hazard ratios and Kaplan-Meier curves, with and without the\n"
      "exempted and per protocol; or, with --power, the number of participants a trial needs");
  cmd->add_option("scenario", args.scenario,
                  "Trial file (TOML), e.g. scenarios/trials/sick_leave_intensive.toml")
      ->required()
      ->type_name("FILE");
  cmd->add_option("-o,--output", args.output,
                  "Result file with the estimates and curves (default: the file's name with .h5)")
      ->type_name("FILE");
  cmd->add_option("-r,--replications", args.replications,
                  "Repetitions of the trial, pooled into the estimates (default: run.replications)")
      ->check(CLI::Range(1, 100000))
      ->type_name("N");
  cmd->add_option("-j,--threads", args.threads,
                  "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  cmd->add_option("--seed", args.seed, "Random seed (default: the scenario's run.seed)")->type_name("N");
  cmd->add_option("--scale", args.scale,
                  "Multiply every population count and inflow by this factor (default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  cmd->add_option("--set", args.overrides, "Override one scenario value, e.g. --set trial.enrolment_share=1")
      ->type_name("KEY=VALUE");
  cmd->add_option("--format", args.format, "Output: table (default), md, csv or json")
      ->check(CLI::IsMember({"table", "md", "csv", "json"}))
      ->type_name("FORMAT");
  cmd->add_flag("--power", args.power,
                "Find the participants needed to detect --effect with --target-power (80%) at the 5% level");
  cmd->add_option("--effect", args.effect,
                  "With --power: the effect to detect, as a hazard ratio on job finding from the trial's\n"
                  "state (e.g. 1.15 = 15% faster return to work)")
      ->check(CLI::PositiveNumber)
      ->type_name("HR");
  cmd->add_option("--outcome", args.outcome,
                  "With --power: the outcome tested (default: the trial's primary outcome; hazard_ratio\n"
                  "tests time to self-sufficiency)")
      ->type_name("NAME");
  cmd->add_option("--resamples", args.resamples, "With --power: trials drawn per size tried (default: 1000)")
      ->check(CLI::Range(100, 1000000))
      ->type_name("N");
  cmd->add_option("--target-power", args.target_power, "With --power: the power wanted (default: 0.8)")
      ->check(CLI::Range(0.5, 0.99))
      ->type_name("P");
  cmd->add_flag("-q,--quiet", args.quiet, "No line naming the result file");
  return cmd;
}

int trial_command(const TrialArguments& args) {
  std::vector<std::string> overrides = args.overrides;
  if (args.replications) overrides.push_back(fmt::format("run.replications={}", *args.replications));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  models::Scenario sc = models::load_scenario(args.scenario, overrides);
  if (!sc.trial) {
    throw sim::InputError(
        fmt::format("{}: has no [trial] table; see scenarios/trials/ for examples", sc.path));
  }
  if (args.power) {
    if (args.effect == 1.0) throw sim::InputError("--power needs --effect HR (a hazard ratio other than 1)");
    return power(std::move(sc), args);
  }
  const std::filesystem::path output = checked_output_path(args.scenario, args.output);
  const models::Model model(sc, args.scale);
  const models::TrialRun run =
      models::simulate_trial(model, run_options(sc, sc.run.replications, args.threads, /*quiet=*/false));
  const results::TrialData data = results::trial_data(model, run.records);
  const results::TrialEstimates estimates = results::estimate_trial(data, run.replications);

  results::RunOutput out =
      results::make_trial_output(data, estimates, provenance_of(sc, args.command_line, args.scale));
  out.extra_attributes["title"] = sc.name;
  out.extra_attributes["design"] = design(sc);
  results::write_result_file(out, output);

  const results::TrialFacts facts{sc.name, design(sc), sc.run.seed, args.scale};
  print(results::trial_tables(data, estimates, facts), results::trial_json(data, estimates, facts),
        args.format);
  if (!args.quiet && args.format != "json") fmt::print(stderr, "Results: {}\n", output.string());
  return 0;
}

}  // namespace labsim::app
