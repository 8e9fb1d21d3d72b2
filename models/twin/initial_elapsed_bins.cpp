// Binning the initial stock's elapsed-duration distribution (Model::initial_elapsed_cdf_at).
#include "models/twin/initial_elapsed_bins.hpp"

#include <algorithm>

#include "models/model.hpp"

namespace labsim::models {

ElapsedBins initial_elapsed_bins(const Model& model, std::size_t jobcentre, StateIndex state,
                                 std::uint8_t group, double bin_days, std::size_t bins) {
  ElapsedBins out;
  out.bin_days = bin_days;
  out.mass.assign(bins + 1, 0.0);
  if (model.scenario().initial_durations != InitialDurations::stationary || model.state(state).absorbing) {
    out.mass[0] = 1;
    out.open_bin_mean_days = 0;
    return out;
  }
  const auto cdf = [&](double days) { return model.initial_elapsed_cdf_at(jobcentre, state, group, days); };
  double previous = 0;
  for (std::size_t i = 0; i < bins; ++i) {
    const double next = cdf(static_cast<double>(i + 1) * bin_days);
    out.mass[i] = std::max(0.0, next - previous);
    previous = next;
  }
  out.mass[bins] = std::max(0.0, 1 - previous);
  // The open bin's mean, on a weekly grid: its durations only matter through rules that no longer change.
  const double open_from = static_cast<double>(bins) * bin_days;
  double weighted = 0, mass = 0, below = cdf(open_from);
  for (double x = open_from; below < 1 && x < open_from + 100 * 365.25; x += 7) {
    const double above = cdf(x + 7);
    weighted += (above - below) * (x + 3.5);
    mass += above - below;
    below = above;
  }
  out.open_bin_mean_days = mass > 0 ? weighted / mass : open_from;
  return out;
}

}  // namespace labsim::models
