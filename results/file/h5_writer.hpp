// Writes a run's output as one self-describing, netCDF-4 compatible HDF5 file (xarray and R open it with
// labels).
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

#include "results/labelled_array.hpp"

namespace labsim::results {

// Root attributes written from Provenance; any other root attribute comes from RunOutput::extra_attributes.
inline constexpr std::array<std::string_view, 9> kProvenanceAttributes = {
    "scenario_path", "scenario",     "labsim_version", "git_commit", "command_line",
    "seed",          "replications", "scale",          "created_utc"};

// Writes every dimension as a dimension scale, every array as a compressed float64 dataset with its axes
// attached to those scales, the summaries of arrays that ask for them, and the provenance as root attributes.
// The file is written through an AtomicOutput (a temporary name in the same directory, renamed onto `path`
// only when complete), so `path` never holds a partial file; on failure the temporary file is removed and
// `path` is left as it was.
// Throws std::invalid_argument if `out` is inconsistent (unknown or repeated dimension, a shape missing or
// not matching the dimensions' lengths, wrong number of values, clashing names), checked before anything is
// written; std::runtime_error if HDF5 fails; std::filesystem::filesystem_error if the temporary file cannot
// be created or the rename fails.
void write_result_file(const RunOutput& out, const std::filesystem::path& path);

}  // namespace labsim::results
