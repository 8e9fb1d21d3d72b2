// What one (replication, jobcentre) task counts: stocks as person-time, flows, offers, interviews, spell
// lengths.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models {

// Completed spells are counted in 4-week bins of duration; the last bin is open-ended.
inline constexpr double kDurationBinWeeks = 4.0;
inline constexpr std::size_t kDurationBins = 40;

// Counts something present over time (persons in a state, persons in an offer) as person-days per month,
// in O(1) per change: a change at time t adds its share of t's month directly and carries the new head
// count into all later months, which are summed once at the end.
class PresenceCounter {
 public:
  PresenceCounter() = default;  // empty, for a task's result slot before the task has run
  PresenceCounter(const sim::MonthCalendar& calendar, std::size_t cells);

  // Someone present from before the first day.
  void add_initial(std::size_t cell) { carried_[cell] += 1.0; }
  // Someone arrives (delta = +1) or leaves (delta = -1) at time t.
  void change(std::size_t cell, sim::Days t, double delta) {
    const int m = calendar_->month_of(t);
    partial_days_[static_cast<std::size_t>(m) * cells_ + cell] += delta * (calendar_->month_end(m) - t).value;
    carried_[static_cast<std::size_t>(m + 1) * cells_ + cell] += delta;
  }

  // Full-time persons per [month][cell]: person-days in the month divided by the month's length.
  [[nodiscard]] std::vector<double> full_time_persons() const;
  // Heads at the start of each month [month][cell], and at the end of the horizon [months][cell].
  [[nodiscard]] std::vector<double> heads_at_month_starts() const;

 private:
  const sim::MonthCalendar* calendar_ = nullptr;
  std::size_t cells_ = 0;
  std::vector<double> carried_;  // [month + 1][cell]: head-count changes that take effect from month start
  std::vector<double> partial_days_;  // [month][cell]: person-days of changes within the month
};

struct TaskTally {
  TaskTally() = default;
  TaskTally(const sim::MonthCalendar& calendar, std::size_t states, std::size_t groups, std::size_t offers);

  std::size_t months = 0, states = 0, groups = 0, offers = 0;
  PresenceCounter in_state;               // [state][group]
  PresenceCounter in_offer;               // [state][offer]
  std::vector<double> inflow;             // [month][state][group] new spells from outside
  std::vector<double> flows;              // [month][from][to] transitions
  std::vector<double> offer_starts;       // [month][state][offer]
  std::vector<double> offer_queue_joins;  // [month][state][offer] interviews that found no free place
  std::vector<double> interviews;         // [month][state]
  std::vector<double> completed_spells;   // [state][duration bin]
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
};

}  // namespace labsim::models
