// Builders for result-file inputs in tests, spelling out every field (partial designated initialisers
// would leave -Wextra warnings).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "results/labelled_array.hpp"

namespace labsim::testing {

inline results::Dimension labelled(std::string name, std::vector<std::string> labels,
                                   std::string description = "", std::string units = "") {
  return {std::move(name), std::move(description), std::move(units), std::move(labels), {}};
}

inline results::Dimension numeric(std::string name, std::vector<double> values, std::string description = "",
                                  std::string units = "") {
  return {std::move(name), std::move(description), std::move(units), {}, std::move(values)};
}

inline results::LabelledArray array(std::string name, std::vector<std::string> dims,
                                    std::vector<double> values, std::string units = "",
                                    std::string description = "", bool summarise = true) {
  return {std::move(name), std::move(units),  std::move(description),
          std::move(dims), std::move(values), summarise};
}

}  // namespace labsim::testing
