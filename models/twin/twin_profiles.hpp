// The follow-up profiles one run of the Markov twin needs, each computed once: jobcentres whose inputs to a
// profile agree share it. Building them is a large part of a twin run, and most inputs agree across
// jobcentres (one policy, one set of group hazards, elapsed durations that differ only by a tilt that leaves
// some profiles' shapes unchanged).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/model.hpp"
#include "models/twin/follow_up_profile.hpp"
#include "models/twin/initial_elapsed_bins.hpp"
#include "models/twin/twin_table.hpp"

namespace labsim::models {

struct TwinGrid {
  double step_days = 0;            // the profiles' step
  std::size_t profile_steps = 0;   // the profiles' length, past the horizon
  std::size_t open_band_bins = 0;  // initial elapsed-duration bins before the open one
};

class TwinProfiles {
 public:
  // Built on up to `threads` threads; the profiles do not depend on it.
  TwinProfiles(const Model& model, const TwinGrid& grid, int threads);

  // New spells of a followed-up state (null otherwise).
  [[nodiscard]] const FollowUpProfile* new_spell(std::size_t jobcentre, StateIndex s, std::uint8_t g) const {
    return new_spell_.at(jobcentre, s, g);
  }
  // The initial stock's elapsed durations (empty when the jobcentre has no initial persons there).
  [[nodiscard]] const ElapsedBins& elapsed_bins(std::size_t jobcentre, StateIndex s, std::uint8_t g) const {
    return bins_.at(jobcentre, s, g);
  }
  // The initial stock before or past the practice deadline (null when not followed up or without persons).
  [[nodiscard]] const FollowUpProfile* initial_stock(std::size_t jobcentre, StateIndex s, std::uint8_t g,
                                                     bool before_deadline) const {
    return initial_.at(jobcentre, s, g, before_deadline ? 1 : 0);
  }

 private:
  template <class T>
  using ByCell = twin::Table<T, twin::TwinAxis::jobcentre, twin::TwinAxis::state, twin::TwinAxis::group>;

  std::vector<std::unique_ptr<FollowUpProfile>> profiles_;
  ByCell<const FollowUpProfile*> new_spell_;
  ByCell<ElapsedBins> bins_;
  twin::Table<const FollowUpProfile*, twin::TwinAxis::jobcentre, twin::TwinAxis::state, twin::TwinAxis::group,
              twin::TwinAxis::before_deadline>
      initial_;
};

}  // namespace labsim::models
