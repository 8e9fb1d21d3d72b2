// Suggests the name a user probably meant when a key or column is unknown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace labsim::models::detail {

// " (did you mean 'x'?)" when one candidate is within about a third of the word's length, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace labsim::models::detail
