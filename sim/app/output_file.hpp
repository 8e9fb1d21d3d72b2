// What the commands that write a result file share: where it goes, and when it was made.
#pragma once

#include <filesystem>
#include <string>

#include "models/scenario.hpp"
#include "results/labelled_array.hpp"

namespace labsim::app {

// `output`, or the input file's stem with .h5 in the current folder; fails (InputError) before any work is
// done if it could not be written there.
std::filesystem::path checked_output_path(const std::string& input, const std::string& output);

// Where the results came from: the scenario as run, the seed and replications, this program's version and
// commit, the command line and the time.
results::Provenance provenance_of(const models::Scenario& scenario, const std::string& command_line,
                                  double scale);

}  // namespace labsim::app
