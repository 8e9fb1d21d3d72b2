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

// "year" -> ComparePeriod::year, and back.
[[nodiscard]] const char* period_name(ComparePeriod period);

}  // namespace labsim::results
