// The event handler of one (replication, jobcentre) task: transitions, interviews with limited caseworker
// time, offers with limited places, legal deadlines, benefit limits, and the after-the-fact accounting
// behind the indicators.
#pragma once

#include <optional>

#include "models/counts/tally.hpp"
#include "models/model.hpp"
#include "models/rules/timeliness.hpp"
#include "models/simulator/population.hpp"
#include "models/simulator/trial_recorder.hpp"
#include "models/simulator/waiting_lists.hpp"
#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"

namespace labsim::models {

// Where a person is in a programme that keeps positions (CompiledProgramme::keeps_position); reset with each
// new spell.
struct ProgrammePosition {
  double step_start_day = 0;
  double deadline_from_day = 0;  // offers started since then meet the step's first-offer deadline
  double last_offer_start_day = -kNever;
  double last_offer_end_day = -kNever;
  StepIndex step = 0;
  bool repeat_handled = false;  // the repeated-activation deadline after the last offer has been acted on
};

class LabourMarket {
 public:
  LabourMarket(const Model& model, std::size_t jobcentre, Population& population,
               const sim::RandomStreams& streams, TaskTally& tally);

  // Runs the scenario's trial in this task: enrols participants and records their outcomes.
  void attach_trial(TrialRecorder* trial) { trial_ = trial; }

  // Schedules every person's first event.
  void start(sim::EventQueue& queue);

  // Carries out the person's pending event; returns the time of their next one. Called by sim::run_until.
  std::optional<sim::Days> handle(sim::PersonId p, sim::Days now, sim::EventQueue& queue);

  // Closes what is still open at the horizon: labour-reserve spells, missed deadlines, job spells.
  void finish();

  // Starts loading the person's record into cache before their event is handled.
  void prefetch(sim::PersonId p) const {
    if (p.value < pop_.size()) __builtin_prefetch(&pop_.persons[p.value]);
  }

  // The event-queue slot of the jobcentre's own events (after the persons' slots).
  [[nodiscard]] sim::PersonId jobcentre_slot() const { return sim::PersonId{pop_.size()}; }

 private:
  // Moves the person from their state to `to` (a transition, a benefit limit, a completed offer).
  void move(sim::PersonId p, StateIndex to, bool job_finding, double now, sim::EventQueue& queue);
  void enter_state(sim::PersonId p, StateIndex s, StateIndex from, double now);
  void leave_state(sim::PersonId p, double now, sim::EventQueue& queue);
  void interview(sim::PersonId p, double now);
  void offer_deadline(sim::PersonId p, double now);
  void benefit_limit(sim::PersonId p, double now, sim::EventQueue& queue);
  // Draws an offer from the policy's mix and starts it, or puts the person in line for it.
  void make_offer(sim::PersonId p, const CompiledPolicy& policy, double now);
  void start_offer(sim::PersonId p, OfferIndex o, double now);
  // The offer, or one step of a partial return, ends as planned.
  void offer_step_end(sim::PersonId p, double now, sim::EventQueue& queue);
  // The person leaves their offer, as planned or not; returns which offer it was.
  OfferIndex leave_offer(sim::PersonId p, double now, sim::EventQueue& queue);
  // At the start of a month with more places, those in line get them; returns the next such month start.
  std::optional<sim::Days> new_places(double now, sim::EventQueue& queue);
  // Gives free places of offer `o` to those first in line, whose next events change.
  void fill_from_waiting_list(OfferIndex o, double now, sim::EventQueue& queue);

  // Accounting done when a spell closes (or at the horizon), since only then is the outcome known.
  void close_timeliness(const Person& person, double end);
  void close_untimely(const Person& person, double end);
  void close_job_spell(Person& person, double end);
  void close_support(const Person& person, double end);
  // The spell's time in each band of spell duration over which the passive reimbursement share changes.
  void close_reimbursement_bands(const Person& person, double end);
  void record_timeliness(Timeliness& due, Timeliness& met, const Person& person, rules::FirstContact contact,
                         double duration, bool happened);

  // The programme that follows the person up: their trial arm's, else their cohort's or jobcentre's
  // (rules::follow_up_programme).
  [[nodiscard]] const CompiledProgramme& programme_of(const Person& person) const;
  // The step of it the person is in now: kept per person, or given by the spell's duration (rules::step_at).
  [[nodiscard]] StepIndex step_index_of(sim::PersonId p, const CompiledProgramme& programme,
                                        double now) const;
  [[nodiscard]] const CompiledStep& step_of(sim::PersonId p, double now) const;
  [[nodiscard]] const CompiledPolicy& policy_of(sim::PersonId p, double now) const {
    return step_of(p, now).policy;
  }
  // The policy active now (rules::active_policy): the other actors' during the first weeks of the spell.
  [[nodiscard]] const CompiledPolicy& active_policy_of(sim::PersonId p, double now) const;
  // Whether other actors follow the person's first weeks: outside a trial, or in an arm that says so.
  [[nodiscard]] bool other_actors_follow(const Person& person) const;
  // The person enters step `step` of their programme at `now` (a window closed or an event happened).
  void enter_step(sim::PersonId p, StepIndex step, double now);
  // An event of the person's programme step: moves them on when the step names a step for it.
  void step_event(sim::PersonId p, StepEvent event, double now);
  // The day the person's kept step's window closes (kNever when it has none).
  [[nodiscard]] double step_window_day(sim::PersonId p) const;
  // The offer deadline of a programme that keeps positions: the step's first-offer deadline not yet met, or
  // the repeated-activation deadline after the last offer ended; kNever when neither applies.
  [[nodiscard]] double kept_offer_deadline_day(sim::PersonId p, double now) const;
  // A contact held by a capacity pool: books the next free slot when the pool is busy; returns whether the
  // contact must wait.
  bool wait_for_pool(sim::PersonId p, const CompiledPolicy& policy, double now);
  [[nodiscard]] std::uint32_t free_places(OfferIndex o, double now) const;

  // Picks the person's next event: the earliest of a transition drawn from now and the scheduled events.
  std::optional<sim::Days> next_event(sim::PersonId p, double now);
  [[nodiscard]] double job_multiplier(sim::PersonId p, double now) const;
  [[nodiscard]] double other_multiplier(const Person& person) const;
  sim::StreamCursor stream(sim::PersonId p) { return {streams_, p.value, pop_.persons[p.value].draws}; }

  const Model& model_;
  std::size_t jobcentre_index_;
  const CompiledJobcentre& jobcentre_;
  Population& pop_;
  const sim::RandomStreams& streams_;
  TaskTally& tally_;
  WaitingLists waiting_;
  std::vector<std::uint32_t> places_used_;
  std::vector<double> pool_free_day_;         // per capacity pool: when it can next hold a contact
  std::vector<ProgrammePosition> positions_;  // per person when some programme keeps positions, else empty
  TrialRecorder* trial_ = nullptr;
};

}  // namespace labsim::models
