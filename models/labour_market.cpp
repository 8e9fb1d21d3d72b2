// Per-event behaviour of the labour market. Nothing here allocates: every array was sized at task start.
#include "models/labour_market.hpp"

#include <algorithm>
#include <cmath>

namespace labsim::models {

LabourMarket::LabourMarket(const Model& model, std::size_t jobcentre, Population& population,
                           const sim::RandomStreams& streams, TaskTally& tally)
    : model_(model),
      jobcentre_(model.jobcentre(jobcentre)),
      pop_(population),
      streams_(streams),
      tally_(tally),
      waiting_(model.offers(), population.size()),
      places_used_(model.offers(), 0) {}

void LabourMarket::start(sim::EventQueue& queue) {
  const sim::Days day0{0.0};
  for (std::uint32_t i = 0; i < pop_.initial_persons; ++i) {
    const sim::PersonId p{i};
    Person& person = pop_.persons[i];
    const CompiledState& state = model_.state(person.state);
    tally_.in_state.add_initial(person.state * tally_.groups + person.group);
    // Persons already on benefit are somewhere in their interview cycle, not all due on the same day.
    if (state.has_follow_up) person.next_interview_day = stream(p).uniform() * state.interview_every_days;
    if (const auto t = next_event(p, day0)) queue.schedule(p, *t);
  }
  for (std::uint32_t k = 0; k < pop_.arrivals.size(); ++k) {
    queue.schedule(sim::PersonId{pop_.initial_persons + k}, sim::Days{pop_.arrivals[k].day});
  }
  pop_.arrivals = {};  // no longer needed; frees the memory before the run
}

std::optional<sim::Days> LabourMarket::handle(sim::PersonId p, sim::Days now, sim::EventQueue& queue) {
  const std::size_t month = static_cast<std::size_t>(model_.calendar().month_of(now));
  Person& person = pop_.persons[p.value];
  switch (person.pending) {
    case PendingEvent::arrival: {
      const StateIndex s = person.state;
      tally_.inflow[(month * tally_.states + s) * tally_.groups + person.group] += 1;
      enter_state(p, s, now);
      break;
    }
    case PendingEvent::transition: {
      const StateIndex from = person.state;
      const StateIndex to = model_.choose_exit(from, person.group, (now.value - person.spell_start_day),
                                               job_multiplier(p, now), stream(p).uniform());
      tally_.flows[(month * tally_.states + from) * tally_.states + to] += 1;
      leave_state(p, now, queue);
      enter_state(p, to, now);
      break;
    }
    case PendingEvent::interview:
      interview(p, now);
      break;
    case PendingEvent::offer_end:
      end_offer(p, now, queue);
      break;
    case PendingEvent::post_effect_end:
      person.post_offer = kNoOffer;
      person.post_effect_end_day = kNever;
      break;
  }
  return next_event(p, now);
}

void LabourMarket::enter_state(sim::PersonId p, StateIndex s, sim::Days now) {
  Person& person = pop_.persons[p.value];
  const CompiledState& state = model_.state(s);
  person.state = s;
  person.spell_start_day = now.value;
  person.next_interview_day = state.has_follow_up ? now.value + state.first_interview_days : kNever;
  tally_.in_state.change(s * tally_.groups + person.group, now, +1.0);
}

void LabourMarket::leave_state(sim::PersonId p, sim::Days now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  tally_.in_state.change(s * tally_.groups + person.group, now, -1.0);
  const double weeks = (now.value - person.spell_start_day) / sim::kDaysPerWeek;
  const auto bin = std::min(static_cast<std::size_t>(weeks / kDurationBinWeeks), kDurationBins - 1);
  tally_.completed_spells[s * kDurationBins + bin] += 1;

  if (person.offer != kNoOffer) leave_offer(p, now, queue);
  if (const OfferIndex o = person.waiting_for; o != kNoOffer) {
    waiting_.remove(o, p);
    person.waiting_for = kNoOffer;
  }
  person.post_offer = kNoOffer;
  person.post_effect_end_day = kNever;
}

void LabourMarket::interview(sim::PersonId p, sim::Days now) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  const CompiledState& state = model_.state(s);
  const std::size_t month = static_cast<std::size_t>(model_.calendar().month_of(now));
  tally_.interviews[month * tally_.states + s] += 1;
  person.next_interview_day = now.value + state.interview_every_days;

  if (person.offer != kNoOffer || person.waiting_for != kNoOffer) return;
  auto draw = stream(p);
  if (!draw.bernoulli(state.offer_probability)) return;
  const OfferIndex o = model_.choose_offer(s, draw.uniform());
  if (places_used_[o] < jobcentre_.places[o]) {
    start_offer(p, o, now);
  } else {
    tally_.offer_queue_joins[(month * tally_.states + s) * tally_.offers + o] += 1;
    waiting_.push_back(o, p);
    person.waiting_for = o;
  }
}

void LabourMarket::start_offer(sim::PersonId p, OfferIndex o, sim::Days now) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  const std::size_t month = static_cast<std::size_t>(model_.calendar().month_of(now));
  ++places_used_[o];
  person.offer = o;
  person.waiting_for = kNoOffer;
  person.offer_end_day = now.value + model_.offer(o).duration_days;
  person.post_offer = kNoOffer;
  person.post_effect_end_day = kNever;
  tally_.offer_starts[(month * tally_.states + s) * tally_.offers + o] += 1;
  tally_.in_offer.change(s * tally_.offers + o, now, +1.0);
}

void LabourMarket::end_offer(sim::PersonId p, sim::Days now, sim::EventQueue& queue) {
  const OfferIndex o = leave_offer(p, now, queue);
  if (const double post_days = model_.offer(o).post_days; post_days > 0) {
    pop_.persons[p.value].post_offer = o;
    pop_.persons[p.value].post_effect_end_day = now.value + post_days;
  }
}

OfferIndex LabourMarket::leave_offer(sim::PersonId p, sim::Days now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const OfferIndex o = person.offer;
  tally_.in_offer.change(person.state * tally_.offers + o, now, -1.0);
  person.offer = kNoOffer;
  person.offer_end_day = kNever;
  release_place(o, now, queue);
  return o;
}

void LabourMarket::release_place(OfferIndex o, sim::Days now, sim::EventQueue& queue) {
  --places_used_[o];
  const auto next = waiting_.pop_front(o);
  if (!next) return;
  start_offer(*next, o, now);
  if (const auto t = next_event(*next, now)) {
    queue.schedule(*next, *t);
  } else {
    queue.cancel(*next);
  }
}

double LabourMarket::job_multiplier(sim::PersonId p, sim::Days now) const {
  const Person& person = pop_.persons[p.value];
  if (person.offer != kNoOffer) return model_.offer(person.offer).lock_in_multiplier;
  if (person.post_offer != kNoOffer && now.value < person.post_effect_end_day) {
    return model_.offer(person.post_offer).post_multiplier;
  }
  return 1.0;
}

std::optional<sim::Days> LabourMarket::next_event(sim::PersonId p, sim::Days now) {
  Person& person = pop_.persons[p.value];
  double best = kNever;
  PendingEvent kind = PendingEvent::transition;
  if (!model_.state(person.state).absorbing) {
    const double duration = now.value - person.spell_start_day;
    if (const auto dt = model_.time_to_exit(person.state, person.group, duration, job_multiplier(p, now),
                                            stream(p).exponential())) {
      best = now.value + *dt;
    }
  }
  const auto consider = [&](double day, PendingEvent k) {
    if (day < best) {
      best = day;
      kind = k;
    }
  };
  consider(person.next_interview_day, PendingEvent::interview);
  consider(person.offer_end_day, PendingEvent::offer_end);
  consider(person.post_effect_end_day, PendingEvent::post_effect_end);
  if (best == kNever) return std::nullopt;
  person.pending = kind;
  return sim::Days{best};
}

}  // namespace labsim::models
