// The timeliness windows counted for first interviews and first offers (rules/timeliness.hpp says when each
// closes): within 1 month, within 3 months, by the legal deadline.
#pragma once

#include <array>
#include <cstddef>

namespace labsim::models {

inline constexpr std::size_t kWindows = 3;
inline constexpr std::array<const char*, kWindows> kWindowLabels = {"1_month", "3_months", "legal_deadline"};

}  // namespace labsim::models
