// Numbers written for people: thousands separated by commas, rounded as far as reading needs.
#pragma once

#include <string>

namespace labsim::results {

// "-1234567.5" -> "-1,234,567.5"
std::string with_separators(const std::string& number);

// 12345.6 -> "12,346"
std::string with_thousands(double value);

// A number for people: thousands separated, one decimal below 10, none from 10 on; "0" for zero, "–" for NaN.
std::string readable_number(double value);

}  // namespace labsim::results
