// Random walks of the business-cycle index, one per replication.
#include "models/cycle_paths.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random_stream.hpp"

namespace labsim::models {

std::vector<double> cycle_path(const BusinessCycle& cycle, int months, std::uint64_t seed,
                               std::uint32_t replication) {
  const auto n = static_cast<std::size_t>(std::max(months, 1));
  std::vector<double> path(n, 1.0);
  for (std::size_t m = 0; m < n && !cycle.index.empty(); ++m)
    path[m] = cycle.index[std::min(m, cycle.index.size() - 1)];
  if (cycle.volatility_per_month <= 0) return path;

  const sim::RandomStreams streams({seed, replication, sim::kReplicationPartition});
  std::uint32_t position = 0;
  sim::StreamCursor draw(streams, sim::kCyclePathStream, position);
  double log_shift = 0;
  for (std::size_t m = 1; m < n; ++m) {
    log_shift += cycle.volatility_per_month * draw.normal();
    path[m] *= std::exp(log_shift);
  }
  return path;
}

Scenario with_cycle_path(const Scenario& scenario, std::uint64_t seed, std::uint32_t replication) {
  Scenario out = scenario;
  out.business_cycle.index = cycle_path(scenario.business_cycle, scenario.run.months, seed, replication);
  out.business_cycle.volatility_per_month = 0;
  return out;
}

}  // namespace labsim::models
