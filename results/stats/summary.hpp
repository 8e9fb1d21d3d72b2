// Mean and 95% interval over replications of a per-replication array, stored next to it in the result file.
#pragma once

#include <cstddef>
#include <vector>

#include "results/labelled_array.hpp"

namespace labsim::results {

struct Summary {
  LabelledArray mean;    // <name>_mean
  LabelledArray low95;   // <name>_low95: 2.5% percentile
  LabelledArray high95;  // <name>_high95: 97.5% percentile
};

// For `a` with dims[0] == "replication" of size `replications`: statistics over that axis for every cell of
// the remaining ones, with dims = a.dims[1:] and a's units. Percentiles interpolate linearly between order
// statistics (type 7 of Hyndman and Fan, the default of R and numpy). NaN replications of a cell are left
// out, and the cell is NaN only when all are. Throws std::invalid_argument if `a` is not laid out that way
// (its shape giving `replications` along the first axis) or `replications` is 0.
[[nodiscard]] Summary summarise_over_replications(const LabelledArray& a, std::size_t replications);

// The type-7 quantile at probability p in [0, 1] of already sorted, non-empty `sorted`.
[[nodiscard]] double type7_quantile(const std::vector<double>& sorted, double p);

}  // namespace labsim::results
