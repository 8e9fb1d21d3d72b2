// Counts over named axes: a dense array whose type lists its axes (the result file's dimension names) and
// whose object knows their lengths, so that no layout lives in a comment and no index is computed by hand.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace labsim::models {

// What an axis of counts runs over. Each is a dimension of the result file, named by axis_name().
enum class Axis : std::uint8_t {
  month,
  state,
  from_state,
  to_state,
  group,
  offer,
  benefit_group,
  within,  // timeliness window
  duration_weeks,
  cohort,
  cost_item,
  payer,
};

// The axis's dimension name in the result file.
constexpr const char* axis_name(Axis axis) {
  switch (axis) {
    case Axis::month:
      return "month";
    case Axis::state:
      return "state";
    case Axis::from_state:
      return "from_state";
    case Axis::to_state:
      return "to_state";
    case Axis::group:
      return "group";
    case Axis::offer:
      return "offer";
    case Axis::benefit_group:
      return "benefit_group";
    case Axis::within:
      return "within";
    case Axis::duration_weeks:
      return "duration_weeks";
    case Axis::cohort:
      return "cohort";
    case Axis::cost_item:
      return "cost_item";
    case Axis::payer:
      return "payer";
  }
  return "";
}

// Values in C (row-major) order over `Axes`, all 0 at construction: Grid<Axis::month, Axis::state> is
// indexed at(month, state). Indices are checked against the lengths in Debug builds; nothing here allocates
// after construction.
template <Axis... Axes>
class Grid {
 public:
  static constexpr std::size_t rank = sizeof...(Axes);
  static constexpr std::array<Axis, rank> axes{Axes...};
  using Index = std::array<std::size_t, rank>;

  Grid() = default;  // every length 0, for a result slot before it is filled
  template <std::integral... Lengths>
  explicit Grid(Lengths... lengths)
      : extents_{static_cast<std::size_t>(lengths)...}, values_(product(extents_), 0.0) {
    static_assert(sizeof...(Lengths) == rank, "a grid takes one length per axis");
  }

  template <std::integral... I>
  [[nodiscard]] double& at(I... index) {
    static_assert(sizeof...(I) == rank, "a grid cell takes one index per axis");
    return values_[offset({static_cast<std::size_t>(index)...})];
  }
  template <std::integral... I>
  [[nodiscard]] double at(I... index) const {
    static_assert(sizeof...(I) == rank, "a grid cell takes one index per axis");
    return values_[offset({static_cast<std::size_t>(index)...})];
  }
  [[nodiscard]] double& at(const Index& index) { return values_[offset(index)]; }
  [[nodiscard]] double at(const Index& index) const { return values_[offset(index)]; }

  // Counts one at the cell.
  template <std::integral... I>
  void add(I... index) {
    at(index...) += 1;
  }

  // The length of each axis, in the order of `axes`.
  [[nodiscard]] const Index& extents() const { return extents_; }
  [[nodiscard]] std::size_t extent(std::size_t axis) const { return extents_[axis]; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }

  // Every value in C order, for what does not care about the layout (sums, copies, cell-by-cell maths on
  // grids of the same axes).
  [[nodiscard]] std::span<const double> values() const { return values_; }
  [[nodiscard]] std::span<double> values() { return values_; }

  // Sets every value to `value`.
  void fill(double value) { std::fill(values_.begin(), values_.end(), value); }

  // Adds `other` cell by cell; both have the same lengths.
  Grid& operator+=(const Grid& other) {
    assert(other.extents_ == extents_ && "grids added cell by cell must have the same lengths");
    for (std::size_t i = 0; i < values_.size(); ++i) values_[i] += other.values_[i];
    return *this;
  }

  friend bool operator==(const Grid&, const Grid&) = default;

 private:
  static std::size_t product(const Index& extents) {
    std::size_t n = 1;
    for (std::size_t e : extents) n *= e;
    return n;
  }

  [[nodiscard]] std::size_t offset(const Index& index) const {
    std::size_t at = 0;
    for (std::size_t k = 0; k < rank; ++k) {
      assert(index[k] < extents_[k] && "grid index out of range");
      at = at * extents_[k] + index[k];
    }
    return at;
  }

  Index extents_{};
  std::vector<double> values_;
};

// f(a, b) cell by cell, over grids of the same axes and lengths.
template <Axis... Axes, class F>
Grid<Axes...> cellwise(const Grid<Axes...>& a, const Grid<Axes...>& b, F f) {
  assert(a.extents() == b.extents() && "grids combined cell by cell must have the same lengths");
  Grid<Axes...> out = a;
  const auto x = a.values(), y = b.values();
  const auto z = out.values();
  for (std::size_t i = 0; i < z.size(); ++i) z[i] = f(x[i], y[i]);
  return out;
}

}  // namespace labsim::models
