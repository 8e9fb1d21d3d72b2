// The [trial] table, a randomized trial run inside the scenario.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// The trial at `node`, checked against the declared states (the target needs follow-up when an arm changes
// it), offers and programmes; jobcentre names are recorded for the check against the CSV. The run is then
// made exactly long enough for the last person enrolled to be followed for the trial's horizon.
TrialSpec trial(ScenarioChecks& checks, const toml::node& node, const std::vector<StateSpec>& states,
                const std::vector<OfferSpec>& offers, const std::vector<Programme>& programmes,
                RunSettings& run);

}  // namespace labsim::models::detail
