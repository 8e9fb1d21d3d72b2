// The state graph of a scenario as Graphviz DOT, for `labsim graph`.
#pragma once

namespace labsim::models {}  // namespace labsim::models
