// Laying out a task's counts, and closing them at the horizon.
#include "models/counts/tally.hpp"

namespace labsim::models {

TaskTally::TaskTally(const sim::MonthCalendar& calendar, const TallyShape& shape)
    : monthly(static_cast<std::size_t>(calendar.months()), shape.states, shape.groups, shape.offers,
              shape.benefit_groups),
      in_state(calendar, shape.states, shape.groups),
      in_offer(calendar, shape.states, shape.offers),
      labour_reserve(calendar, shape.groups),
      untimely(calendar, shape.states),
      hours_worked(calendar, shape.states),
      in_reimbursement_band(calendar, shape.states, shape.reimbursement_bands),
      cohort_in_state(calendar, shape.cohorts, shape.states),
      cohort_in_company(calendar, shape.cohorts, shape.states),
      offer_starts(static_cast<std::size_t>(calendar.months()), shape.states, shape.offers),
      offer_queue_joins(offer_starts),
      interviews(static_cast<std::size_t>(calendar.months()), shape.states),
      other_actor_interviews(interviews),
      interview_wait_days(interviews),
      limit_reached(interviews),
      job_exits(interviews),
      job_exit_weeks(interviews),
      job_starts(interviews),
      jobs_kept(interviews),
      pool_contacts(static_cast<std::size_t>(calendar.months()), shape.pools),
      pool_slots_used(pool_contacts),
      pool_wait_days(pool_contacts),
      pool_slots(pool_contacts),
      completed_spells(shape.states, kDurationBins),
      cohort_members(shape.cohorts),
      cohort_job_starts(static_cast<std::size_t>(calendar.months()), shape.cohorts),
      contact_cost_dkk(static_cast<std::size_t>(calendar.months())) {}

void TaskTally::close() {
  monthly.in_state = in_state.full_time_persons();
  monthly.in_offer = in_offer.full_time_persons();
  // Summed over groups.
  const auto reserve = labour_reserve.full_time_persons();
  for (std::size_t m = 0; m < monthly.labour_reserve.size(); ++m) {
    double sum = 0;
    for (std::size_t g = 0; g < reserve.extent(1); ++g) sum += reserve.at(m, g);
    monthly.labour_reserve.at(m) = sum;
  }
}

}  // namespace labsim::models
