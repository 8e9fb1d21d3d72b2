// The jobcentre CSV read into JobcentreSpecs, checked against the states.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/csv_table.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Columns are `jobcentre`, `under_30_share`, `non_western_share`, the optional observed `labour_reserve`,
// and per state `<state>` and `<state>_inflow_per_month`; missing ones read as 0. Throws sim::InputError
// naming the file and line at fault.
std::vector<JobcentreSpec> read_jobcentres(const CsvTable& csv, const std::vector<StateSpec>& states);

}  // namespace labsim::models::detail
