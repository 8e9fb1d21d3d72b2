// The [caseworkers] table and whether every jobcentre has some.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// [caseworkers] (the defaults when `table` is null): capacity, the ratio to persons in follow-up, jobcentres'
// own numbers and the cost.
Caseworkers caseworkers(ScenarioChecks& checks, const toml::table* table, int run_months);

// Once the jobcentres are known: with limited capacity (interviews_per_week_each > 0) every jobcentre needs
// caseworkers, from by_jobcentre or from per_1000_in_follow_up. Throws sim::InputError for the first without.
void check_caseworker_capacity(const ScenarioChecks& checks, const Caseworkers& caseworkers,
                               const std::vector<JobcentreSpec>& jobcentres);

}  // namespace labsim::models::detail
