// The short table `labsim run` prints: region totals per benefit state at the first and last month.
#pragma once

#include <string>

#include "results/labelled_array.hpp"

namespace labsim::results {

struct RunFacts {
  std::string scenario_name;
  std::size_t jobcentres = 0;
  int replications = 0;
  double scale = 1.0;
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
  double seconds = 0;
};

// Reads the `stock` and `offer_starts` arrays of `out` (which must hold them) and formats the summary.
std::string format_run_summary(const RunOutput& out, const RunFacts& facts);

}  // namespace labsim::results
