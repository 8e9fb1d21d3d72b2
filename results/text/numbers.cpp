#include "results/text/numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace labsim::results {

std::string with_separators(const std::string& digits) {
  std::string out;
  const std::size_t start = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  const std::size_t dot = std::min(digits.find('.'), digits.size());
  out += digits.substr(0, start);
  for (std::size_t i = start; i < dot; ++i) {
    if (i > start && (dot - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(dot);
  return out;
}

std::string with_thousands(double value) {
  return with_separators(std::to_string(std::llround(value)));
}

std::string readable_number(double value) {
  if (!std::isfinite(value)) return "–";
  if (value == 0) return "0";
  std::string s = fmt::format("{:.1f}", value);
  if (std::abs(std::stod(s)) >= 10) s = fmt::format("{:.0f}", value);  // 9.96 is "10", not "10.0"
  return with_separators(s);
}

}  // namespace labsim::results
