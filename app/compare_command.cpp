// `labsim compare`: the difference in every indicator between result files, with 95% intervals.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "results/file/h5_reader.hpp"
#include "results/stats/compare.hpp"
#include "results/text/compare_format.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

namespace fs = std::filesystem;

struct CompareArguments {
  std::vector<std::string> files;       // the first is the reference
  std::vector<std::string> indicators;  // --indicator; empty: all
  std::string period = "year";          // month, year or all
  std::vector<std::string> by;          // --by: dimensions kept as rows
  std::string format = "table";         // table, md, csv or json
  std::string output;                   // -o; empty: standard output
};

constexpr const char* kFooter =
    "What it computes:\n"
    "  Indicators: every dataset over replication and month (stock, flows, labour_reserve, cost, ...).\n"
    "  Periods: the value in a period is the mean of its monthly values (NaN months skipped), so units stay\n"
    "    those of the dataset: persons per month, full-time persons, DKK per month, percent.\n"
    "  Other dimensions are summed over (region totals), unless --by keeps them as rows. Percent and weeks\n"
    "    do not add up: their jobcentre and group dimensions are averaged over without weights (NaN "
    "skipped)\n"
    "    and their other dimensions (state, benefit_group, within, ...) are kept.\n"
    "  Per row: the mean over replications in the reference (the first file) and in the other file, the\n"
    "    difference (other - reference) with its 95% interval, and the relative difference in percent.\n"
    "  Intervals: files with the same seed, replications and scale share their random numbers (common\n"
    "    random numbers), so replication r of one is compared with replication r of the other: mean of the\n"
    "    paired differences +- t(0.975, R-1) sd/sqrt(R). Otherwise the runs are independent: Welch's t\n"
    "    interval. A file with a single replication gives no interval.\n"
    "  The files must have the same months. Other labels (states, offers, jobcentres, ...) are matched by\n"
    "    name: a label only one file has counts as 0 in the other where values add up, and is left out of\n"
    "    percent and weeks; the output lists what only one file has.\n"
    "Examples:\n"
    "  labsim compare out/baseline_2011.h5 out/caseworker_investment.h5 --indicator labour_reserve\n"
    "  labsim compare a.h5 b.h5 c.h5 --period all --by jobcentre --format csv -o differences.csv";

results::ComparePeriod period_of(const std::string& name) {
  if (name == "month") return results::ComparePeriod::month;
  if (name == "all") return results::ComparePeriod::all;
  return results::ComparePeriod::year;
}

results::NamedRun read(const std::string& file) {
  return {file, read_input_result(file)};
}

int compare_command(const CompareArguments& args) {
  std::optional<fs::path> output;  // none: standard output
  if (!args.output.empty()) output = checked_path("-o", args.output);
  const results::NamedRun reference = read(args.files.front());
  std::vector<results::NamedRun> others;
  for (std::size_t i = 1; i < args.files.size(); ++i) others.push_back(read(args.files[i]));

  const results::CompareOptions options{args.indicators, period_of(args.period), args.by};
  const results::CompareResult result = results::compare(reference, others, options);

  std::string text;
  if (args.format == "json") {
    text = results::compare_json(result).dump(2) + "\n";
  } else {
    const results::TextFormat format = text_format(args.format);
    text = results::render(results::compare_tables(result, format), format);
  }
  write_text_output("-o", output, text);
  return 0;
}

}  // namespace

Command register_compare(CLI::App& app) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Difference in every indicator of each later result file against the first, with 95% intervals");
  cmd->add_option("files", args->files,
                  "Result files; the first is the reference, each later one is compared with it")
      ->required()
      ->expected(2, CLI::detail::expected_max_vector_size)
      ->type_name("FILE");
  cmd->add_option("--indicator", args->indicators,
                  "Compare only this dataset, e.g. labour_reserve (repeatable; default: all)")
      ->type_name("NAME");
  cmd->add_option("--period", args->period,
                  "month, year (calendar years of the run) or all (the whole horizon); default: year")
      ->check(CLI::IsMember({"month", "year", "all"}))
      ->type_name("PERIOD");
  cmd->add_option(
         "--by", args->by,
         "Keep this dimension as rows instead of summing or averaging over it, e.g. jobcentre, state "
         "(repeatable)")
      ->type_name("DIM");
  cmd->add_option("--format", args->format, "table, md (markdown), csv or json; default: table")
      ->check(CLI::IsMember({"table", "md", "csv", "json"}))
      ->type_name("FORMAT");
  cmd->add_option("-o,--output", args->output, "Write to this file instead of the standard output")
      ->type_name("FILE");
  cmd->footer(kFooter);
  return {cmd, [args](const std::string&) { return compare_command(*args); }};
}

}  // namespace labsim::app
