// Dense tables over the Markov twin's own axes (exempt or not, support class, profile step, ...), for work
// tables that never reach the result file, and sparse sums and cohort lookups kept in such tables.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "models/dense_table.hpp"
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

// The length of an axis that is the same in every table (0 when each table has its own), found by
// models/dense_table.hpp: known when compiling, so that keys over it cost no load and taking them apart no
// division by a variable.
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

// Values of T in C (row-major) order over the twin's axes: Table<T, TwinAxis::state, TwinAxis::group> is
// indexed at(state, group), its group axis of the fixed length above (models/dense_table.hpp).
template <class T, TwinAxis... Axes>
using Table = DenseTable<T, TwinAxis, Axes...>;

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
