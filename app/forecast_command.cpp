// `labsim forecast`: simulate the months ahead and set each jobcentre's and the region's forecast of the
// national targets, with bands and the chance of meeting the plan, against the employment plans.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <optional>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/model.hpp"
#include "models/scenario/plan_targets.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/file/forecast_output.hpp"
#include "results/file/h5_writer.hpp"
#include "results/file/run_output.hpp"
#include "results/stats/forecast.hpp"
#include "results/text/forecast_format.hpp"
#include "sim/calendar.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

// Enough for the 95% band to be the 2nd smallest to the 2nd largest of 100 levels (coverage 96%).
constexpr int kDefaultReplications = 100;

struct ForecastArguments {
  std::string scenario;
  std::string targets;
  std::string region;
  std::string output;  // empty: no result file
  int replications = kDefaultReplications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  double scale = 1.0;
  std::vector<std::string> overrides;
  std::string format = "table";
  std::string target_month;  // YYYY-MM; empty: December of the plan year
  std::string permanent_support = "stock";
  bool fast = false;
  bool quiet = false;
};

using std::chrono::year_month;

year_month parse_target_month(const std::string& text) {
  const auto month = sim::parse_year_month(text);
  if (!month) throw sim::InputError(fmt::format("--target-month {}: expected YYYY-MM, e.g. 2011-12", text));
  return *month;
}

std::string label(year_month ym) {
  return fmt::format("{:04d}-{:02d}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

// The month's index in the run, or an error saying which months the run covers.
std::size_t month_in_run(const models::Scenario& sc, year_month target,
                         models::PermanentSupportMeasure measure) {
  const year_month first = sc.run.start.year() / sc.run.start.month();
  const year_month last = first + std::chrono::months{sc.run.months - 1};
  const int index = (target - first).count();
  if (index < 0 || index >= sc.run.months) {
    throw sim::InputError(fmt::format(
        "{}: the target month {} is outside the run ({} to {}); pass --target-month or --set run.months=N",
        sc.path, label(target), label(first), label(last)));
  }
  if (measure == models::PermanentSupportMeasure::inflow && index < 11) {
    throw sim::InputError(fmt::format(
        "{}: an inflow target counts the 12 months ending {}, but the run starts {}; start the run a year "
        "before the target month",
        sc.path, label(target), label(first)));
  }
  return static_cast<std::size_t>(index);
}

void print(const results::Forecast& forecast, const results::ForecastFacts& facts,
           const std::string& format) {
  if (format == "json") {
    fmt::print("{}\n", results::forecast_json(forecast, facts).dump(2));
    return;
  }
  const results::TextFormat f = text_format(format);
  fmt::print("{}", rendered({results::forecast_table(forecast, facts, f)}, f));
}

int forecast_command(const ForecastArguments& args, const std::string& command_line) {
  std::vector<std::string> overrides = args.overrides;
  if (!args.fast) overrides.push_back(fmt::format("run.replications={}", args.replications));
  if (args.seed) overrides.push_back(fmt::format("run.seed={}", *args.seed));
  const models::Scenario sc = models::load_scenario(args.scenario, overrides);
  const auto measure = args.permanent_support == "inflow" ? models::PermanentSupportMeasure::inflow
                                                          : models::PermanentSupportMeasure::stock;

  // Every input is read and checked, and the result file's folder too, before any simulation.
  const models::PlanTargets targets = models::read_plan_targets(args.targets);
  const year_month target = args.target_month.empty()
                                ? std::chrono::year{targets.plan_year} / std::chrono::December
                                : parse_target_month(args.target_month);
  const std::size_t month = month_in_run(sc, target, measure);
  std::optional<models::CouncilTargets> council;
  if (!args.region.empty()) council = models::read_council_targets(args.region, targets.plan_year, measure);
  std::optional<std::filesystem::path> output;
  if (!args.output.empty()) output = checked_output_path(args.scenario, args.output);

  const models::Model model(sc, args.scale);
  std::vector<std::string> areas;
  for (std::size_t j = 0; j < model.jobcentres(); ++j) areas.push_back(model.jobcentre(j).name);
  const models::AreaTargets by_area = models::targets_by_area(targets, areas);
  areas.push_back("region");
  const results::ForecastTarget what{month, measure};

  results::Forecast forecast;
  std::optional<results::LabelledArray> levels;
  std::optional<models::RunResult> run;
  if (args.fast) {
    // The twin's expected course is approximate where it does not follow the model: say so once.
    if (!args.quiet) {
      for (const std::string& line : models::twin_approximations(model))
        fmt::print(stderr, "labsim: --fast is approximate here: {}\n", line);
    }
    const models::TwinResult twin = models::run_twin(model);
    forecast =
        results::twin_forecast(areas, results::expected_levels(model, twin, what), by_area, council, measure);
  } else {
    run = models::simulate(model, run_options(sc, sc.run.replications, args.threads, args.quiet));
    levels = results::simulated_levels(model, *run, what);
    forecast = results::simulated_forecast(areas, *levels, run->replications, by_area, council, measure);
  }

  const results::ForecastFacts facts{sc.name,
                                     label(target),
                                     targets.plan_year,
                                     targets.observed_year,
                                     sc.run.seed,
                                     args.scale,
                                     sc.business_cycle.volatility_per_month};
  if (output) {
    results::RunOutput out;
    const results::Provenance provenance = provenance_of(sc, command_line, args.scale);
    if (run) {
      out = results::make_run_output(model, *run, provenance);
    } else {
      out.provenance = provenance;
      out.extra_attributes["title"] = sc.name;
    }
    results::add_forecast(out, forecast, levels, label(target));
    out.extra_attributes["forecast_targets_csv"] = args.targets;
    if (council) out.extra_attributes["forecast_region_csv"] = args.region;
    results::write_result_file(out, *output);
  }
  print(forecast, facts, args.format);
  if (output && !args.quiet && args.format != "json") fmt::print(stderr, "Results: {}\n", output->string());
  return 0;
}

}  // namespace

Command register_forecast(CLI::App& app) {
  auto args = std::make_shared<ForecastArguments>();
  CLI::App* cmd = app.add_subcommand(
      "forecast",
      "Forecast the four national targets at a target month for each jobcentre and the region, with 80% and\n"
      "95% bands and the chance of meeting each jobcentre's employment plan");
  cmd->footer(
      "How to read the output (all levels in full-time persons):\n"
      "  forecast   the median level over the replications: as likely to end above as below.\n"
      "  80% band   a range the level falls in with 80% probability, if the scenario is right; 95% "
      "likewise.\n"
      "             Without business_cycle.volatility_per_month > 0 in the scenario the bands cover only\n"
      "             chance in who moves when, not an economy that turns out better or worse than assumed.\n"
      "  p(meet)    the chance the level ends at or below the plan; all four targets are 'lower is better'.\n"
      "             likely met: >= 80%; likely missed: <= 20%; uncertain: in between.\n"
      "  region     the sum of the jobcentres in each replication, against the sum of their plans; with\n"
      "             --region also a row against the council's own target.\n"
      "Targets file: a column jobcentre and columns target_N_plan_YYYY (and target_N_observed_YYYY) for\n"
      "N = 1 labour reserve, 2 permanent support, 3 under 30 on support, 4 non-Western on support.\n"
      "\n"
      "Examples:\n"
      "  labsim forecast scenarios/baseline_2011.toml --targets scenarios/data/nordjylland_targets_2011.csv "
      "\\\n"
      "      --region scenarios/data/nordjylland_region_2011.csv\n"
      "  labsim forecast scenarios/baseline_2011.toml --targets scenarios/data/nordjylland_targets_2011.csv "
      "\\\n"
      "      --set business_cycle.volatility_per_month=0.02 --format md -o forecast_2011.h5\n"
      "  labsim forecast scenarios/baseline_2011.toml --targets scenarios/data/nordjylland_targets_2011.csv "
      "\\\n"
      "      --scale 0.1 -r 20      (a quick preview: levels scale with --scale)\n"
      "  labsim forecast scenarios/baseline_2011.toml --targets scenarios/data/nordjylland_targets_2011.csv "
      "--fast");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML) starting at or before the target month")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--targets", args->targets,
                  "Jobcentre plans (CSV), e.g. scenarios/data/nordjylland_targets_2011.csv")
      ->required()
      ->type_name("CSV");
  cmd->add_option(
         "--region", args->region,
         "The regional council's targets (CSV with indicator and council_target_YYYY columns), e.g.\n"
         "scenarios/data/nordjylland_region_2011.csv: adds rows for the region against them")
      ->type_name("CSV");
  cmd->add_option("--target-month", args->target_month,
                  "The month forecast (default: December of the plan year in the targets' column names)")
      ->type_name("YYYY-MM");
  cmd->add_option("--permanent-support", args->permanent_support,
                  "Target 2 as the stock in the month (default) or the inflow over the 12 months ending it")
      ->check(CLI::IsMember({"stock", "inflow"}))
      ->type_name("MEASURE");
  CLI::Option* replications =
      cmd->add_option(
             "-r,--replications", args->replications,
             fmt::format("Replications the bands are taken from (default: {}; the scenario's\n"
                         "run.replications is not used); baseline_2011 takes about 0.1 s each on 2 cores",
                         kDefaultReplications))
          ->check(CLI::Range(1, 100000))
          ->type_name("N");
  cmd->add_option("-j,--threads", args->threads,
                  "Worker threads (default: all cores); results do not depend on it")
      ->check(CLI::Range(1, 1024))
      ->type_name("N");
  CLI::Option* seed =
      cmd->add_option("--seed", args->seed, "Random seed (default: the scenario's run.seed)")->type_name("N");
  cmd->add_option(
         "--scale", args->scale,
         "Multiply every population count and inflow by this factor, for a quick preview (default: 1)")
      ->check(CLI::PositiveNumber)
      ->type_name("F");
  cmd->add_option("--set", args->overrides,
                  "Override one scenario value, e.g. --set business_cycle.volatility_per_month=0.02")
      ->type_name("KEY=VALUE");
  cmd->add_option("--format", args->format, "Output: table (default), md, csv or json")
      ->check(CLI::IsMember({"table", "md", "csv", "json"}))
      ->type_name("FORMAT");
  cmd->add_option("-o,--output", args->output,
                  "Also write a result file (HDF5): the run's datasets as `labsim run` writes them, plus\n"
                  "forecast_level, forecast, forecast_p_meet (and council_target) over area and indicator")
      ->type_name("FILE");
  cmd->add_flag("--fast", args->fast,
                "Instant forecast from the Markov twin: the expected level, with bands and p(meet) from a\n"
                "normal approximation with Poisson variance (narrower: no economic uncertainty)")
      ->excludes(replications)
      ->excludes(seed);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line and no line naming the result file");

  return {cmd, [args](const std::string& command_line) { return forecast_command(*args, command_line); }};
}

}  // namespace labsim::app
