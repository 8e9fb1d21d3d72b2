// Strong types for quantities that are easy to mix up: simulated time and person identifiers.
#pragma once

#include <compare>
#include <cstdint>

namespace labsim::sim {

// Simulated time in days since the first simulated day (day 0 starts at midnight of the run's start date).
struct Days {
  double value = 0.0;

  friend constexpr auto operator<=>(Days, Days) = default;
  friend constexpr Days operator+(Days a, Days b) { return Days{a.value + b.value}; }
  friend constexpr Days operator-(Days a, Days b) { return Days{a.value - b.value}; }
};

// A person's index within one partition (a jobcentre) of one replication.
struct PersonId {
  std::uint32_t value = 0;

  friend constexpr auto operator<=>(PersonId, PersonId) = default;
};

// The average length of a month, used to turn rates per month into rates per day.
inline constexpr double kDaysPerMonth = 365.25 / 12.0;
inline constexpr double kDaysPerWeek = 7.0;

}  // namespace labsim::sim
