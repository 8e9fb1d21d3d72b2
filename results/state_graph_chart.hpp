// The benefit-state graph drawn as an SVG picture, with each edge's monthly flow.
#pragma once

namespace labsim::results {}  // namespace labsim::results
