// One dataset of a result file as a tidy table, for `labsim export`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "results/labelled_array.hpp"

namespace labsim::results {

// A header line, then one row per cell of `array` in C order (the last dimension varies fastest): a column
// per dimension, named after it, holding its labels (or its numbers for a numeric scale such as
// duration_weeks), then a column named after the array holding the cell's value. Numbers are the shortest
// text that reads back exactly; NaN is an empty field; a field with a comma, a quote or a line break is
// quoted (RFC 4180). Lines end in '\n'.
// Throws std::invalid_argument if a dimension of `array` is not among `dimensions` or the dimensions' sizes
// do not multiply to the number of values.
void write_tidy_csv(const LabelledArray& array, const std::vector<Dimension>& dimensions, std::ostream& out);

// A dimension on its own: one column, named after it, with its labels or numbers.
void write_tidy_csv(const Dimension& dimension, std::ostream& out);

// One line per dataset of `out`, arrays then dimensions, in columns: the name, its dimensions in brackets
// with their sizes, its units, e.g. "stock  [replication 2, month 24, jobcentre 11, ...]  full-time persons".
std::string dataset_list(const RunOutput& out);

}  // namespace labsim::results
