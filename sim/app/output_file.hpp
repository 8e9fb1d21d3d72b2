// What the commands that write a result file share: where it goes, and when it was made.
#pragma once

#include <filesystem>
#include <string>

namespace labsim::app {

// `output`, or the input file's stem with .h5 in the current folder; fails (InputError) before any work is
// done if it could not be written there.
std::filesystem::path checked_output_path(const std::string& input, const std::string& output);

// The current time as ISO 8601 in UTC, for provenance.
std::string utc_now_iso();

}  // namespace labsim::app
