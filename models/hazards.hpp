// A state's exit hazards integrated over spell duration in normal times (no business cycle, offers or
// interviews): the survival behind risk-targeted follow-up and the initial stock's elapsed durations.
#pragma once

#include <cstdint>

#include "models/compiled.hpp"

namespace labsim::models {

// All exits' hazard from spell duration 0 to `duration_days`.
[[nodiscard]] double cumulative_hazard(const CompiledState& s, std::uint8_t group, double duration_days);

// Probability that a spell lasts beyond `long_days` given it has lasted `duration_days`.
[[nodiscard]] double risk_of_long_spell(const CompiledState& s, std::uint8_t group, double duration_days,
                                        double long_days);

}  // namespace labsim::models
