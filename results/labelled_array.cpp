// Axis lookup by name and the checks behind AxesView, with messages that name the array and its dimensions.
#include "results/labelled_array.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace labsim::results {

std::size_t LabelledArray::axis(std::string_view dim) const {
  const auto it = std::find(dims.begin(), dims.end(), dim);
  if (it == dims.end()) {
    throw std::out_of_range(fmt::format("array \"{}\" has no dimension \"{}\" (its dimensions: {})", name,
                                        dim,
                                        dims.empty() ? "none" : fmt::format("{}", fmt::join(dims, ", "))));
  }
  return static_cast<std::size_t>(it - dims.begin());
}

void check_view_axes(const LabelledArray& a, std::span<const std::string_view> axes) {
  for (std::size_t k = 0; k < axes.size(); ++k) {
    (void)a.axis(axes[k]);
    if (std::find(axes.begin(), axes.begin() + static_cast<std::ptrdiff_t>(k), axes[k]) !=
        axes.begin() + static_cast<std::ptrdiff_t>(k)) {
      throw std::out_of_range(
          fmt::format("array \"{}\" is read with dimension \"{}\" twice", a.name, axes[k]));
    }
  }
  if (axes.size() != a.dims.size()) {
    throw std::out_of_range(fmt::format("array \"{}\" is over [{}], but is read as [{}]", a.name,
                                        fmt::join(a.dims, ", "), fmt::join(axes, ", ")));
  }
  if (a.shape.size() != a.dims.size()) {
    throw std::out_of_range(fmt::format("array \"{}\" has shape [{}], not one length per dimension ({})",
                                        a.name, fmt::join(a.shape, ", "), fmt::join(a.dims, ", ")));
  }
  std::size_t cells = 1;
  for (const std::size_t n : a.shape) cells *= n;
  if (cells != a.values.size()) {
    throw std::out_of_range(fmt::format("array \"{}\" has {} values, but its shape [{}] needs {}", a.name,
                                        a.values.size(), fmt::join(a.shape, ", "), cells));
  }
}

}  // namespace labsim::results
