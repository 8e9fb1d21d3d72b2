// What the commands share: how they simulate, where a result file goes, how it is read, and when it was made.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "models/scenario/scenario.hpp"
#include "models/simulator/simulate.hpp"
#include "results/labelled_array.hpp"
#include "results/text/text_table.hpp"

namespace labsim::app {

// `file`, given with command-line `option` (e.g. "-o"); fails (InputError) before any work is done if its
// folder does not exist or it is a folder.
std::filesystem::path checked_path(const std::string& option, const std::filesystem::path& file);

// `output`, or the input file's stem with .h5 in the current folder, checked as by checked_path.
std::filesystem::path checked_output_path(const std::string& input, const std::string& output);

// Writes `text` through results::AtomicOutput, so that the file asked for is never half written; fails
// (InputError naming `option`) if it cannot.
void write_text_file(const std::string& option, const std::filesystem::path& path, const std::string& text);

// The text format a --format option names: table, md or csv (json is each command's own).
results::TextFormat text_format(const std::string& format);

// `tables` in `format`, ending with a newline.
std::string rendered(const std::vector<results::TextTable>& tables, results::TextFormat format);

// `text` to `path` as by write_text_file, or to standard output when there is no path (the user gave "-").
void write_text_output(const std::string& option, const std::optional<std::filesystem::path>& path,
                       const std::string& text);

// The worker threads asked for, or one per core.
int worker_threads(std::optional<int> threads);

// How a command simulates `scenario`: its seed, `replications`, the threads asked for (default: every core),
// and a progress line on stderr when that is a terminal and the user did not ask for quiet.
models::RunOptions run_options(const models::Scenario& scenario, int replications, std::optional<int> threads,
                               bool quiet);

// A result file given on the command line, read whole; a missing, unreadable or foreign file is bad input
// (InputError naming the file and what is wrong with it).
results::RunOutput read_input_result(const std::string& file);

// Where the results came from: the scenario as run, the seed and replications, this program's version and
// commit, the command line and the time.
results::Provenance provenance_of(const models::Scenario& scenario, const std::string& command_line,
                                  double scale);

}  // namespace labsim::app
