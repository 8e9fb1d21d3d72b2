// The four person groups: age band (under 30 / 30 and over) crossed with non-Western origin.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace labsim::models {

inline constexpr std::size_t kGroupCount = 4;

// Group index = 2 * (30 or over) + (non-Western), so the youth target sums groups 0 and 1.
inline constexpr std::uint8_t group_of(bool under_30, bool non_western) {
  return static_cast<std::uint8_t>((under_30 ? 0 : 2) + (non_western ? 1 : 0));
}
inline constexpr bool is_under_30(std::uint8_t group) {
  return group < 2;
}
inline constexpr bool is_non_western(std::uint8_t group) {
  return (group & 1) != 0;
}

inline constexpr std::array<std::string_view, kGroupCount> kGroupLabels = {"under_30", "under_30_non_western",
                                                                           "30_plus", "30_plus_non_western"};

}  // namespace labsim::models
