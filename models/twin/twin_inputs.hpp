// What one jobcentre's Markov twin reads of the compiled model, gathered once per run: each state's rules in
// one place (the compiled state spreads them over vectors) and the follow-up profile of each profile slot.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/model.hpp"
#include "models/twin/follow_up_profile.hpp"
#include "models/twin/twin_profiles.hpp"
#include "models/twin/twin_table.hpp"

namespace labsim::models::twin {

// What the step loop reads of a state.
struct StateRules {
  const CompiledState* state = nullptr;
  const double* band_start = nullptr;
  std::size_t bands = 0;
  bool exits = false;
  bool limit = false;
  bool temporary_support = false;
  double calibrated = 1;  // the jobcentre's multiplier on every exit
  double exempt_job = 1, exempt_other = 1;
  // Spell duration from which first-interview and first-offer timeliness no longer change, by group.
  std::array<double, kGroupCount> timeliness_until{};
};

// Whose course a follow-up profile follows.
enum class ProfileKind : std::uint8_t { new_spell, initial_past_deadline, initial_before_deadline };
constexpr std::size_t kProfileKinds = 3;

// The profile of each slot (null where the state is not followed up). A cohort names its slot by key.
using ProfileSlots = Table<const FollowUpProfile*, TwinAxis::profile_kind, TwinAxis::state, TwinAxis::group>;

struct JobcentreInputs {
  JobcentreInputs(const Model& model, std::size_t jobcentre, const TwinProfiles& run_profiles);

  [[nodiscard]] std::size_t states() const { return model.states(); }

  const Model& model;
  std::size_t jobcentre;
  const CompiledJobcentre& jc;
  const TwinProfiles& shared;     // the run's profiles and elapsed durations
  std::vector<StateRules> rules;  // by state
  ProfileSlots profiles;
};

}  // namespace labsim::models::twin
