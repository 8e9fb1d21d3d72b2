// The initial stock's elapsed spell durations: the stationary distribution per (state, group), with density
// proportional to the survival function, tilted per jobcentre to an observed labour reserve.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/hazards.hpp"
#include "models/model.hpp"

namespace labsim::models {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Elapsed durations of the initial stock are drawn on a weekly grid up to 20 years.
constexpr double kElapsedGridDays = 7.0;
constexpr std::size_t kElapsedGridPoints = 20 * 53;

}  // namespace

void Model::compile_elapsed_durations() {
  elapsed_cdf_.assign(states_.size() * kGroupCount, {});
  for (std::size_t s = 0; s < states_.size(); ++s) {
    const CompiledState& state = states_[s];
    const double cap = state.limit ? state.limit->max_days : kInfinity;
    for (std::uint8_t g = 0; g < kGroupCount; ++g) {
      std::vector<double>& cdf = elapsed_cdf_[s * kGroupCount + g];
      cdf.push_back(0.0);
      for (std::size_t i = 1; i <= kElapsedGridPoints && (i - 1) * kElapsedGridDays < cap; ++i) {
        const double d = (static_cast<double>(i) - 0.5) * kElapsedGridDays;
        cdf.push_back(cdf.back() + std::exp(-cumulative_hazard(state, g, d)));
      }
      for (double& c : cdf) c /= cdf.back();
    }
  }
}

double Model::elapsed_cdf_at(StateIndex state, std::uint8_t group, double days) const {
  const auto& cdf = elapsed_cdf_[state * kGroupCount + group];
  const double x = days / kElapsedGridDays;
  const auto i = static_cast<std::size_t>(x);
  if (i + 1 >= cdf.size()) return 1.0;
  return cdf[i] + (x - static_cast<double>(i)) * (cdf[i + 1] - cdf[i]);
}

// The stationary distribution gives each (state, group) a share pi of persons past 3 months of support. An
// observed labour reserve that differs is met by tilting every share by one odds ratio theta per jobcentre,
// theta * pi / (1 - pi + theta * pi), so states keep their order (sick leave short, cash benefit long).
void Model::compile_initial_long_shares() {
  for (std::size_t j = 0; j < jobcentres_.size(); ++j) {
    CompiledJobcentre& jc = jobcentres_[j];
    const std::optional<double>& observed = scenario_.jobcentres[j].observed_labour_reserve;
    if (!observed) continue;
    std::vector<double> stationary(states_.size() * kGroupCount, 0.0);
    for (std::size_t s = 0; s < states_.size(); ++s) {
      if (!can_tilt(static_cast<StateIndex>(s))) continue;
      for (std::uint8_t g = 0; g < kGroupCount; ++g)
        stationary[s * kGroupCount + g] =
            1 - elapsed_cdf_at(static_cast<StateIndex>(s), g, kLabourReserveAfterDays);
    }
    const auto tilted = [](double pi, double theta) { return theta * pi / (1 - pi + theta * pi); };
    const auto expected_reserve = [&](double theta) {
      double sum = 0;
      for (std::size_t s = 0; s < states_.size(); ++s) {
        for (std::uint8_t g = 0; g < kGroupCount; ++g) {
          sum += jc.initial_persons[s] * jc.group_share(g) * tilted(stationary[s * kGroupCount + g], theta);
        }
      }
      return sum;
    };
    // The reserve rises with theta from 0 (nobody long) to everyone on temporary support: bisect in log
    // theta.
    const double target = *observed * scale_;
    double low = -30, high = 30;
    for (int i = 0; i < 200 && high - low > 1e-12; ++i) {
      const double mid = 0.5 * (low + high);
      (expected_reserve(std::exp(mid)) < target ? low : high) = mid;
    }
    jc.initial_long_share.resize(stationary.size());
    for (std::size_t i = 0; i < stationary.size(); ++i)
      jc.initial_long_share[i] = tilted(stationary[i], std::exp(0.5 * (low + high)));
  }
}

bool Model::can_tilt(StateIndex state) const {
  return states_[state].temporary_support() && !states_[state].absorbing;
}

double Model::initial_elapsed_cdf_at(std::size_t jobcentre, StateIndex state, std::uint8_t group,
                                     double days) const {
  const double stationary = elapsed_cdf_at(state, group, days);
  const std::vector<double>& long_share = jobcentres_[jobcentre].initial_long_share;
  if (long_share.empty() || !can_tilt(state)) return stationary;
  // As initial_elapsed_duration draws: a share 1 - p within 3 months and p past them, each side with the
  // stationary shape.
  const double short_mass = elapsed_cdf_at(state, group, kLabourReserveAfterDays);
  const double p = long_share[state * kGroupCount + group];
  if (days <= kLabourReserveAfterDays) return short_mass > 0 ? (1 - p) * stationary / short_mass : 1 - p;
  return short_mass < 1 ? (1 - p) + p * (stationary - short_mass) / (1 - short_mass) : 1.0;
}

double Model::initial_elapsed_duration(std::size_t jobcentre, StateIndex state, std::uint8_t group,
                                       double uniform_draw) const {
  const std::vector<double>& long_share = jobcentres_[jobcentre].initial_long_share;
  if (long_share.empty() || !can_tilt(state)) return elapsed_duration(state, group, uniform_draw);
  // The draw is split at the tilted share: below it, a duration past 3 months; above, one within them.
  const double short_mass = elapsed_cdf_at(state, group, kLabourReserveAfterDays);
  const double p = long_share[state * kGroupCount + group];
  const double u = uniform_draw < p ? short_mass + (1 - short_mass) * (uniform_draw / p)
                                    : short_mass * (uniform_draw - p) / (1 - p);
  return elapsed_duration(state, group, std::min(u, std::nextafter(1.0, 0.0)));
}

double Model::elapsed_duration(StateIndex state, std::uint8_t group, double uniform_draw) const {
  if (elapsed_cdf_.empty() || states_[state].absorbing) return 0.0;
  const auto& cdf = elapsed_cdf_[state * kGroupCount + group];
  const auto it = std::upper_bound(cdf.begin(), cdf.end(), uniform_draw);
  const std::size_t i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(it - cdf.begin(), 1));
  if (i >= cdf.size()) return static_cast<double>(cdf.size() - 1) * kElapsedGridDays;
  const double within = (uniform_draw - cdf[i - 1]) / std::max(cdf[i] - cdf[i - 1], 1e-300);
  return (static_cast<double>(i - 1) + within) * kElapsedGridDays;
}

}  // namespace labsim::models
