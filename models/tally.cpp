// Turning per-month partial sums into full-time persons and head counts.
#include "models/tally.hpp"

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

TaskTally::TaskTally(const sim::MonthCalendar& calendar, std::size_t state_count, std::size_t group_count,
                     std::size_t offer_count)
    : months(static_cast<std::size_t>(calendar.months())),
      states(state_count),
      groups(group_count),
      offers(offer_count),
      in_state(calendar, state_count * group_count),
      in_offer(calendar, state_count * offer_count),
      inflow(months * states * groups, 0.0),
      flows(months * states * states, 0.0),
      offer_starts(months * states * offers, 0.0),
      offer_queue_joins(months * states * offers, 0.0),
      interviews(months * states, 0.0),
      completed_spells(states * kDurationBins, 0.0) {}

}  // namespace labsim::models
