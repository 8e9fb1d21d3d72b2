// A dense table over named axes: the type lists the axes, the object knows their lengths, and a cell's flat
// key is computed (and taken apart) here only, for the result file's counts and the Markov twin's work tables
// alike.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace labsim::models {

namespace dense_table_detail {

// Whether the axis enum's namespace declares `constexpr std::size_t fixed_length(AxisEnum)`.
template <class AxisEnum>
concept DeclaresFixedLength = requires(AxisEnum axis) {
  { fixed_length(axis) } -> std::convertible_to<std::size_t>;
};

}  // namespace dense_table_detail

// The length an axis has in every table, known when compiling, so that keys over it cost no load and taking
// them apart no division by a variable: fixed_length(axis), found next to the axis enum by argument-dependent
// lookup, where its namespace declares one; else 0, each table giving the axis its own length.
template <class AxisEnum>
constexpr std::size_t fixed_axis_length(AxisEnum axis) {
  if constexpr (dense_table_detail::DeclaresFixedLength<AxisEnum>) {
    return fixed_length(axis);
  } else {
    return 0;
  }
}

// Values of T in C (row-major) order over `Axes`, each T{} (0 for numbers) at construction:
// DenseTable<double, Axis, Axis::month, Axis::state> is indexed at(month, state). Indices are checked against
// the lengths in Debug builds; nothing here allocates after construction.
template <class T, class AxisEnum, AxisEnum... Axes>
class DenseTable {
 public:
  static constexpr std::size_t rank = sizeof...(Axes);
  static constexpr std::array<AxisEnum, rank> axes{Axes...};
  using Index = std::array<std::size_t, rank>;
  using Key = std::size_t;  // a cell's position in C order

  DenseTable() = default;  // every length 0, for a slot before it is filled
  template <std::integral... Lengths>
  explicit DenseTable(Lengths... lengths)
      : extents_{static_cast<std::size_t>(lengths)...}, values_(count(extents_)) {
    static_assert(sizeof...(Lengths) == rank, "a dense table takes one length per axis");
    for (std::size_t a = 0; a < rank; ++a)
      assert((kFixed[a] == 0 || kFixed[a] == extents_[a]) &&
             "dense table: an axis of fixed length must be given that length");
  }

  // The key of a cell, one index per axis.
  template <std::integral... I>
  [[nodiscard]] Key key(I... index) const {
    static_assert(sizeof...(I) == rank, "a dense table cell takes one index per axis");
    return key_of(Index{static_cast<std::size_t>(index)...}, std::make_index_sequence<rank>{});
  }
  [[nodiscard]] Key key(const Index& index) const { return key_of(index, std::make_index_sequence<rank>{}); }
  // The indices of the cell with this key.
  [[nodiscard]] Index index(Key key) const {
    assert(key < values_.size() && "dense table: key out of range");
    Index at{};
    index_of(key, at, std::make_index_sequence<rank>{});
    return at;
  }

  template <std::integral... I>
  [[nodiscard]] T& at(I... index) {
    return (*this)[key(index...)];
  }
  template <std::integral... I>
  [[nodiscard]] const T& at(I... index) const {
    return (*this)[key(index...)];
  }
  [[nodiscard]] T& at(const Index& index) { return (*this)[key(index)]; }
  [[nodiscard]] const T& at(const Index& index) const { return (*this)[key(index)]; }
  [[nodiscard]] T& operator[](Key key) {
    assert(key < values_.size() && "dense table: key out of range");
    return values_[key];
  }
  [[nodiscard]] const T& operator[](Key key) const {
    assert(key < values_.size() && "dense table: key out of range");
    return values_[key];
  }

  // The cells along the last axis, at the given indices of the others.
  template <std::integral... I>
  [[nodiscard]] std::span<T> row(I... leading) {
    return {values_.data() + row_start(leading...), length<rank - 1>()};
  }
  template <std::integral... I>
  [[nodiscard]] std::span<const T> row(I... leading) const {
    return {values_.data() + row_start(leading...), length<rank - 1>()};
  }

  // The length of each axis, in the order of `axes`.
  [[nodiscard]] const Index& extents() const { return extents_; }
  [[nodiscard]] std::size_t extent(std::size_t axis) const { return extents_[axis]; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }

  // Every value in C order, for what does not care about the layout (sums, copies, cell-by-cell maths on
  // tables of the same axes).
  [[nodiscard]] std::span<const T> values() const { return values_; }
  [[nodiscard]] std::span<T> values() { return values_; }

  // Sets every value to `value`.
  void fill(const T& value) { std::fill(values_.begin(), values_.end(), value); }

  // Counts one at the cell.
  template <std::integral... I>
  void add(I... index) requires std::is_arithmetic_v<T> {
    at(index...) += 1;
  }

  // Adds `other` cell by cell; both have the same lengths.
  DenseTable& operator+=(const DenseTable& other) requires std::is_arithmetic_v<T> {
    assert(other.extents_ == extents_ && "dense tables added cell by cell must have the same lengths");
    for (std::size_t i = 0; i < values_.size(); ++i) values_[i] += other.values_[i];
    return *this;
  }

  friend bool operator==(const DenseTable&, const DenseTable&) = default;

 private:
  static constexpr std::array<std::size_t, rank> kFixed{fixed_axis_length(Axes)...};

  template <std::size_t A>
  [[nodiscard]] std::size_t length() const {
    if constexpr (kFixed[A] > 0) {
      return kFixed[A];
    } else {
      return extents_[A];
    }
  }
  template <std::size_t... A>
  [[nodiscard]] Key key_of(const Index& at, std::index_sequence<A...>) const {
    Key k = 0;
    ((assert(at[A] < length<A>() && "dense table: index out of range for its axis"),
      k = k * length<A>() + at[A]),
     ...);
    return k;
  }
  // From the last axis to the first.
  template <std::size_t... A>
  void index_of(Key key, Index& at, std::index_sequence<A...>) const {
    ((at[rank - 1 - A] = key % length<rank - 1 - A>(), key /= length<rank - 1 - A>()), ...);
  }
  template <std::integral... I>
  [[nodiscard]] std::size_t row_start(I... leading) const {
    static_assert(sizeof...(I) + 1 == rank, "a dense table row takes one index per axis but the last");
    return key_of(Index{static_cast<std::size_t>(leading)..., 0}, std::make_index_sequence<rank - 1>{}) *
           length<rank - 1>();
  }

  static std::size_t count(const Index& extents) {
    std::size_t n = 1;
    for (std::size_t e : extents) n *= e;
    return n;
  }

  Index extents_{};
  std::vector<T> values_;
};

// f(a, b) cell by cell, over tables of the same axes and lengths.
template <class T, class AxisEnum, AxisEnum... Axes, class F>
DenseTable<T, AxisEnum, Axes...> cellwise(const DenseTable<T, AxisEnum, Axes...>& a,
                                          const DenseTable<T, AxisEnum, Axes...>& b, F f) {
  assert(a.extents() == b.extents() && "dense tables combined cell by cell must have the same lengths");
  DenseTable<T, AxisEnum, Axes...> out = a;
  const auto x = a.values(), y = b.values();
  const auto z = out.values();
  for (std::size_t i = 0; i < z.size(); ++i) z[i] = f(x[i], y[i]);
  return out;
}

}  // namespace labsim::models
