// Turning per-month partial sums into full-time persons and head counts.
#include "models/counts/tally.hpp"

namespace labsim::models {

PresenceCounter::PresenceCounter(const sim::MonthCalendar& calendar, std::size_t cells)
    : calendar_(&calendar),
      cells_(cells),
      carried_(static_cast<std::size_t>(calendar.months() + 1) * cells, 0.0),
      partial_days_(static_cast<std::size_t>(calendar.months()) * cells, 0.0) {}

std::vector<double> PresenceCounter::heads_at_month_starts() const {
  std::vector<double> heads(carried_.size());
  for (std::size_t c = 0; c < cells_; ++c) {
    double running = 0;
    for (std::size_t m = 0; m * cells_ < carried_.size(); ++m) {
      running += carried_[m * cells_ + c];
      heads[m * cells_ + c] = running;
    }
  }
  return heads;
}

std::vector<double> PresenceCounter::full_time_persons() const {
  const std::vector<double> heads = heads_at_month_starts();
  std::vector<double> fte(partial_days_.size());
  for (std::size_t m = 0; m * cells_ < partial_days_.size(); ++m) {
    const double days = calendar_->month_length_days(static_cast<int>(m));
    for (std::size_t c = 0; c < cells_; ++c) {
      fte[m * cells_ + c] = heads[m * cells_ + c] + partial_days_[m * cells_ + c] / days;
    }
  }
  return fte;
}

void PresenceCounter::add_interval(std::size_t cell, double from, double to) {
  const double horizon = calendar_->horizon().value;
  if (to <= from || to <= 0 || from >= horizon) return;
  if (from <= 0) {
    add_initial(cell);
  } else {
    change(cell, sim::Days{from}, +1.0);
  }
  if (to < horizon) change(cell, sim::Days{to}, -1.0);
}

TaskTally::TaskTally(const sim::MonthCalendar& calendar, const TallyShape& shape)
    : months(static_cast<std::size_t>(calendar.months())),
      states(shape.states),
      groups(shape.groups),
      offers(shape.offers),
      benefit_groups(shape.benefit_groups),
      cohorts(shape.cohorts),
      in_state(calendar, states * groups),
      in_offer(calendar, states * offers),
      labour_reserve(calendar, groups),
      untimely(calendar, states),
      hours_worked(calendar, states),
      cohort_in_state(calendar, cohorts * states),
      cohort_in_company(calendar, cohorts * states),
      inflow(months * states * groups, 0.0),
      flows(months * states * states, 0.0),
      offer_starts(months * states * offers, 0.0),
      offer_queue_joins(months * states * offers, 0.0),
      interviews(months * states, 0.0),
      other_actor_interviews(months * states, 0.0),
      interview_wait_days(months * states, 0.0),
      limit_reached(months * states, 0.0),
      job_exits(months * states, 0.0),
      job_exit_weeks(months * states, 0.0),
      job_starts(months * states, 0.0),
      jobs_kept(months * states, 0.0),
      first_interview_due(months * benefit_groups * kWindows, 0.0),
      first_interview_met(months * benefit_groups * kWindows, 0.0),
      first_offer_due(months * benefit_groups * kWindows, 0.0),
      first_offer_met(months * benefit_groups * kWindows, 0.0),
      completed_spells(states * kDurationBins, 0.0),
      cohort_members(cohorts, 0.0) {}

}  // namespace labsim::models
