// Uncertainty about the economy: each replication's own path of the business-cycle index.
#pragma once

#include <cstdint>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// The index by month for `months` months, multiplied by exp(W_m) where W is a random walk in logs: W_0 = 0
// (the first month is as the scenario says) and each later month adds a normal step with standard deviation
// cycle.volatility_per_month. The steps come from a stream keyed by (seed, replication) that no person uses,
// so a replication's economy does not depend on threads, jobcentres or anything else in the run.
std::vector<double> cycle_path(const BusinessCycle& cycle, int months, std::uint64_t seed,
                               std::uint32_t replication);

// A copy of `scenario` whose economy is replication `replication`'s path, fixed (volatility 0).
Scenario with_cycle_path(const Scenario& scenario, std::uint64_t seed, std::uint32_t replication);

}  // namespace labsim::models
