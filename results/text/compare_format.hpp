// Turns a comparison of result files into tables for people and spreadsheets, and into JSON for programs.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "results/stats/compare.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

// table and md: a table of the files and how each difference's interval is taken, then one table per compared
// file and indicator, with units in the cells. csv: one long table, a row per file, indicator, period and
// kept labels, with plain numbers, so that a spreadsheet or pandas reads it at once.
[[nodiscard]] std::vector<TextTable> compare_tables(const CompareResult& result, TextFormat format);

// {"reference": {...}, "period", "comparisons": [{"file", ..., "method", "rows": [...]}]}; NaN as null.
[[nodiscard]] nlohmann::ordered_json compare_json(const CompareResult& result);

// What only one file of `c` has, grouped by dimension and file: "offer firm_centre: only in b.h5 (counted
// as 0 in a.h5)". Indicators only one file has are in `c.notes` already.
[[nodiscard]] std::vector<std::string> one_sided_notes(const CompareResult& result, const Comparison& c);

// The labels an averaged indicator leaves out because only one file has them, e.g. "kept_in_jobs: offer
// firm_centre: only in b.h5, not compared (percent does not add up, so a label that is not there is not 0)".
[[nodiscard]] std::vector<std::string> left_out_notes(const CompareResult& result, const Comparison& c,
                                                      const IndicatorComparison& ind);

// "year" -> ComparePeriod::year, and back.
[[nodiscard]] const char* period_name(ComparePeriod period);

}  // namespace labsim::results
