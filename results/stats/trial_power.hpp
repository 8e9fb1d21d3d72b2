// How many participants a trial needs: the power to detect a planted effect, estimated by drawing trials of
// a given size from a large simulated pool of participants, and the smallest size reaching the target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "results/stats/trial_data.hpp"

namespace labsim::results {

struct PowerOptions {
  std::size_t outcome = 0;  // index into TrialData::outcomes, or outcomes.size() for the hazard ratio
  int resamples = 1000;     // trials drawn per size tried
  double target_power = 0.8;
  double alpha = 0.05;  // two-sided
  std::uint64_t seed = 0;
  int threads = 1;
  std::size_t max_participants = 2'000'000;
};

struct PowerPoint {
  std::size_t participants = 0;  // both arms together
  double power = 0;              // share of drawn trials with p < alpha
  double power_se = 0;           // Monte Carlo standard error of `power`
};

struct PowerResult {
  std::vector<PowerPoint> points;  // every size tried, increasing
  std::size_t required = 0;        // smallest size tried with power >= target; 0 if none up to the maximum
  double pool_estimate = 0;        // the effect in the whole pool: difference in the outcome, or hazard ratio
  std::size_t pool_control = 0, pool_treated = 0;
};

// `pool`: the simulated participants of a two-arm trial (arm 0 control, arm 1 with the planted effect).
// Participants are drawn with replacement, in the arms' ratio `treated_share`; the draws for trial b use
// the same stream at every size, so the power curve is not made ragged by fresh noise at each size.
PowerResult find_sample_size(const TrialData& pool, Analysis analysis, double treated_share,
                             const PowerOptions& options);

}  // namespace labsim::results
