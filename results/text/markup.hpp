// Text made safe inside HTML, SVG and XML: the five characters that markup gives a meaning replaced by
// entities.
#pragma once

#include <string>
#include <string_view>

namespace labsim::results {

// Text with &, <, >, " and ' replaced by entities.
std::string escape_markup(std::string_view text);

}  // namespace labsim::results
