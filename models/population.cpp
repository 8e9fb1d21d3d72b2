// Synthesis of a task's population: initial stock first, then arrivals ordered by state and time.
#include "models/population.hpp"

namespace labsim::models {

namespace {

void resize_all(Population& pop, std::uint32_t n) {
  pop.state.resize(n);
  pop.group.resize(n);
  pop.pending.resize(n, PendingEvent::transition);
  pop.offer.resize(n, kNoOffer);
  pop.waiting_for.resize(n, kNoOffer);
  pop.post_offer.resize(n, kNoOffer);
  pop.spell_start_day.resize(n, 0.0);
  pop.next_interview_day.resize(n, kNever);
  pop.offer_end_day.resize(n, kNever);
  pop.post_effect_end_day.resize(n, kNever);
  pop.draws.resize(n, 0);
}

}  // namespace

Population synthesise_population(const Model& model, std::size_t jobcentre,
                                 const sim::RandomStreams& streams) {
  const CompiledJobcentre& jc = model.jobcentre(jobcentre);
  const double horizon = model.calendar().horizon().value;
  Population pop;

  for (std::size_t s = 0; s < model.states(); ++s) {
    const double rate = jc.inflow_per_day[s];
    if (rate <= 0) continue;
    std::uint32_t position = 0;
    sim::StreamCursor cursor(streams, sim::kFirstReservedStream + static_cast<std::uint32_t>(s), position);
    for (double day = cursor.exponential() / rate; day < horizon; day += cursor.exponential() / rate) {
      pop.arrivals.push_back({day, static_cast<StateIndex>(s)});
    }
  }

  for (std::uint32_t n : jc.initial_persons) pop.initial_persons += n;
  resize_all(pop, pop.initial_persons + static_cast<std::uint32_t>(pop.arrivals.size()));

  std::uint32_t id = 0;
  for (std::size_t s = 0; s < model.states(); ++s) {
    for (std::uint32_t i = 0; i < jc.initial_persons[s]; ++i) pop.state[id++] = static_cast<StateIndex>(s);
  }
  for (const auto& a : pop.arrivals) {
    pop.state[id] = a.state;
    pop.pending[id] = PendingEvent::arrival;
    ++id;
  }
  for (std::uint32_t p = 0; p < pop.size(); ++p) {
    sim::StreamCursor cursor(streams, p, pop.draws[p]);
    const bool under_30 = cursor.bernoulli(jc.under_30_share);
    const bool non_western = cursor.bernoulli(jc.non_western_share);
    pop.group[p] = group_of(under_30, non_western);
  }
  return pop;
}

}  // namespace labsim::models
