// Result-file paths and timestamps for the commands.
#include "sim/app/output_file.hpp"

#include <fmt/format.h>

#include <ctime>

#include "labsim/version.hpp"
#include "sim/input_error.hpp"

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

std::filesystem::path checked_output_path(const std::string& input, const std::string& output) {
  namespace fs = std::filesystem;
  const fs::path out = output.empty() ? fs::path(fs::path(input).stem().string() + ".h5") : fs::path(output);
  const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::is_directory(folder)) {
    throw sim::InputError(fmt::format("-o {}: folder '{}' does not exist", out.string(), folder.string()));
  }
  if (fs::is_directory(out))
    throw sim::InputError(fmt::format("-o {}: is a folder, not a file", out.string()));
  return out;
}

}  // namespace labsim::app
