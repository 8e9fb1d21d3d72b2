// Builders for result-file inputs in tests, spelling out every field (partial designated initialisers
// would leave -Wextra warnings).
#pragma once

#include <cstddef>
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

// An array over `axes`, each a dimension's name and the array's length along it, e.g.
// array("stock", {{"replication", 2}, {"month", 3}}, {1, 2, 3, 4, 5, 6}).
inline results::LabelledArray array(std::string name, std::vector<std::pair<std::string, std::size_t>> axes,
                                    std::vector<double> values, std::string units = "",
                                    std::string description = "", bool summarise = true) {
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  for (auto& [dim, length] : axes) {
    dims.push_back(std::move(dim));
    shape.push_back(length);
  }
  return {std::move(name),   std::move(units), std::move(description), std::move(dims),
          std::move(values), summarise,        std::move(shape)};
}

}  // namespace labsim::testing
