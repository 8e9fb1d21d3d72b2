// What one (replication, jobcentre) task counts: stocks as person-time, flows, offers, interviews, spell
// lengths.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "models/counts/trial_record.hpp"
#include "models/rules/windows.hpp"
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

  // Someone present from `from` until `to` (days; either may lie outside the run), recorded after the fact.
  void add_interval(std::size_t cell, double from, double to);

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

// The sizes a task tally is laid out by.
struct TallyShape {
  std::size_t states = 0, groups = 0, offers = 0, benefit_groups = 0, cohorts = 0;
};

struct TaskTally {
  TaskTally() = default;
  TaskTally(const sim::MonthCalendar& calendar, const TallyShape& shape);

  std::size_t months = 0, states = 0, groups = 0, offers = 0, benefit_groups = 0, cohorts = 0;
  PresenceCounter in_state;                    // [state][group]
  PresenceCounter in_offer;                    // [state][offer]
  PresenceCounter labour_reserve;              // [group] more than 3 months of continuous public support
  PresenceCounter untimely;                    // [state] past the legal first-offer deadline without an offer
  PresenceCounter hours_worked;                // [state] partial return: share of full time worked
  PresenceCounter cohort_in_state;             // [cohort][state]
  PresenceCounter cohort_in_company;           // [cohort][state] cohort members in company-based offers
  std::vector<double> inflow;                  // [month][state][group] new spells from outside
  std::vector<double> flows;                   // [month][from][to] transitions
  std::vector<double> offer_starts;            // [month][state][offer]
  std::vector<double> offer_queue_joins;       // [month][state][offer] offers that found no free place
  std::vector<double> interviews;              // [month][state] held by the jobcentre's caseworkers
  std::vector<double> other_actor_interviews;  // [month][state]
  std::vector<double> interview_wait_days;     // [month][state] waiting for a free caseworker, summed
  std::vector<double> limit_reached;           // [month][state] benefit ran out and the person moved on
  std::vector<double> job_exits;               // [month][state] job-finding exits
  std::vector<double> job_exit_weeks;          // [month][state] spell length of those exits, summed
  std::vector<double> job_starts;              // [month][state left] job spells begun from support
  std::vector<double> jobs_kept;               // [month][state left] of those, still in the job 6 months on
  // Timeliness per cohort month of spell start: [month][benefit group][window].
  std::vector<double> first_interview_due, first_interview_met;
  std::vector<double> first_offer_due, first_offer_met;
  std::vector<double> completed_spells;  // [state][duration bin]
  std::vector<double> cohort_members;    // [cohort]
  std::vector<TrialRecord> trial;        // participants, in order of enrolment
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
};

}  // namespace labsim::models
