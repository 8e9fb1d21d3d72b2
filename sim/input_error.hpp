// The one error type for bad user input (scenario, CSV, command line); main prints it and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace labsim::sim {

// The message is complete and user-facing, e.g. "scenarios/x.toml:42: offers.internship.places = -3 must be
// >= 0".
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitBadInput = 2;

}  // namespace labsim::sim
