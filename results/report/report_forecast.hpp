// The report's section for a forecast result: each jobcentre's forecast of the national targets against its
// plan, as dot-and-whisker charts and tables.
#pragma once

#include <string>

#include "results/labelled_array.hpp"
#include "results/report/report_page.hpp"

namespace labsim::results {

// Whether the file holds a forecast (`labsim forecast -o`).
bool is_forecast_file(const RunOutput& file);

ReportSection forecast_section(const RunOutput& forecast, const std::string& name, const std::string& id);

}  // namespace labsim::results
