// Random walks of the business-cycle index, one per replication.
#include "models/cycle_paths.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/random_stream.hpp"

namespace labsim::models {

namespace {

// A standard normal by Box-Muller from two uniforms (our own, as the standard library's distributions differ
// between implementations and would make results depend on the compiler).
double standard_normal(sim::StreamCursor& draw) {
  const double u = draw.uniform(), v = draw.uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}

}  // namespace

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
    log_shift += cycle.volatility_per_month * standard_normal(draw);
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
