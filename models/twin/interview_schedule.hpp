// The interview schedules of a spell followed up in expectation (follow_up_profile.hpp): the first
// interview's time spread over schedule bins, each bin with its deterministic cadence and the interview
// effect it brings, step by step of the profile's grid.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/model.hpp"

namespace labsim::models::twin {

// The spell being profiled: whose it is and the profile's grid.
struct SpellContext {
  const Model& model;
  std::size_t jobcentre;
  StateIndex state;
  std::uint8_t group;
  const CompiledState& s;
  const CompiledProgramme& own;  // the jobcentre's programme for the state
  double step_days;
  std::size_t steps;
  double duration_offset;  // spell duration at the profile's time 0
};

// The policy active at spell duration `duration` (the twin has no trial, and follows a programme's steps by
// their windows on the spell's clock: rules::position_at).
const CompiledPolicy& active(const SpellContext& c, double duration);
// The policy whose practice deadline for a first offer applies: the first step's (a later step's own
// deadline is not followed).
const CompiledPolicy& deadline_policy(const SpellContext& c);
// The interview interval under policy p at spell duration `duration`.
double interval(const SpellContext& c, const CompiledPolicy& p, double duration);

struct Interview {
  double day;
  const CompiledPolicy* policy;
};

struct ScheduleBin {
  double weight = 0;
  double first_lo = 0, first_hi = 0;         // where the first interview falls, evenly (new spells)
  std::vector<Interview> interviews;         // in time order
  std::vector<double> interview_multiplier;  // [step] mean interview effect over the step
};

// The bin whose first interview is at `first_day`, within [lo, hi) evenly, with `weight` of the spell.
ScheduleBin schedule(const SpellContext& c, double weight, double first_day, double lo, double hi);
// A first interview evenly within [lo, hi): one bin per stretch of the step grid (whole steps, so that an
// event's step - which the chain acts on - is that of its bin), at most 12 bins.
std::vector<ScheduleBin> evenly_spread(const SpellContext& c, double lo, double hi);
// One bin without interviews.
ScheduleBin without_interviews(std::size_t steps);

// The chance a bin's first interview comes after `day`.
inline double later_than(const ScheduleBin& bin, double day) {
  if (bin.interviews.empty()) return 1.0;
  if (bin.first_hi > bin.first_lo)
    return std::clamp((bin.first_hi - day) / (bin.first_hi - bin.first_lo), 0.0, 1.0);
  return bin.first_lo > day ? 1.0 : 0.0;
}

}  // namespace labsim::models::twin
