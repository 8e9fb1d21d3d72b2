// Reads one numeric value out of a scenario by its dotted key, as `--set` and `labsim calibrate --fit` name
// it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"

namespace labsim::models {

// The number at `key` (e.g. `states.sick_leave.follow_up.offer_probability`, quoted parts allowed as in
// --set) in the scenario at `path` after `extends` and `overrides`; nullopt when the key is not written there
// (its default applies). Throws sim::InputError "<context>: ..." when the key is malformed, runs through a
// value that is not a table, or holds something other than a number.
std::optional<double> scenario_number(const std::filesystem::path& path,
                                      const std::vector<std::string>& overrides, const std::string& key,
                                      const std::string& context);
// The same, in a scenario document held in memory.
std::optional<double> scenario_number(const ScenarioDocument& document,
                                      const std::vector<std::string>& overrides, const std::string& key,
                                      const std::string& context);

// The parts of a dotted key: `a."Læsø".b` -> {"a", "Læsø", "b"}; throws sim::InputError "<context>: ..." if
// it is not one.
std::vector<std::string> key_parts(const std::string& key, const std::string& context);

}  // namespace labsim::models
