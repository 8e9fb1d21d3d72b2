// The [money] table: benefit rates, other actors' price, reimbursement
// rules.
#pragma once

#include <toml++/toml.h>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// [money] (nothing when `table` is null); states and offers named in it must be declared.
Money money(const ScenarioChecks& checks, const toml::table* table);

}  // namespace labsim::models::detail
