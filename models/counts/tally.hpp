// What one (replication, jobcentre) task counts: stocks as person-time, flows, offers, interviews, spell
// lengths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/counts/grid.hpp"
#include "models/counts/monthly_counts.hpp"
#include "models/counts/presence_counter.hpp"
#include "models/counts/trial_record.hpp"
#include "models/rules/windows.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/calendar.hpp"

namespace labsim::models {

// Completed spells are counted in 4-week bins of duration; the last bin is open-ended.
inline constexpr double kDurationBinWeeks = 4.0;
inline constexpr std::size_t kDurationBins = 40;

// The sizes a task tally is laid out by.
struct TallyShape {
  std::size_t states = 0, groups = 0, offers = 0, benefit_groups = 0, cohorts = 0, pools = 1;
  std::size_t reimbursement_bands = 0;  // the most bands of any state's passive reimbursement by duration
};

struct TaskTally {
  TaskTally() = default;
  TaskTally(const sim::MonthCalendar& calendar, const TallyShape& shape);

  // Turns the person-time counted so far into the full-time persons of `monthly`; called once the task has
  // run to its horizon.
  void close();

  // Inflow, flows and timeliness are counted here as they happen; its full-time persons are filled by
  // close().
  MonthlyCounts monthly;
  PresenceCounter<Axis::state, Axis::group> in_state;
  PresenceCounter<Axis::state, Axis::offer> in_offer;
  PresenceCounter<Axis::group> labour_reserve;  // more than 3 months of continuous public support
  PresenceCounter<Axis::state> untimely;        // past the legal first-offer deadline without an offer
  PresenceCounter<Axis::state> hours_worked;    // partial return: share of full time worked
  // Persons by spell-duration band of the reimbursement in force, in states whose share changes with it.
  PresenceCounter<Axis::state, Axis::duration_band> in_reimbursement_band;
  PresenceCounter<Axis::cohort, Axis::state> cohort_in_state;
  PresenceCounter<Axis::cohort, Axis::state> cohort_in_company;  // cohort members in company-based offers
  StateOfferByMonth offer_starts;
  StateOfferByMonth offer_queue_joins;  // offers that found no free place
  StateByMonth interviews;              // held by the jobcentre's caseworkers
  StateByMonth other_actor_interviews;
  StateByMonth interview_wait_days;  // waiting for a free caseworker, summed
  StateByMonth limit_reached;        // benefit ran out and the person moved on
  StateByMonth job_exits;            // job-finding exits
  StateByMonth job_exit_weeks;       // spell length of those exits, summed
  StateByMonth job_starts;           // by the state left: job spells begun from support
  StateByMonth jobs_kept;            // of those, still in the job 6 months on
  // Contacts asked of each capacity pool, the slots they take (a group meeting's share of one) and their
  // waits for a free slot in days, by the month they were asked for.
  Grid<Axis::month, Axis::pool> pool_contacts;
  Grid<Axis::month, Axis::pool> pool_slots_used;
  Grid<Axis::month, Axis::pool> pool_wait_days;
  Grid<Axis::month, Axis::pool> pool_slots;  // slots the pool has in the month; 0 when unlimited
  Grid<Axis::state, Axis::duration_weeks> completed_spells;
  Grid<Axis::cohort> cohort_members;
  Grid<Axis::month, Axis::cohort> cohort_job_starts;  // members' job starts from public support
  Grid<Axis::month> contact_cost_dkk;                 // contact forms' cost of the contacts held
  std::vector<TrialRecord> trial;                     // participants, in order of enrolment
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
};

}  // namespace labsim::models
