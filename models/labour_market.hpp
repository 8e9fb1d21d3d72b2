// The event handler of one (replication, jobcentre) task: transitions, interviews, offers and their effects.
#pragma once

#include <optional>

#include "models/model.hpp"
#include "models/population.hpp"
#include "models/tally.hpp"
#include "models/waiting_lists.hpp"
#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"

namespace labsim::models {

class LabourMarket {
 public:
  LabourMarket(const Model& model, std::size_t jobcentre, Population& population,
               const sim::RandomStreams& streams, TaskTally& tally);

  // Schedules every person's first event.
  void start(sim::EventQueue& queue);

  // Carries out the person's pending event; returns the time of their next one. Called by sim::run_until.
  std::optional<sim::Days> handle(sim::PersonId p, sim::Days now, sim::EventQueue& queue);

  // Starts loading the person's record into cache before their event is handled.
  void prefetch(sim::PersonId p) const { __builtin_prefetch(&pop_.persons[p.value]); }

 private:
  void enter_state(sim::PersonId p, StateIndex s, sim::Days now);
  void leave_state(sim::PersonId p, sim::Days now, sim::EventQueue& queue);
  void interview(sim::PersonId p, sim::Days now);
  void start_offer(sim::PersonId p, OfferIndex o, sim::Days now);
  // The offer ends as planned: the post-programme effect starts.
  void end_offer(sim::PersonId p, sim::Days now, sim::EventQueue& queue);
  // The person leaves their offer, as planned or not; returns which offer it was.
  OfferIndex leave_offer(sim::PersonId p, sim::Days now, sim::EventQueue& queue);
  // Frees the person's place in offer `o` and gives it to the first in line, whose next event changes.
  void release_place(OfferIndex o, sim::Days now, sim::EventQueue& queue);

  // Picks the person's next event: the earliest of a transition drawn from now, the next interview, the end
  // of the offer and the end of the post-programme effect. Records which one in `pending`.
  std::optional<sim::Days> next_event(sim::PersonId p, sim::Days now);
  [[nodiscard]] double job_multiplier(sim::PersonId p, sim::Days now) const;
  sim::StreamCursor stream(sim::PersonId p) { return {streams_, p.value, pop_.persons[p.value].draws}; }

  const Model& model_;
  const CompiledJobcentre& jobcentre_;
  Population& pop_;
  const sim::RandomStreams& streams_;
  TaskTally& tally_;
  WaitingLists waiting_;
  std::vector<std::uint32_t> places_used_;
};

}  // namespace labsim::models
