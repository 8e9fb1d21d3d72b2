// `labsim export`: write one dataset of a result file as a tidy CSV table.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/scenario/did_you_mean.hpp"
#include "results/file/h5_reader.hpp"
#include "results/text/tidy_export.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

const std::vector<std::string> kSummaries = {"_mean", "_low95", "_high95"};

struct ExportArguments {
  std::string file;
  std::string dataset;
  std::string csv = "-";  // "-": standard output
  bool list = false;
};

std::vector<std::string> dataset_names(const results::RunOutput& out) {
  std::vector<std::string> names;
  for (const auto& array : out.arrays) names.push_back(array.name);
  for (const auto& dimension : out.dimensions) names.push_back(dimension.name);
  return names;
}

// The file's datasets for one line of an error: each array with its summaries folded into a '*', then the
// dimensions.
std::string brief_names(const results::RunOutput& out) {
  const auto summarised = [&out](const std::string& name) {
    return std::all_of(kSummaries.begin(), kSummaries.end(),
                       [&](const std::string& suffix) { return out.has_array(name + suffix); });
  };
  std::vector<std::string> arrays, dimensions;
  bool any_summarised = false;
  for (const auto& array : out.arrays) {
    const std::string& name = array.name;
    const bool summary = std::any_of(kSummaries.begin(), kSummaries.end(), [&](const std::string& suffix) {
      return name.ends_with(suffix) && summarised(name.substr(0, name.size() - suffix.size()));
    });
    if (summary) continue;
    any_summarised = any_summarised || summarised(name);
    arrays.push_back(summarised(name) ? name + "*" : name);
  }
  for (const auto& dimension : out.dimensions) dimensions.push_back(dimension.name);
  return fmt::format("{}{}; dimensions: {}", fmt::join(arrays, ", "),
                     any_summarised ? " (* also as NAME_mean, NAME_low95 and NAME_high95)" : "",
                     fmt::join(dimensions, ", "));
}

// The array or dimension called `name` as CSV, or an error naming the file and the dataset meant.
std::string tidy_csv(const results::RunOutput& out, const std::string& file, const std::string& name) {
  std::ostringstream csv;
  for (const auto& array : out.arrays) {
    if (array.name != name) continue;
    results::write_tidy_csv(array, out.dimensions, csv);
    return std::move(csv).str();
  }
  for (const auto& dimension : out.dimensions) {
    if (dimension.name != name) continue;
    results::write_tidy_csv(dimension, csv);
    return std::move(csv).str();
  }
  const std::vector<std::string> names = dataset_names(out);
  if (name.empty()) {
    throw sim::InputError(
        fmt::format("{}: name the dataset to export with --dataset NAME: {}", file, brief_names(out)));
  }
  const std::string suggestion = models::detail::did_you_mean(name, names);
  throw sim::InputError(fmt::format("{}: no dataset \"{}\"{}", file, name,
                                    suggestion.empty() ? "; the file has " + brief_names(out) : suggestion));
}

int export_command(const ExportArguments& args) {
  // The output folder is checked before the file is read, so that nothing is written on bad input.
  std::optional<std::filesystem::path> output;
  try {
    if (args.csv != "-") output = checked_path("--csv", args.csv);
  } catch (const sim::InputError& e) {
    const std::string what =
        args.dataset.empty() ? "from " + args.file : fmt::format("\"{}\" of {}", args.dataset, args.file);
    throw sim::InputError(fmt::format("cannot export {}: {}", what, e.what()));
  }
  results::RunOutput out;
  try {
    out = results::read_result_file(args.file);
  } catch (const std::runtime_error& e) {
    // The reader names the file and what is wrong with it; to the user that is bad input.
    throw sim::InputError(args.list || args.dataset.empty()
                              ? std::string(e.what())
                              : fmt::format("cannot export \"{}\": {}", args.dataset, e.what()));
  }
  if (args.list) {
    std::cout << results::dataset_list(out);
    return 0;
  }
  const std::string csv = tidy_csv(out, args.file, args.dataset);
  write_text_output("--csv", output, csv);
  return 0;
}

}  // namespace

Command register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArguments>();
  CLI::App* cmd = app.add_subcommand("export", "Write one dataset of a result file as a tidy CSV table");
  cmd->footer(
      "The table has a column per dimension of the dataset (named after it, holding its labels, or\n"
      "its numbers for numeric dimensions such as duration_weeks), then a column named after the\n"
      "dataset with the value: one row per cell, the last dimension varying fastest. NaN (nobody to\n"
      "measure) is an empty field; numbers have as many digits as it takes to read them back exactly;\n"
      "labels holding a comma or a quote are quoted. A dimension (e.g. month) may be exported on its\n"
      "own, as one column.\n"
      "\n"
      "Examples:\n"
      "  labsim export out/baseline_2011.h5 --list\n"
      "  labsim export out/baseline_2011.h5 --dataset labour_reserve_mean --csv labour_reserve.csv\n"
      "  labsim export out/baseline_2011.h5 --dataset flows_mean | head");
  cmd->add_option("file", args->file, "Result file of labsim run, trial or forecast (HDF5)")
      ->required()
      ->type_name("FILE");
  CLI::Option* dataset =
      cmd->add_option("--dataset", args->dataset, "The dataset to write, e.g. stock_mean (see --list)")
          ->type_name("NAME");
  CLI::Option* csv =
      cmd->add_option("--csv", args->csv, "CSV file to write; - (the default) for standard output")
          ->type_name("FILE");
  cmd->add_flag("--list", args->list, "List the datasets of the file with their dimensions and units instead")
      ->excludes(dataset)
      ->excludes(csv);

  return {cmd, [args](const std::string&) { return export_command(*args); }};
}

}  // namespace labsim::app
