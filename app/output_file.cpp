// Result-file paths and timestamps for the commands.
#include "app/output_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <iostream>
#include <thread>

#include "labsim/version.hpp"
#include "results/file/atomic_output.hpp"
#include "results/file/h5_reader.hpp"
#include "sim/input_error.hpp"
#include "sim/progress.hpp"

namespace labsim::app {

namespace {

std::string utc_now_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

results::Provenance provenance_of(const models::Scenario& scenario, const std::string& command_line,
                                  double scale) {
  results::Provenance provenance;
  provenance.scenario_path = scenario.path;
  provenance.scenario_text = scenario.resolved_text;
  provenance.labsim_version = kVersion;
  provenance.git_commit = kGitCommit;
  provenance.command_line = command_line;
  provenance.seed = scenario.run.seed;
  provenance.replications = scenario.run.replications;
  provenance.scale = scale;
  provenance.created_utc = utc_now_iso();
  return provenance;
}

namespace fs = std::filesystem;

fs::path checked_path(const std::string& option, const fs::path& file) {
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!fs::is_directory(folder)) {
    throw sim::InputError(
        fmt::format("{} {}: folder '{}' does not exist", option, file.string(), folder.string()));
  }
  if (fs::is_directory(file))
    throw sim::InputError(fmt::format("{} {}: is a folder, not a file", option, file.string()));
  return file;
}

fs::path checked_output_path(const std::string& input, const std::string& output) {
  return checked_path("-o",
                      output.empty() ? fs::path(fs::path(input).stem().string() + ".h5") : fs::path(output));
}

void write_text_file(const std::string& option, const fs::path& path, const std::string& text) {
  try {
    results::write_file_atomically(path, text);
  } catch (const std::exception&) {
    throw sim::InputError(fmt::format("{} {}: cannot write the file", option, path.string()));
  }
}

results::TextFormat text_format(const std::string& format) {
  if (format == "md") return results::TextFormat::md;
  if (format == "csv") return results::TextFormat::csv;
  return results::TextFormat::table;
}

std::string rendered(const std::vector<results::TextTable>& tables, results::TextFormat format) {
  std::string text = results::render(tables, format);
  if (!text.ends_with('\n')) text += '\n';
  return text;
}

results::RunOutput read_input_result(const std::string& file) {
  try {
    return results::read_result_file(file);
  } catch (const std::runtime_error& e) {
    throw sim::InputError(e.what());
  }
}

void write_text_output(const std::string& option, const std::optional<std::filesystem::path>& path,
                       const std::string& text) {
  if (path) {
    write_text_file(option, *path, text);
  } else {
    std::cout << text << std::flush;
  }
}

int worker_threads(std::optional<int> threads) {
  return threads.value_or(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

models::RunOptions run_options(const models::Scenario& scenario, int replications, std::optional<int> threads,
                               bool quiet) {
  models::RunOptions options;
  options.replications = replications;
  options.seed = scenario.run.seed;
  options.threads = worker_threads(threads);
  options.show_progress = !quiet && sim::Progress::stderr_is_terminal();
  return options;
}

}  // namespace labsim::app
