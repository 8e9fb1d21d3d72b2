// The report's comparison of several runs: each national target per scenario on one chart, and each
// scenario's difference against the first.
#pragma once

#include <vector>

#include "results/report/report_page.hpp"
#include "results/stats/compare.hpp"

namespace labsim::results {

// `runs` are result files of `labsim run` (at least two); the first is the reference. Differences and their
// 95% intervals are those of `labsim compare` month by month (paired by replication when the runs share seed
// and replications); the files are aligned by label as compare() aligns them, and what only one file has is
// listed in notes. Throws sim::InputError as compare() does when the files cannot be compared.
ReportSection comparison_section(const std::vector<NamedRun>& runs);

}  // namespace labsim::results
