// Writes the result of a calibration as a scenario that extends the original and sets only what was fitted.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "results/text/calibration_report.hpp"

namespace labsim::results {

struct CalibratedScenario {
  std::filesystem::path original;          // the scenario that was calibrated, as given
  std::string name;                        // of the new scenario
  std::vector<std::string> header;         // comment lines (without "# ")
  std::vector<std::string> set_overrides;  // --set KEY=VALUE given to the calibration, which it assumed
  std::vector<std::pair<std::string, double>> fitted;  // key, value
};

// What a calibration writes for `report`: named "<name>, calibrated", a header saying how it was made (the
// `command_line`) and what it was fitted to, the `set_overrides` the fit assumed and the fitted values.
CalibratedScenario calibrated_scenario(const CalibrationReport& report, const std::string& command_line,
                                       const std::vector<std::string>& set_overrides);

// The TOML text of the calibrated scenario when written to `output`: `extends` is the original's path
// relative to `output`'s folder, and each fitted value is written so that it reads back exactly.
std::string calibrated_scenario_text(const CalibratedScenario& scenario, const std::filesystem::path& output);

// A value from --set as it would appear after "key = " in a file: TOML values as written, other text quoted,
// as the loader reads an override.
std::string toml_value_text(const std::string& value);

}  // namespace labsim::results
