// Dense tables over the Markov twin's own axes (exempt or not, support class, profile step, ...): the twin's
// counterpart of models/counts/grid.hpp for work tables that never reach the result file. The type lists the
// axes, the object knows their lengths, and a cell's flat key is computed (and taken apart) here only.
#pragma once

#include <algorithm>
#include <array>
#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "models/person_group.hpp"

namespace labsim::models::twin {

// What an axis of a twin work table runs over.
enum class TwinAxis : std::uint8_t {
  jobcentre,
  state,
  group,
  exempt,         // 0 followed up as usual, 1 exempt
  support_class,  // when entries join the labour reserve (see twin_cohorts.hpp)
  band,           // hazard band of spell duration
  to_state,
  offer,
  profile_kind,     // new spells, initial stock past the practice deadline or before it
  before_deadline,  // 0 past the practice deadline, 1 before it
  profile_slot,     // a cell of the profile table [profile kind][state][group]
  profile_or_none,  // 0 without a profile, else 1 + the profile slot
  profile_step,     // step of a follow-up profile's grid
  completion_state,
  in_reserve,  // 0 not (yet) in the labour reserve, 1 in it
  schedule_bin,
  status,  // a follow-up chain's offer status
};

// Entries are kept apart by when they join the labour reserve, in this many classes (twin_cohorts.hpp).
constexpr std::size_t kSupportClasses = 5;

// The length of an axis that is the same in every table (0 when each table has its own): known when
// compiling, so that keys over it cost no load and taking them apart no division by a variable.
constexpr std::size_t fixed_length(TwinAxis axis) {
  switch (axis) {
    case TwinAxis::group:
      return kGroupCount;
    case TwinAxis::exempt:
    case TwinAxis::in_reserve:
    case TwinAxis::before_deadline:
      return 2;
    case TwinAxis::support_class:
      return kSupportClasses;
    case TwinAxis::profile_kind:
      return 3;
    default:
      return 0;
  }
}

// Values of T in C (row-major) order over `Axes`: Table<T, TwinAxis::state, TwinAxis::group> is indexed
// at(state, group). Indices are checked against the lengths in Debug builds; nothing allocates after
// construction.
template <class T, TwinAxis... Axes>
class Table {
 public:
  static constexpr std::size_t rank = sizeof...(Axes);
  static constexpr std::array<TwinAxis, rank> axes{Axes...};
  using Index = std::array<std::size_t, rank>;
  using Key = std::size_t;  // a cell's position in C order

  Table() = default;
  template <std::integral... Lengths>
  explicit Table(Lengths... lengths)
      : extents_{static_cast<std::size_t>(lengths)...}, values_(count(extents_)) {
    static_assert(sizeof...(Lengths) == rank, "a table takes one length per axis");
    for (std::size_t a = 0; a < rank; ++a)
      assert((kFixed[a] == 0 || kFixed[a] == extents_[a]) && "an axis of fixed length takes that length");
  }

  // The key of a cell, one index per axis.
  template <std::integral... I>
  [[nodiscard]] Key key(I... index) const {
    static_assert(sizeof...(I) == rank, "a table cell takes one index per axis");
    return key_of(Index{static_cast<std::size_t>(index)...}, std::make_index_sequence<rank>{});
  }
  // The indices of the cell with this key.
  [[nodiscard]] Index index(Key key) const {
    assert(key < values_.size() && "twin table key out of range");
    Index at{};
    index_of(key, at, std::make_index_sequence<rank>{});
    return at;
  }

  template <std::integral... I>
  [[nodiscard]] T& at(I... index) {
    return values_[key(index...)];
  }
  template <std::integral... I>
  [[nodiscard]] const T& at(I... index) const {
    return values_[key(index...)];
  }
  [[nodiscard]] T& operator[](Key key) {
    assert(key < values_.size() && "twin table key out of range");
    return values_[key];
  }
  [[nodiscard]] const T& operator[](Key key) const {
    assert(key < values_.size() && "twin table key out of range");
    return values_[key];
  }

  // The cells along the last axis, at the given indices of the others.
  template <std::integral... I>
  [[nodiscard]] std::span<T> row(I... leading) {
    return {values_.data() + row_start(leading...), extents_[rank - 1]};
  }
  template <std::integral... I>
  [[nodiscard]] std::span<const T> row(I... leading) const {
    return {values_.data() + row_start(leading...), extents_[rank - 1]};
  }

  [[nodiscard]] std::size_t extent(std::size_t axis) const { return extents_[axis]; }
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  void fill(const T& value) { std::fill(values_.begin(), values_.end(), value); }

 private:
  static constexpr std::array<std::size_t, rank> kFixed{fixed_length(Axes)...};

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
    ((assert(at[A] < length<A>() && "twin table index out of range"), k = k * length<A>() + at[A]), ...);
    return k;
  }
  // From the last axis to the first.
  template <std::size_t... A>
  void index_of(Key key, Index& at, std::index_sequence<A...>) const {
    ((at[rank - 1 - A] = key % length<rank - 1 - A>(), key /= length<rank - 1 - A>()), ...);
  }
  template <std::integral... I>
  [[nodiscard]] std::size_t row_start(I... leading) const {
    static_assert(sizeof...(I) + 1 == rank, "a row takes one index per axis but the last");
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

// Sums in a table most of whose cells stay empty: the cells added to are remembered, so that reading and
// clearing them costs what was added, not the table's size. T{} is empty, and T::empty() says whether a
// cell still is.
template <class T, TwinAxis... Axes>
class SparseSums {
 public:
  using Cells = Table<T, Axes...>;
  using Index = typename Cells::Index;

  SparseSums() = default;
  template <std::integral... Lengths>
  explicit SparseSums(Lengths... lengths) : cells_(lengths...) {}

  // The cell to add to.
  template <std::integral... I>
  [[nodiscard]] T& add_at(I... index) {
    const auto key = cells_.key(index...);
    T& cell = cells_[key];
    if (cell.empty()) added_.push_back(key);
    return cell;
  }

  // f(index, cell) for every cell added to, in the order first added to.
  template <class F>
  void for_each(F f) const {
    for (const auto key : added_) f(cells_.index(key), cells_[key]);
  }
  // The same, emptying each cell after f has read it.
  template <class F>
  void drain(F f) {
    for (const auto key : added_) {
      f(cells_.index(key), cells_[key]);
      cells_[key] = T{};
    }
    added_.clear();
  }

 private:
  Cells cells_;
  std::vector<typename Cells::Key> added_;
};

// Which cohort stands for each cell, while cohorts are merged into it; forgetting clears only the cells set.
template <TwinAxis... Axes>
class CohortLookup {
 public:
  using Cells = Table<std::size_t, Axes...>;
  using Key = typename Cells::Key;

  CohortLookup() = default;
  template <std::integral... Lengths>
  explicit CohortLookup(Lengths... lengths) : cells_(lengths...) {
    cells_.fill(kNone);
  }

  template <std::integral... I>
  [[nodiscard]] Key key(I... index) const {
    return cells_.key(index...);
  }
  [[nodiscard]] std::optional<std::size_t> find(Key key) const {
    const std::size_t cohort = cells_[key];
    return cohort == kNone ? std::nullopt : std::optional<std::size_t>(cohort);
  }
  void set(Key key, std::size_t cohort) {
    if (cells_[key] == kNone) set_.push_back(key);
    cells_[key] = cohort;
  }
  void forget_all() {
    for (const Key key : set_) cells_[key] = kNone;
    set_.clear();
  }

 private:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  Cells cells_;
  std::vector<Key> set_;
};

}  // namespace labsim::models::twin
