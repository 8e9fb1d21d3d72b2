// Reads a result file written by write_result_file back into labelled arrays.
#pragma once

#include <filesystem>
#include <string>

#include "results/labelled_array.hpp"

namespace labsim::results {

// Every dimension scale at the root becomes a Dimension (labels if stored as strings, values otherwise) and
// every other root dataset a LabelledArray whose dims are the names of its attached scales, both in the
// order written; the root attributes become the provenance and extra attributes. Summaries stored in the
// file come back as arrays of their own (stock_mean, ...), so every array read has summarise = false and
// writing the result again reproduces the same datasets.
// Throws std::runtime_error naming the file (and dataset) if it is missing, not HDF5, or not laid out so
// (an axis whose length differs from its dimension's included).
[[nodiscard]] RunOutput read_result_file(const std::filesystem::path& path);

// One array by dataset name, e.g. "stock" or "stock_mean".
[[nodiscard]] LabelledArray read_array(const std::filesystem::path& path, const std::string& name);

}  // namespace labsim::results
