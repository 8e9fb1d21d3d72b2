// Legal deadlines and timeliness: by when a spell's first interview and first offer are due, and how a spell
// counts in each window.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "models/compiled.hpp"
#include "models/rules/age_band.hpp"
#include "models/rules/windows.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models::rules {

enum class FirstContact : std::uint8_t { interview, offer };

// The law's deadline for a spell's first interview or first offer, in spell duration (kNoDeadline when the
// state has none for the age band).
inline double legal_deadline_days(const CompiledState& s, FirstContact contact, std::uint8_t group) {
  const auto& by_age =
      contact == FirstContact::interview ? s.legal_first_interview_days : s.legal_first_offer_days;
  return by_age[age_band(group)];
}

// The spell durations at which the windows close: 1 month, 3 months and the legal deadline.
inline std::array<double, kWindows> timeliness_windows(const CompiledState& s, FirstContact contact,
                                                       std::uint8_t group) {
  return {sim::kDaysPerMonth, 3 * sim::kDaysPerMonth, legal_deadline_days(s, contact, group)};
}

// Whether a window is counted at all: not the legal one where there is no deadline.
inline bool counts(double window_days) {
  return window_days != kNoDeadline;
}

// How one spell counts in a window, judged at spell duration `duration_days` - when the first contact
// happened then (`happened`), or when the spell ended without it. Due once the window has closed without
// it or it came; met when it came within the window (on its last day too).
struct WindowCount {
  bool due = false;
  bool met = false;
};
inline WindowCount count_in_window(double window_days, double duration_days, bool happened) {
  if (!counts(window_days)) return {};
  if (duration_days > window_days) return {.due = true, .met = false};
  return {.due = happened, .met = happened};
}

// The spell duration from which no window of either first contact is open any more.
inline double timeliness_settled_days(const CompiledState& s, std::uint8_t group) {
  double until = 0;
  for (const FirstContact contact : {FirstContact::interview, FirstContact::offer}) {
    for (const double window : timeliness_windows(s, contact, group))
      if (counts(window)) until = std::max(until, window);
  }
  return until;
}

}  // namespace labsim::models::rules
