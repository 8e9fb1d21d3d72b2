// Stepping the compiled model forward as a distribution over cells.
#include "models/markov_twin.hpp"

#include <stdexcept>

namespace labsim::models {

TwinResult run_twin(const Model&, const TwinOptions&) {
  throw std::logic_error("run_twin: not written yet");
}

}  // namespace labsim::models
