// Counts something present over time (persons in a state, persons in an offer) as person-days per month, in
// cells over named axes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>

#include "models/counts/grid.hpp"
#include "sim/calendar.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models {

// O(1) per change: a change at time t adds its share of t's month directly and carries the new head count
// into all later months, which are summed once at the end. PresenceCounter<Axis::state, Axis::group> counts
// in cells {state, group}.
template <Axis... Cells>
class PresenceCounter {
 public:
  using ByMonth = Grid<Axis::month, Cells...>;
  using Cell = typename Grid<Cells...>::Index;

  PresenceCounter() = default;  // empty, for a task's result slot before the task has run
  template <std::integral... Lengths>
  explicit PresenceCounter(const sim::MonthCalendar& calendar, Lengths... cell_lengths)
      : calendar_(&calendar),
        carried_(static_cast<std::size_t>(calendar.months() + 1), cell_lengths...),
        partial_days_(static_cast<std::size_t>(calendar.months()), cell_lengths...) {}

  // Someone present from before the first day.
  void add_initial(const Cell& cell) { carried_.at(in_month(0, cell)) += 1.0; }
  // Someone arrives (delta = +1) or leaves (delta = -1) at time t.
  void change(const Cell& cell, sim::Days t, double delta) {
    const int m = calendar_->month_of(t);
    partial_days_.at(in_month(static_cast<std::size_t>(m), cell)) +=
        delta * (calendar_->month_end(m) - t).value;
    carried_.at(in_month(static_cast<std::size_t>(m + 1), cell)) += delta;
  }

  // Someone present from `from` until `to` (days; either may lie outside the run), recorded after the fact.
  void add_interval(const Cell& cell, double from, double to) {
    const double horizon = calendar_->horizon().value;
    if (to <= from || to <= 0 || from >= horizon) return;
    if (from <= 0) {
      add_initial(cell);
    } else {
      change(cell, sim::Days{from}, +1.0);
    }
    if (to < horizon) change(cell, sim::Days{to}, -1.0);
  }

  // Full-time persons per month and cell: person-days in the month divided by the month's length.
  [[nodiscard]] ByMonth full_time_persons() const {
    const ByMonth heads = running_heads();
    ByMonth fte = partial_days_;
    const auto h = heads.values();
    const auto out = fte.values();
    const std::size_t cells = cells_per_month();
    for (std::size_t m = 0; m < months(); ++m) {
      const double days = calendar_->month_length_days(static_cast<int>(m));
      for (std::size_t c = m * cells; c < (m + 1) * cells; ++c) out[c] = h[c] + out[c] / days;
    }
    return fte;
  }
  // Heads at the start of each month.
  [[nodiscard]] ByMonth heads_at_month_starts() const {
    const ByMonth heads = running_heads();
    ByMonth out = partial_days_;
    std::copy_n(heads.values().begin(), out.size(), out.values().begin());
    return out;
  }
  // Heads at the end of the horizon.
  [[nodiscard]] Grid<Cells...> heads_at_end() const {
    const ByMonth heads = running_heads();
    Grid<Cells...> out = empty_cells(std::make_index_sequence<sizeof...(Cells)>{});
    std::copy_n(heads.values().end() - static_cast<std::ptrdiff_t>(out.size()), out.size(),
                out.values().begin());
    return out;
  }

 private:
  static typename ByMonth::Index in_month(std::size_t month, const Cell& cell) {
    typename ByMonth::Index index{month};
    std::copy(cell.begin(), cell.end(), index.begin() + 1);
    return index;
  }
  [[nodiscard]] std::size_t months() const { return partial_days_.extent(0); }
  [[nodiscard]] std::size_t cells_per_month() const {
    return months() == 0 ? 0 : partial_days_.size() / months();
  }
  template <std::size_t... K>
  [[nodiscard]] Grid<Cells...> empty_cells(std::index_sequence<K...>) const {
    return Grid<Cells...>(carried_.extent(K + 1)...);
  }

  // Heads at each month start [month + 1][cells...], the last at the end of the horizon.
  [[nodiscard]] ByMonth running_heads() const {
    ByMonth heads = carried_;
    const auto v = heads.values();
    const std::size_t cells = cells_per_month();
    for (std::size_t c = cells; c < v.size(); ++c) v[c] += v[c - cells];
    return heads;
  }

  const sim::MonthCalendar* calendar_ = nullptr;
  ByMonth carried_;       // [month + 1][cells...]: head-count changes that take effect from month start
  ByMonth partial_days_;  // [month][cells...]: person-days of changes within the month
};

}  // namespace labsim::models
