// Reads a scenario: TOML (following `extends`), --set overrides and the jobcentre CSV, all validated.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// Reads `path` (following `extends`), applies `overrides` ("key.path=value" strings from --set), validates
// everything, including the state graph, and returns the typed scenario. Throws sim::InputError with one line
// naming file, line and key, e.g. "scenarios/x.toml:42: offers.internship.duration_weeks = -3 must be > 0".
Scenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});

// A scenario's input files held in memory, to compile it many times with different --set overrides (as a
// calibration does) without reading the disk again: the file, the files it extends and the jobcentre table.
class ScenarioDocument {
 public:
  // Reads the files load_scenario(path, overrides) reads, and checks the scenario as it does (throwing the
  // same sim::InputError).
  static ScenarioDocument read(const std::filesystem::path& path,
                               const std::vector<std::string>& overrides = {});

  // The scenario file as given.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  // The scenario as load_scenario(path(), overrides) reads it from the files as they were when read: the
  // same values and the same error messages. Only a file the document does not hold (a jobcentre table
  // named in `overrides`) is read from disk.
  [[nodiscard]] Scenario compile(const std::vector<std::string>& overrides = {}) const;

  // The text of an input file by its path as the loader names it: the copy held, else read from disk.
  [[nodiscard]] std::string text(const std::string& file) const;

 private:
  ScenarioDocument() = default;

  std::filesystem::path path_;
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace labsim::models
