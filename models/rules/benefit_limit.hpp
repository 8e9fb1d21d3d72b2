// When a state's benefit limit is reached, whether it is extended, and where it sends a person.
#pragma once

#include <algorithm>
#include <cstddef>

#include "models/compiled.hpp"
#include "models/rules/shares.hpp"

namespace labsim::models::rules {

// Extensions are counted in one byte per person.
inline constexpr int kMaxExtensions = 255;

// The day a spell that started on `spell_start_day` reaches the limit, after `extensions` extensions.
// Spells that began under the old rule keep its longer limit, but not beyond the day it ends.
inline double limit_day(const CompiledLimit& limit, double spell_start_day, int extensions) {
  double allowed = limit.max_days;
  if (limit.has_old_rule && spell_start_day < limit.old_rule_until_day) {
    allowed =
        std::max(limit.max_days, std::min(limit.old_max_days, limit.old_rule_ends_day - spell_start_day));
  }
  return spell_start_day + allowed + extensions * limit.extension_days;
}

// Whether reaching the limit after `extensions` extensions may be extended again (with chance
// limit.extension_share).
inline bool may_extend(const CompiledLimit& limit, int extensions) {
  return limit.extension_share > 0 && extensions < kMaxExtensions;
}

// Where the limit sends a person, and the chance it sends them to state s.
inline StateIndex choose_limit_destination(const CompiledLimit& limit, double uniform_draw) {
  return static_cast<StateIndex>(pick(limit.to_cumulative_share, uniform_draw));
}
inline double limit_destination_chance(const CompiledLimit& limit, std::size_t s) {
  return pick_chance(limit.to_cumulative_share, s);
}

}  // namespace labsim::models::rules
