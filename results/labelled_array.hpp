// A result file in memory, what every folder of results/ works on: named dimensions with labels, and arrays
// laid out over them.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace labsim::results {

// A named dimension, stored in the file as an HDF5 dimension scale (netCDF-4 style), so that xarray and R
// show labels. Exactly one of `labels` (strings, e.g. jobcentre names or ISO month dates) or `values`
// (numbers, e.g. the lower edge of duration bins in weeks) is filled.
struct Dimension {
  std::string name{};                 // e.g. "month", "jobcentre", "state", "from_state", "duration_weeks"
  std::string description{};          // stored as the scale's `long_name` attribute
  std::string units{};                // optional, e.g. "weeks"
  std::vector<std::string> labels{};  // string coordinates, or
  std::vector<double> values{};       // numeric coordinates
  // Names for people, one per label (e.g. the Danish names of the benefit states), stored as the scale's
  // `display_names` attribute; empty when the labels are all there is.
  std::vector<std::string> display_names{};

  [[nodiscard]] std::size_t size() const { return labels.empty() ? values.size() : labels.size(); }
};

// A dense array in C (row-major) order over `dims`, which name entries of RunOutput::dimensions.
struct LabelledArray {
  std::string name{};               // dataset name, e.g. "stock"
  std::string units{};              // e.g. "full-time persons"
  std::string description{};        // one sentence for the `long_name` attribute
  std::vector<std::string> dims{};  // e.g. {"replication", "month", "jobcentre", "state", "group"}
  std::vector<double> values{};     // as many as the product of `shape`
  bool summarise = true;            // when dims[0] == "replication": also store mean, low95, high95 over it
  // The length of each axis as the values are laid out, one per entry of `dims` (none for a scalar); the
  // writer refuses an array whose shape does not match its dimensions, and the reader fills it from the file.
  std::vector<std::size_t> shape{};

  // The position of the axis called `dim` in `dims`; throws std::out_of_range naming the array, the
  // dimension and the ones it has.
  [[nodiscard]] std::size_t axis(std::string_view dim) const;

  // The value at `index`, one entry per axis in the order of `dims`. Checked by assert (Debug builds).
  [[nodiscard]] double at(std::initializer_list<std::size_t> index) const { return values[offset(index)]; }
  [[nodiscard]] double& at(std::initializer_list<std::size_t> index) { return values[offset(index)]; }

  // The contiguous cells whose leading indices are `leading` (fewer entries than axes): e.g. block({r}) is
  // replication r of a [replication, ...] array, block({r, m, j}) one jobcentre's month.
  [[nodiscard]] std::span<const double> block(std::initializer_list<std::size_t> leading) const {
    return {values.data() + offset(leading), cells_after(leading.size())};
  }
  [[nodiscard]] std::span<double> block(std::initializer_list<std::size_t> leading) {
    return {values.data() + offset(leading), cells_after(leading.size())};
  }

 private:
  // The first cell whose leading indices are `index` (all of them for one cell).
  [[nodiscard]] std::size_t offset(std::initializer_list<std::size_t> index) const {
    assert(shape.size() == dims.size() && "the array has one length per dimension");
    assert(index.size() <= shape.size() && "no more indices than axes");
    std::size_t at = 0, k = 0;
    for (const std::size_t i : index) {
      assert(i < shape[k] && "index within its axis");
      at = at * shape[k++] + i;
    }
    for (; k < shape.size(); ++k) at *= shape[k];
    assert(at <= values.size() && "offset within the values");
    return at;
  }
  [[nodiscard]] std::size_t cells_after(std::size_t leading) const {
    std::size_t n = 1;
    for (std::size_t k = leading; k < shape.size(); ++k) n *= shape[k];
    return n;
  }
};

// An array read through its axes in the order the caller names them, resolved once, so that loops index by
// position with no strings and no layout arithmetic:
//   const AxesView<2> edge(run.array("state_graph_edge"), {"from_state", "to_state"});
//   ... edge(from, to) ...
// Every axis of the array is named once, in any order; the view throws std::out_of_range when the array has
// a different set of axes, and checks indices by assert (Debug builds). It refers to the array's values,
// which must outlive it.
template <std::size_t N>
class AxesView {
 public:
  AxesView(const LabelledArray& a, const std::array<std::string_view, N>& axes);
  AxesView(const LabelledArray&& a, const std::array<std::string_view, N>& axes) = delete;

  template <class... Index>
  requires(sizeof...(Index) == N) [[nodiscard]] double operator()(Index... index) const {
    const std::array<std::size_t, N> at{static_cast<std::size_t>(index)...};
    std::size_t offset = 0;
    for (std::size_t k = 0; k < N; ++k) {
      assert(at[k] < extents_[k] && "index within its axis");
      offset += at[k] * strides_[k];
    }
    return data_[offset];
  }
  // The length of the k-th named axis.
  [[nodiscard]] std::size_t extent(std::size_t k) const { return extents_[k]; }

 private:
  const double* data_ = nullptr;
  std::array<std::size_t, N> extents_{}, strides_{};
};

// The index of every cell of an array of `shape` in storage (C) order, for arrays whose rank is known only at
// run time (e.g. summing over the axes a caller does not name):
//   const std::size_t month = a.axis("month");  // names resolved before the loop
//   CellIndex at(a.shape);
//   for (const double v : a.values) { ... at[month] ...; at.next(); }
class CellIndex {
 public:
  explicit CellIndex(std::vector<std::size_t> shape) : shape_(std::move(shape)), index_(shape_.size(), 0) {}
  [[nodiscard]] std::size_t operator[](std::size_t axis) const { return index_[axis]; }
  // The next cell: the last axis turns fastest, carrying into the ones before it.
  void next() {
    for (std::size_t k = index_.size(); k-- > 0;) {
      if (++index_[k] < shape_[k]) return;
      index_[k] = 0;
    }
  }

 private:
  std::vector<std::size_t> shape_, index_;
};

struct Provenance {
  std::string scenario_path{};
  std::string scenario_text{};  // full scenario after extends and overrides
  std::string labsim_version{};
  std::string git_commit{};
  std::string command_line{};
  std::uint64_t seed = 0;
  int replications = 0;
  double scale = 1.0;
  std::string created_utc{};  // ISO 8601
};

struct RunOutput {
  std::vector<Dimension> dimensions{};
  std::vector<LabelledArray> arrays{};
  Provenance provenance{};
  std::map<std::string, std::string> extra_attributes{};  // further root attributes, e.g. "title"

  [[nodiscard]] bool has_array(const std::string& name) const { return has(arrays, name); }
  [[nodiscard]] bool has_dimension(const std::string& name) const { return has(dimensions, name); }
  // A further root attribute (e.g. "title"), or "" when there is none.
  [[nodiscard]] std::string attribute(const std::string& name) const {
    const auto it = extra_attributes.find(name);
    return it == extra_attributes.end() ? std::string() : it->second;
  }

  // The array or dimension called `name`; throws std::out_of_range if there is none.
  [[nodiscard]] const LabelledArray& array(const std::string& name) const {
    return named(arrays, name, "array");
  }
  [[nodiscard]] const Dimension& dimension(const std::string& name) const {
    return named(dimensions, name, "dimension");
  }

 private:
  template <class T>
  static bool has(const std::vector<T>& items, const std::string& name) {
    for (const auto& item : items) {
      if (item.name == name) return true;
    }
    return false;
  }
  template <class T>
  static const T& named(const std::vector<T>& items, const std::string& name, const char* kind) {
    for (const auto& item : items) {
      if (item.name == name) return item;
    }
    throw std::out_of_range(std::string("run output has no ") + kind + " '" + name + "'");
  }
};

// Throws std::out_of_range unless `axes` names every axis of `a` once and `a` has one length per axis and as
// many values as they need.
void check_view_axes(const LabelledArray& a, std::span<const std::string_view> axes);

template <std::size_t N>
AxesView<N>::AxesView(const LabelledArray& a, const std::array<std::string_view, N>& axes)
    : data_(a.values.data()) {
  check_view_axes(a, axes);
  for (std::size_t k = 0; k < N; ++k) {
    const std::size_t at = a.axis(axes[k]);
    extents_[k] = a.shape[at];
    strides_[k] = 1;
    for (std::size_t after = at + 1; after < N; ++after) strides_[k] *= a.shape[after];
  }
}

}  // namespace labsim::results
