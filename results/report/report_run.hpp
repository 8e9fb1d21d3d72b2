// The report's sections for one run: stocks by benefit state, the national targets per jobcentre, and the
// state graph with its monthly flows.
#pragma once

#include <string>
#include <vector>

#include "results/labelled_array.hpp"
#include "results/report/report_page.hpp"

namespace labsim::results {

// `name` tells the run apart in headings when the report has several; `id` prefixes the anchors and chart
// ids. Sections whose arrays the file lacks are left out.
std::vector<ReportSection> run_sections(const RunOutput& run, const std::string& name, const std::string& id);

// Display names of a dimension's labels: the Danish names when the file has them, the codes otherwise.
std::vector<std::string> display_names(const Dimension& dimension);

// The four national targets' datasets and names for people.
struct TargetIndicator {
  std::string dataset;
  std::string name;
};
const std::vector<TargetIndicator>& target_indicators();

// Whether the file is a run (has per-replication stocks).
bool is_run_file(const RunOutput& file);

}  // namespace labsim::results
