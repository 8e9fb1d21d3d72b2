// The [[transitions]] array, each a piecewise-constant hazard.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "models/scenario/checks/toml_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Every [[transitions]] entry in order (none when `node` is null); from and to must be in `state_names`, and
// no (from, to) pair may repeat.
std::vector<TransitionSpec> transitions(const TomlChecks& checks, const toml::node* node,
                                        const std::vector<std::string>& state_names);

}  // namespace labsim::models::detail
