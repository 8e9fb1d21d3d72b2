// The age band that deadlines and practice first-offer times depend on: under 30, or 30 and over.
#pragma once

#include <cstddef>
#include <cstdint>

#include "models/person_group.hpp"

namespace labsim::models::rules {

inline constexpr std::size_t kAgeBands = 2;

// A person group's index into a table by age band ([under 30, 30 and over]).
inline constexpr std::size_t age_band(std::uint8_t group) {
  return is_under_30(group) ? 0 : 1;
}

}  // namespace labsim::models::rules
