// The [[cohorts]] array, groups that enter at one date and are followed.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Every [[cohorts]] entry in order (none when `node` is null). Dates fall within `run`; entry states are
// declared in `states` and not absorbing; a cohort's policy needs its table in every state with follow-up, or
// names one of `programmes` for a state the cohort enters. Jobcentre names are recorded for the check against
// the CSV.
std::vector<Cohort> cohorts(ScenarioChecks& checks, const toml::node* node, const RunSettings& run,
                            const std::vector<StateSpec>& states, const std::vector<Programme>& programmes);

}  // namespace labsim::models::detail
