// `labsim report`: the charts and tables of one or more result files as one self-contained HTML page.
#pragma once

#include <string>
#include <vector>

#include "results/stats/compare.hpp"

namespace labsim::results {

// Each file's sections by what it holds — a run (stocks, targets per jobcentre, state graph), a forecast
// (also forecast against plan), a trial (Kaplan-Meier curves and estimates) — and, when two or more runs are
// given, a comparison of the targets against the first. Throws sim::InputError naming the file when a file is
// none of these, or when runs cannot be compared.
std::string render_report(const std::vector<NamedRun>& files);

}  // namespace labsim::results
