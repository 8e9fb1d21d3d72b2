// One dataset of a result file as a tidy table, for `labsim export`.
#pragma once

namespace labsim::results {}  // namespace labsim::results
