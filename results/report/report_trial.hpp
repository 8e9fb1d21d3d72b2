// The report's section for a trial result: Kaplan-Meier curves per arm and the table of estimates.
#pragma once

#include <string>

#include "results/labelled_array.hpp"
#include "results/report/report_page.hpp"

namespace labsim::results {

// Whether the file is a `labsim trial` result (has Kaplan-Meier curves).
bool is_trial_file(const RunOutput& file);

ReportSection trial_section(const RunOutput& trial, const std::string& name, const std::string& id);

}  // namespace labsim::results
