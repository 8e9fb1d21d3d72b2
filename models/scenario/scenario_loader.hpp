// Reads a scenario: TOML (following `extends`), --set overrides and the jobcentre CSV, all validated.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// Reads `path` (following `extends`), applies `overrides` ("key.path=value" strings from --set), validates
// everything, including the state graph, and returns the typed scenario. Throws sim::InputError with one line
// naming file, line and key, e.g. "scenarios/x.toml:42: offers.internship.duration_weeks = -3 must be > 0".
Scenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});

}  // namespace labsim::models
