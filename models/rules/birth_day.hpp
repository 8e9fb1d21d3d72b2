// The day of the month a person was born on, for trials that assign arms by date of birth (as the Danish
// early-intervention trials did): days 1-28 come in every month, 29 in all but three Februaries of four, 30
// in eleven months and 31 in seven, so the days are not equally common.
#pragma once

#include <cstdint>

namespace labsim::models::rules {

// Births per year on day d of the month, for d = 1..31 (a year of 365.25 days).
inline constexpr double births_on_day(std::uint32_t d) {
  return d <= 28 ? 12.0 : d == 29 ? 11.25 : d == 30 ? 11.0 : 7.0;
}

// The day of the month (1-31) a uniform draw in [0, 1) falls on, each day as common as it is in the calendar.
inline std::uint32_t birth_day_of_month(double uniform_draw) {
  double left = uniform_draw * 365.25;
  for (std::uint32_t d = 1; d < 31; ++d) {
    left -= births_on_day(d);
    if (left < 0) return d;
  }
  return 31;
}

}  // namespace labsim::models::rules
