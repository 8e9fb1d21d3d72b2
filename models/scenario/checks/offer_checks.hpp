// The [offers] tables, with places over time and the add-on offer's rules.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Every [offers.NAME] table in file order (none when `table` is null). `run_months` bounds places_by_month.
// Records where each offer was declared.
std::vector<OfferSpec> offers(ScenarioChecks& checks, const toml::table* table, int run_months);

}  // namespace labsim::models::detail
