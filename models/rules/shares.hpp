// Draws from a cumulative share table (offer mixes, benefit-limit destinations, cohort entries, trial arms):
// the entry a uniform draw falls on, and the chance of each entry, which the Markov twin uses instead.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace labsim::models::rules {

// The index a uniform draw falls on (the last entry when rounding overshoots).
inline std::size_t pick(const std::vector<double>& cumulative_share, double uniform_draw) {
  const auto it = std::upper_bound(cumulative_share.begin(), cumulative_share.end(), uniform_draw);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_share.begin()),
                               cumulative_share.size() - 1);
}

// The chance that pick() falls on entry i: all on the last entry when every share is zero.
inline double pick_chance(const std::vector<double>& cumulative_share, std::size_t i) {
  if (cumulative_share.empty()) return 0;
  if (cumulative_share.back() <= 0) return i + 1 == cumulative_share.size() ? 1.0 : 0.0;
  return cumulative_share[i] - (i == 0 ? 0.0 : cumulative_share[i - 1]);
}

}  // namespace labsim::models::rules
