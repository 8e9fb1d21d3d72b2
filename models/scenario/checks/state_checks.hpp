// The [states] tables with their deadlines, exemptions and benefit limits.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Every [states.NAME] table in file order; `offers` are the checked offers that follow-up may draw from.
// Records where each state (and its absorbing flag and benefit limit) was declared.
std::vector<StateSpec> states(ScenarioChecks& checks, const toml::table& table,
                              const std::vector<OfferSpec>& offers);

}  // namespace labsim::models::detail
