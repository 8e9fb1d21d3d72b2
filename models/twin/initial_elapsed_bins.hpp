// The initial stock's elapsed spell durations as masses on a uniform grid, for the Markov twin: the same
// distribution the simulator draws from (Model::initial_elapsed_duration), binned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/compiled.hpp"

namespace labsim::models {

class Model;

struct ElapsedBins {
  double bin_days = 0;
  std::vector<double> mass;       // [bin] shares summing to 1; the last bin is open-ended
  double open_bin_mean_days = 0;  // mean elapsed duration within the open bin

  // Midpoint of a bin, or the open bin's mean.
  [[nodiscard]] double elapsed_days(std::size_t bin) const {
    return bin + 1 == mass.size() ? open_bin_mean_days : (static_cast<double>(bin) + 0.5) * bin_days;
  }
};

// `bins` bins of `bin_days` before the open one. With zero initial durations (or an absorbing state) all
// mass is in the first bin at elapsed duration 0.
ElapsedBins initial_elapsed_bins(const Model& model, std::size_t jobcentre, StateIndex state,
                                 std::uint8_t group, double bin_days, std::size_t bins);

}  // namespace labsim::models
