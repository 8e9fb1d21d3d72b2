// The [pools] and [contact_forms] tables: limited capacity, and the ways of holding a contact that use it.
#pragma once

#include <toml++/toml.h>

#include <string_view>
#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// The pool name that means the jobcentre's caseworkers ([caseworkers]); no [pools.caseworkers] may be
// declared.
inline constexpr std::string_view kCaseworkerPool = "caseworkers";

// Every [pools.NAME] table in file order (none when `table` is null). `run_months` bounds slots by month;
// jobcentre names are recorded for the check against the CSV.
std::vector<CapacityPool> pools(ScenarioChecks& checks, const toml::table* table, int run_months);

// Every [contact_forms.NAME] table in file order (none when `table` is null); a form's pool is one of `pools`
// or the caseworkers.
std::vector<ContactForm> contact_forms(const ScenarioChecks& checks, const toml::table* table,
                                       const std::vector<CapacityPool>& pools);

}  // namespace labsim::models::detail
