// `labsim report`: draws the charts of one or more result files into one self-contained HTML page.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "results/file/h5_reader.hpp"
#include "results/report/report.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

struct ReportArguments {
  std::vector<std::string> files;
  std::string output;
  bool quiet = false;
};

int report_command(const ReportArguments& args) {
  const std::filesystem::path output = checked_path("-o", args.output);
  if (output.extension() != ".html" && output.extension() != ".htm") {
    throw sim::InputError(fmt::format("-o {}: the report is an HTML page; name it with .html", args.output));
  }
  std::vector<results::NamedRun> files;
  for (const auto& file : args.files) {
    files.push_back({file, read_input_result(file)});
  }
  write_text_file("-o", output, results::render_report(files));
  if (!args.quiet) std::fprintf(stderr, "Report: %s\n", output.string().c_str());
  return 0;
}

}  // namespace

Command register_report(CLI::App& app) {
  auto args = std::make_shared<ReportArguments>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Draw the charts of one or more result files into one HTML page to share (no network needed)");
  cmd->add_option(
         "files", args->files,
         "Result files of labsim run, forecast -o or trial -o; with two or more runs, the first is the\n"
         "reference the others are compared against")
      ->required()
      ->type_name("FILE.h5");
  cmd->add_option("-o,--output", args->output, "The HTML page to write, e.g. report.html")
      ->required()
      ->type_name("FILE.html");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print the line naming the report");
  cmd->footer(
      "The page shows, by what each file holds: stocks by benefit state with 95% bands; the four national\n"
      "targets per jobcentre; the state graph with monthly flows; for several runs, each target per "
      "scenario\n"
      "and the difference against the first; for a trial, Kaplan-Meier curves and the estimates; for a\n"
      "forecast, forecast against plan per jobcentre.\n"
      "Example: labsim report baseline.h5 more_internships.h5 -o report.html");
  return {cmd, [args](const std::string&) { return report_command(*args); }};
}

}  // namespace labsim::app
