// Per-event behaviour of the labour market. Nothing here allocates: every array was sized at task start.
#include "models/simulator/labour_market.hpp"

#include <algorithm>
#include <cmath>

#include "models/rules/benefit_limit.hpp"
#include "models/rules/exits.hpp"
#include "models/rules/follow_up.hpp"
#include "models/rules/offer_choice.hpp"

namespace labsim::models {

namespace {

constexpr double kKeptInJobsDays = kKeptInJobsMonths * sim::kDaysPerMonth;

}  // namespace

LabourMarket::LabourMarket(const Model& model, std::size_t jobcentre, Population& population,
                           const sim::RandomStreams& streams, TaskTally& tally)
    : model_(model),
      jobcentre_index_(jobcentre),
      jobcentre_(model.jobcentre(jobcentre)),
      pop_(population),
      streams_(streams),
      tally_(tally),
      waiting_(model.offers(), population.size()),
      places_used_(model.offers(), 0),
      pool_free_day_(model.pools(), 0.0),
      positions_(model.keeps_positions() ? population.size() : 0) {
  const sim::MonthCalendar& calendar = model.calendar();
  for (std::size_t m = 0; m < static_cast<std::size_t>(calendar.months()); ++m) {
    const double days =
        calendar.month_start(static_cast<int>(m) + 1).value - calendar.month_start(static_cast<int>(m)).value;
    for (std::size_t k = 0; k < model.pools(); ++k)
      tally_.pool_slots.at(m, k) = model.pool_slots_per_day(jobcentre, m, k) * days;
  }
}

void LabourMarket::start(sim::EventQueue& queue) {
  const bool stationary = model_.scenario().initial_durations == InitialDurations::stationary;
  for (std::uint32_t i = 0; i < pop_.initial_persons; ++i) {
    const sim::PersonId p{i};
    Person& person = pop_.persons[i];
    const CompiledState& state = model_.state(person.state);
    auto draw = stream(p);
    const double elapsed = stationary ? model_.initial_elapsed_duration(jobcentre_index_, person.state,
                                                                        person.group, draw.uniform())
                                      : 0.0;
    person.spell_start_day = -elapsed;
    person.support_start_day = -elapsed;
    if (state.exempt_share > 0 && draw.bernoulli(state.exempt_share)) person.flags |= flags::exempt;
    tally_.in_state.add_initial({person.state, person.group});
    if (state.has_follow_up && !person.has(flags::exempt)) {
      // Persons already on benefit are somewhere in their interview cycle, not all due on the same day; those
      // past their first-offer time were dealt with before the run.
      if (!positions_.empty()) {
        // Those found in a programme are where its windows have taken them since their spell began.
        const CompiledProgramme& programme = programme_of(person);
        const auto [step, step_start] = rules::position_at(programme, elapsed);
        positions_[i] = {.step_start_day = person.spell_start_day + step_start,
                         .deadline_from_day = person.spell_start_day,
                         .step = step};
      }
      const CompiledPolicy& policy = active_policy_of(p, 0.0);
      person.next_interview_day =
          draw.uniform() * rules::interview_interval(state, person.group, policy, elapsed);
      if (!rules::before_first_offer_deadline(policy_of(p, 0.0), person.group, elapsed))
        person.flags |= flags::first_offer_done | flags::deadline_handled;
    }
    if (const auto t = next_event(p, 0.0)) queue.schedule(p, *t);
  }
  for (std::uint32_t k = 0; k < pop_.arrivals.size(); ++k) {
    queue.schedule(sim::PersonId{pop_.initial_persons + k}, sim::Days{pop_.arrivals[k].day});
    if (const std::uint8_t c = pop_.arrivals[k].cohort; c != 0) tally_.cohort_members.add(c - 1);
  }
  pop_.arrivals = {};  // no longer needed; frees the memory before the run
  if (!jobcentre_.months_with_more_places.empty()) {
    queue.schedule(jobcentre_slot(), model_.calendar().month_start(
                                         static_cast<int>(jobcentre_.months_with_more_places.front())));
  }
}

std::optional<sim::Days> LabourMarket::new_places(double now, sim::EventQueue& queue) {
  for (OfferIndex o = 0; o < model_.offers(); ++o) fill_from_waiting_list(o, now, queue);
  const auto& months = jobcentre_.months_with_more_places;
  const auto next = std::upper_bound(months.begin(), months.end(), model_.month_at(now));
  if (next == months.end()) return std::nullopt;
  return model_.calendar().month_start(static_cast<int>(*next));
}

std::optional<sim::Days> LabourMarket::handle(sim::PersonId p, sim::Days at, sim::EventQueue& queue) {
  const double now = at.value;
  if (p.value == pop_.size()) return new_places(now, queue);
  Person& person = pop_.persons[p.value];
  switch (person.pending) {
    case PendingEvent::arrival: {
      const std::size_t month = model_.month_at(now);
      tally_.monthly.inflow.add(month, person.state, person.group);
      person.pending = PendingEvent::transition;  // marks the person as arrived, whatever comes next
      enter_state(p, person.state, kNoState, now);
      break;
    }
    case PendingEvent::transition: {
      const CompiledState& state = model_.state(person.state);
      const Exit exit = rules::choose_exit(
          state, model_.cycle_slot(now), person.group, rules::band_at(state, now - person.spell_start_day),
          job_multiplier(p, now), other_multiplier(person), stream(p).uniform());
      move(p, exit.to, exit.job_finding, now, queue);
      break;
    }
    case PendingEvent::interview:
      interview(p, now);
      break;
    case PendingEvent::offer_end:
      offer_step_end(p, now, queue);
      break;
    case PendingEvent::post_effect_end:
      person.post_offer = kNoOffer;
      person.post_effect_end_day = kNever;
      break;
    case PendingEvent::interview_effect_end:
      person.interview_effect_end_day = kNever;
      break;
    case PendingEvent::offer_deadline:
      offer_deadline(p, now);
      break;
    case PendingEvent::benefit_limit:
      benefit_limit(p, now, queue);
      break;
    case PendingEvent::step_window: {
      const CompiledProgramme& programme = programme_of(person);
      enter_step(p, programme.steps[positions_[p.value].step].then, now);
      break;
    }
  }
  return next_event(p, now);
}

void LabourMarket::move(sim::PersonId p, StateIndex to, bool job_finding, double now,
                        sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const StateIndex from = person.state;
  const std::size_t month = model_.month_at(now);
  tally_.monthly.flows.add(month, from, to);
  if (job_finding) {
    tally_.job_exits.add(month, from);
    tally_.job_exit_weeks.at(month, from) += (now - person.spell_start_day) / sim::kDaysPerWeek;
  }
  const bool was_on_support = model_.state(from).on_support;
  const bool on_support = model_.state(to).on_support;
  leave_state(p, now, queue);
  if (model_.state(from).temporary_support() && !model_.state(to).temporary_support())
    close_support(person, now);
  enter_state(p, to, from, now);
  if (job_finding && was_on_support && !on_support) {
    person.job_from = from;
    tally_.job_starts.add(month, from);
    if (person.cohort != 0) tally_.cohort_job_starts.add(month, person.cohort - 1u);
  }
}

void LabourMarket::enter_state(sim::PersonId p, StateIndex s, StateIndex from, double now) {
  Person& person = pop_.persons[p.value];
  const CompiledState& state = model_.state(s);
  const bool was_on_temporary_support = from != kNoState && model_.state(from).temporary_support();
  person.state = s;
  person.spell_start_day = now;
  person.flags = 0;
  person.extensions = 0;
  if (state.temporary_support() && !was_on_temporary_support) person.support_start_day = now;
  person.next_interview_day = kNever;
  if (state.has_follow_up) {
    person.flags |= flags::new_spell;
    if (state.exempt_share > 0 && stream(p).bernoulli(state.exempt_share)) person.flags |= flags::exempt;
  }
  if (!positions_.empty()) positions_[p.value] = {.step_start_day = now, .deadline_from_day = now};
  // Enrolment comes before the first interview is booked, which follows the arm's policy.
  if (trial_) trial_->on_new_spell(p, person, now, stream(p));
  if (state.has_follow_up && !person.has(flags::exempt)) {
    const CompiledPolicy& policy = active_policy_of(p, now);
    person.next_interview_day = now + policy.first_interview_days;
    if (policy.first_interview_spread_days > 0)
      person.next_interview_day += policy.first_interview_spread_days * (2.0 * stream(p).uniform() - 1.0);
  }
  tally_.in_state.change({s, person.group}, sim::Days{now}, +1.0);
  if (person.cohort != 0) tally_.cohort_in_state.change({person.cohort - 1u, s}, sim::Days{now}, +1.0);
}

void LabourMarket::leave_state(sim::PersonId p, double now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  tally_.in_state.change({s, person.group}, sim::Days{now}, -1.0);
  if (person.cohort != 0) tally_.cohort_in_state.change({person.cohort - 1u, s}, sim::Days{now}, -1.0);
  const double weeks = (now - person.spell_start_day) / sim::kDaysPerWeek;
  const auto bin = std::min(static_cast<std::size_t>(weeks / kDurationBinWeeks), kDurationBins - 1);
  tally_.completed_spells.add(s, bin);
  close_timeliness(person, now);
  close_untimely(person, now);
  close_job_spell(person, now);
  close_reimbursement_bands(person, now);

  if (person.offer != kNoOffer) leave_offer(p, now, queue);
  if (const OfferIndex o = person.waiting_for; o != kNoOffer) {
    waiting_.remove(o, p);
    person.waiting_for = kNoOffer;
  }
  person.post_offer = kNoOffer;
  person.post_effect_end_day = kNever;
  person.interview_effect_end_day = kNever;
}

void LabourMarket::interview(sim::PersonId p, double now) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  const CompiledState& state = model_.state(s);
  const double duration = now - person.spell_start_day;
  const bool by_other_actor = rules::followed_by_other_actor(state, duration, other_actors_follow(person));
  const std::size_t month = model_.month_at(now);
  const CompiledPolicy& policy = active_policy_of(p, now);

  if (!by_other_actor && !person.has(flags::interview_booked) && wait_for_pool(p, policy, now)) return;
  person.flags &= static_cast<std::uint8_t>(~flags::interview_booked);
  (by_other_actor ? tally_.other_actor_interviews : tally_.interviews).add(month, s);
  if (!by_other_actor)
    tally_.contact_cost_dkk.at(month) += model_.contact_forms()[policy.contact_form].cost_dkk;
  if (trial_ && !by_other_actor)
    trial_->on_interview(p, person, model_.contact_forms()[policy.contact_form], now);
  if (!person.has(flags::first_interview_done)) {
    person.flags |= flags::first_interview_done;
    if (person.has(flags::new_spell)) {
      record_timeliness(tally_.monthly.first_interview_due, tally_.monthly.first_interview_met, person,
                        rules::FirstContact::interview, duration, true);
    }
  }

  person.next_interview_day = now + rules::interview_interval(state, person.group, policy, duration);
  if (policy.interview_multiplier != 1.0 && policy.interview_effect_days > 0)
    person.interview_effect_end_day = now + policy.interview_effect_days;

  if (person.offer != kNoOffer || person.waiting_for != kNoOffer) return;
  if (stream(p).bernoulli(policy.offer_probability)) make_offer(p, policy, now);
}

void LabourMarket::offer_deadline(sim::PersonId p, double now) {
  Person& person = pop_.persons[p.value];
  const CompiledProgramme& programme = programme_of(person);
  if (programme.keeps_position) {
    // The step's own deadline, or else the repeated activation after the last offer.
    ProgrammePosition& at = positions_[p.value];
    const bool step_deadline =
        !person.has(flags::deadline_handled) && at.last_offer_start_day < at.deadline_from_day &&
        now >= person.spell_start_day + rules::first_offer_deadline_days(policy_of(p, now), person.group);
    if (step_deadline) {
      person.flags |= flags::deadline_handled;
    } else {
      at.repeat_handled = true;
    }
    if (person.offer != kNoOffer || person.waiting_for != kNoOffer) return;
  } else {
    person.flags |= flags::deadline_handled;
    if (person.offer != kNoOffer || person.waiting_for != kNoOffer || person.has(flags::first_offer_done))
      return;
  }
  const CompiledPolicy& policy = policy_of(p, now);
  if (stream(p).bernoulli(policy.deadline_compliance)) make_offer(p, policy, now);
}

void LabourMarket::benefit_limit(sim::PersonId p, double now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const CompiledLimit& limit = *model_.state(person.state).limit;
  auto draw = stream(p);
  if (rules::may_extend(limit, person.extensions) && draw.bernoulli(limit.extension_share)) {
    ++person.extensions;
    return;
  }
  const StateIndex to = rules::choose_limit_destination(limit, draw.uniform());
  tally_.limit_reached.add(model_.month_at(now), person.state);
  move(p, to, false, now, queue);
}

std::uint32_t LabourMarket::free_places(OfferIndex o, double now) const {
  const std::uint32_t places = model_.places(jobcentre_index_, model_.month_at(now), o);
  return places > places_used_[o] ? places - places_used_[o] : 0;
}

void LabourMarket::make_offer(sim::PersonId p, const CompiledPolicy& policy, double now) {
  Person& person = pop_.persons[p.value];
  const double u = stream(p).uniform();
  const OfferIndex o = model_.restricted_offers()
                           ? rules::choose_eligible_offer(model_.all_offers(), policy, person.state,
                                                          person.group, now - person.spell_start_day, u)
                           : rules::choose_offer(policy, u);
  if (o == kNoOffer) return;  // nothing in the mix the person may start now
  // Nobody is in line while places are free: leave_offer and the month-start event hand them out at once.
  if (free_places(o, now) > 0) {
    start_offer(p, o, now);
  } else {
    tally_.offer_queue_joins.add(model_.month_at(now), person.state, o);
    waiting_.push_back(o, p);
    person.waiting_for = o;
  }
}

void LabourMarket::start_offer(sim::PersonId p, OfferIndex o, double now) {
  Person& person = pop_.persons[p.value];
  const StateIndex s = person.state;
  const CompiledOffer& offer = model_.offer(o);
  const std::size_t month = model_.month_at(now);
  ++places_used_[o];
  person.offer = o;
  person.waiting_for = kNoOffer;
  person.offer_step = 0;
  person.offer_end_day = now + offer.step_days;
  person.post_offer = kNoOffer;
  person.post_effect_end_day = kNever;
  tally_.offer_starts.add(month, s, o);
  tally_.in_offer.change({s, o}, sim::Days{now}, +1.0);
  if (trial_) trial_->on_offer_start(p, person, o, now);
  if (!positions_.empty()) {
    positions_[p.value].last_offer_start_day = now;
    step_event(p, offer.company_based ? StepEvent::placement : StepEvent::offer_start, now);
  }
  if (offer.company_based && person.cohort != 0)
    tally_.cohort_in_company.change({person.cohort - 1u, s}, sim::Days{now}, +1.0);
  if (!offer.hours_steps.empty()) tally_.hours_worked.change({s}, sim::Days{now}, offer.hours_steps[0]);
  if (!person.has(flags::first_offer_done)) {
    if (person.has(flags::new_spell)) {
      record_timeliness(tally_.monthly.first_offer_due, tally_.monthly.first_offer_met, person,
                        rules::FirstContact::offer, now - person.spell_start_day, true);
    }
    close_untimely(person, now);
    person.flags |= flags::first_offer_done;
  }
  if (const OfferIndex add_on = model_.add_on_offer(); rules::may_add_on(offer, add_on)) {
    if (stream(p).bernoulli(offer.add_on_share) && free_places(add_on, now) > 0) {
      ++places_used_[add_on];
      person.flags |= flags::with_add_on;
      tally_.offer_starts.add(month, s, add_on);
      tally_.in_offer.change({s, add_on}, sim::Days{now}, +1.0);
    }
  }
}

void LabourMarket::offer_step_end(sim::PersonId p, double now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const CompiledOffer& offer = model_.offer(person.offer);
  if (person.offer_step + 1u < offer.steps()) {
    // A partial return: relapse into full sickness, or work more hours.
    if (offer.relapse_probability > 0 && stream(p).bernoulli(offer.relapse_probability)) {
      leave_offer(p, now, queue);
      if (!positions_.empty()) step_event(p, StepEvent::offer_end, now);
      return;
    }
    const double more = offer.hours_steps[person.offer_step + 1u] - offer.hours_steps[person.offer_step];
    tally_.hours_worked.change({person.state}, sim::Days{now}, more);
    ++person.offer_step;
    person.offer_end_day = now + offer.step_days;
    return;
  }
  const OfferIndex o = leave_offer(p, now, queue);
  if (offer.post_days > 0) {
    person.post_offer = o;
    person.post_effect_end_day = now + offer.post_days;
  }
  if (!positions_.empty()) step_event(p, StepEvent::offer_end, now);
  if (const StateIndex to = offer.completion_state; to != kNoState && to != person.state)
    move(p, to, !model_.state(to).on_support, now, queue);
}

OfferIndex LabourMarket::leave_offer(sim::PersonId p, double now, sim::EventQueue& queue) {
  Person& person = pop_.persons[p.value];
  const OfferIndex o = person.offer;
  const CompiledOffer& offer = model_.offer(o);
  const StateIndex s = person.state;
  tally_.in_offer.change({s, o}, sim::Days{now}, -1.0);
  if (offer.company_based && person.cohort != 0)
    tally_.cohort_in_company.change({person.cohort - 1u, s}, sim::Days{now}, -1.0);
  if (!offer.hours_steps.empty())
    tally_.hours_worked.change({s}, sim::Days{now}, -offer.hours_steps[person.offer_step]);
  if (person.has(flags::with_add_on)) {
    const OfferIndex add_on = model_.add_on_offer();
    --places_used_[add_on];
    tally_.in_offer.change({s, add_on}, sim::Days{now}, -1.0);
    person.flags &= static_cast<std::uint8_t>(~flags::with_add_on);
  }
  person.offer = kNoOffer;
  person.offer_end_day = kNever;
  person.offer_step = 0;
  if (trial_) trial_->on_offer_end(p, person, o, now);
  if (!positions_.empty()) {
    positions_[p.value].last_offer_end_day = now;
    positions_[p.value].repeat_handled = false;
  }
  --places_used_[o];
  fill_from_waiting_list(o, now, queue);
  return o;
}

void LabourMarket::fill_from_waiting_list(OfferIndex o, double now, sim::EventQueue& queue) {
  while (free_places(o, now) > 0) {
    const auto next = waiting_.pop_front(o);
    if (!next) return;
    start_offer(*next, o, now);
    if (const auto t = next_event(*next, now)) {
      queue.schedule(*next, *t);
    } else {
      queue.cancel(*next);
    }
  }
}

void LabourMarket::record_timeliness(Timeliness& due, Timeliness& met, const Person& person,
                                     rules::FirstContact contact, double duration, bool happened) {
  const CompiledState& state = model_.state(person.state);
  const auto windows = rules::timeliness_windows(state, contact, person.group);
  const std::size_t month = model_.month_at(person.spell_start_day);
  for (std::size_t w = 0; w < kWindows; ++w) {
    const rules::WindowCount count = rules::count_in_window(windows[w], duration, happened);
    if (count.due) due.add(month, state.benefit_group, w);
    if (count.met) met.add(month, state.benefit_group, w);
  }
}

void LabourMarket::close_timeliness(const Person& person, double end) {
  if (!person.has(flags::new_spell) || person.has(flags::exempt)) return;
  const double duration = end - person.spell_start_day;
  if (!person.has(flags::first_interview_done)) {
    record_timeliness(tally_.monthly.first_interview_due, tally_.monthly.first_interview_met, person,
                      rules::FirstContact::interview, duration, false);
  }
  if (!person.has(flags::first_offer_done)) {
    record_timeliness(tally_.monthly.first_offer_due, tally_.monthly.first_offer_met, person,
                      rules::FirstContact::offer, duration, false);
  }
}

void LabourMarket::close_untimely(const Person& person, double end) {
  const CompiledState& state = model_.state(person.state);
  if (!state.has_follow_up || person.has(flags::exempt) || person.has(flags::first_offer_done)) return;
  const double deadline =
      person.spell_start_day + rules::legal_deadline_days(state, rules::FirstContact::offer, person.group);
  tally_.untimely.add_interval({person.state}, deadline, end);
}

void LabourMarket::close_job_spell(Person& person, double end) {
  if (person.job_from == kNoState) return;
  if (end - person.spell_start_day >= kKeptInJobsDays)
    tally_.jobs_kept.add(model_.month_at(person.spell_start_day), person.job_from);
  person.job_from = kNoState;
}

void LabourMarket::close_reimbursement_bands(const Person& person, double end) {
  const Model::DurationBands& bands = model_.reimbursement_bands(person.state);
  for (std::size_t b = 0; b < bands.start_days.size(); ++b) {
    const double from = person.spell_start_day + bands.start_days[b];
    if (from >= end) break;
    const double to = b + 1 < bands.start_days.size()
                          ? std::min(end, person.spell_start_day + bands.start_days[b + 1])
                          : end;
    tally_.in_reimbursement_band.add_interval({person.state, static_cast<std::uint8_t>(b)}, from, to);
  }
}

void LabourMarket::close_support(const Person& person, double end) {
  tally_.labour_reserve.add_interval({person.group}, person.support_start_day + kLabourReserveAfterDays, end);
}

void LabourMarket::finish() {
  const double horizon = model_.calendar().horizon().value;
  for (Person& person : pop_.persons) {
    if (person.pending == PendingEvent::arrival) continue;  // arrived at or after the horizon
    close_timeliness(person, horizon);
    close_untimely(person, horizon);
    close_job_spell(person, horizon);
    close_reimbursement_bands(person, horizon);
    if (model_.state(person.state).temporary_support()) close_support(person, horizon);
  }
}

const CompiledProgramme& LabourMarket::programme_of(const Person& person) const {
  if (person.has(flags::trial_spell)) return trial_->arm(person).programme(jobcentre_index_);
  const std::vector<std::uint8_t>& slots =
      person.cohort != 0 ? model_.cohort(person.cohort - 1u).policy_slot : jobcentre_.policy_slot;
  return rules::follow_up_programme(model_.state(person.state), slots, person.state);
}

StepIndex LabourMarket::step_index_of(sim::PersonId p, const CompiledProgramme& programme, double now) const {
  if (programme.keeps_position) return positions_[p.value].step;
  return programme.steps.size() == 1 ? 0
                                     : rules::step_at(programme, now - pop_.persons[p.value].spell_start_day);
}

const CompiledStep& LabourMarket::step_of(sim::PersonId p, double now) const {
  const CompiledProgramme& programme = programme_of(pop_.persons[p.value]);
  return programme.steps[step_index_of(p, programme, now)];
}

bool LabourMarket::other_actors_follow(const Person& person) const {
  return !person.has(flags::trial_spell) || trial_->arm(person).other_actors;
}

const CompiledPolicy& LabourMarket::active_policy_of(sim::PersonId p, double now) const {
  const Person& person = pop_.persons[p.value];
  return rules::active_policy(model_.state(person.state), policy_of(p, now), now - person.spell_start_day,
                              other_actors_follow(person));
}

void LabourMarket::enter_step(sim::PersonId p, StepIndex step, double now) {
  Person& person = pop_.persons[p.value];
  ProgrammePosition& at = positions_[p.value];
  at.step = step;
  at.step_start_day = now;
  const CompiledStep& entered = programme_of(person).steps[step];
  const CompiledState& state = model_.state(person.state);
  const double duration = now - person.spell_start_day;
  if (person.has(flags::exempt) ||
      rules::followed_by_other_actor(state, duration, other_actors_follow(person))) {
    // No contacts to book, or the other actors' schedule runs on.
  } else if (entered.books_first_contact) {
    // A slot booked with a busy pool is given up: the step's own first contact replaces it.
    person.flags &= static_cast<std::uint8_t>(~flags::interview_booked);
    person.next_interview_day = now + entered.policy.first_interview_days;
    if (entered.policy.first_interview_spread_days > 0)
      person.next_interview_day +=
          entered.policy.first_interview_spread_days * (2.0 * stream(p).uniform() - 1.0);
    person.next_interview_day = std::max(person.next_interview_day, now);
  } else if (!person.has(flags::interview_booked)) {
    // The step's cadence counts from its start: weekly contact until a placement, then monthly, means the
    // next contact a month after the placement.
    person.next_interview_day =
        now + rules::interview_interval(state, person.group, entered.policy, duration);
  }
  if (entered.sets_offer_deadline) {
    at.deadline_from_day = now;
    person.flags &= static_cast<std::uint8_t>(~flags::deadline_handled);
  }
}

void LabourMarket::step_event(sim::PersonId p, StepEvent event, double now) {
  const Person& person = pop_.persons[p.value];
  if (!model_.state(person.state).has_follow_up) return;
  const CompiledProgramme& programme = programme_of(person);
  if (!programme.keeps_position) return;
  const CompiledStep& step = programme.steps[positions_[p.value].step];
  StepIndex next = step.on[static_cast<std::size_t>(event)];
  // A placement is also an offer start.
  if (next == kNoStep && event == StepEvent::placement)
    next = step.on[static_cast<std::size_t>(StepEvent::offer_start)];
  if (next != kNoStep) enter_step(p, next, now);
}

double LabourMarket::step_window_day(sim::PersonId p) const {
  const Person& person = pop_.persons[p.value];
  const ProgrammePosition& at = positions_[p.value];
  const CompiledStep& step = programme_of(person).steps[at.step];
  if (step.then == kNoStep) return kNever;
  return rules::window_end_day(step, person.spell_start_day, at.step_start_day);
}

double LabourMarket::kept_offer_deadline_day(sim::PersonId p, double now) const {
  const Person& person = pop_.persons[p.value];
  const ProgrammePosition& at = positions_[p.value];
  const CompiledStep& step = step_of(p, now);
  double day = kNever;
  if (!person.has(flags::deadline_handled) && at.last_offer_start_day < at.deadline_from_day)
    day = person.spell_start_day + rules::first_offer_deadline_days(step.policy, person.group);
  if (!at.repeat_handled && at.last_offer_end_day > at.last_offer_start_day)
    day = std::min(day, at.last_offer_end_day + step.repeat_offer_within_days);
  return day;
}

bool LabourMarket::wait_for_pool(sim::PersonId p, const CompiledPolicy& policy, double now) {
  const CompiledContactForm& form = model_.contact_forms()[policy.contact_form];
  if (form.pool == CompiledContactForm::kUnlimitedPool) return false;
  const std::size_t month = model_.month_at(now);
  const double per_day = model_.pool_slots_per_day(jobcentre_index_, month, form.pool);
  if (per_day <= 0) return false;
  // The pool holds one contact per slot; when it is busy the person is booked into the first free slot.
  const double slot_days = form.slot_share / per_day;
  double& free_day = pool_free_day_[form.pool];
  tally_.pool_contacts.add(month, form.pool);
  tally_.pool_slots_used.at(month, form.pool) += form.slot_share;
  if (free_day > now) {
    Person& person = pop_.persons[p.value];
    if (form.pool == 0) tally_.interview_wait_days.at(month, person.state) += free_day - now;
    tally_.pool_wait_days.at(month, form.pool) += free_day - now;
    person.next_interview_day = free_day;
    person.flags |= flags::interview_booked;
    free_day += slot_days;
    return true;
  }
  free_day = now + slot_days;
  return false;
}

double LabourMarket::job_multiplier(sim::PersonId p, double now) const {
  const Person& person = pop_.persons[p.value];
  double m = jobcentre_.exit_multiplier[person.state];
  if (person.cohort != 0) m *= model_.cohort(person.cohort - 1u).job_multiplier;
  if (person.has(flags::exempt)) m *= model_.state(person.state).exempt_job_multiplier;
  if (person.has(flags::trial_spell)) m *= trial_->arm(person).job_multiplier;
  if (person.offer != kNoOffer) {
    m *= model_.offer(person.offer).lock_in_multiplier;
    if (person.has(flags::with_add_on)) m *= model_.offer(model_.add_on_offer()).lock_in_multiplier;
  } else if (person.post_offer != kNoOffer && now < person.post_effect_end_day) {
    m *= model_.offer(person.post_offer).post_multiplier;
  }
  // kNever marks no effect (none yet, or worn off), not an effect without end.
  if (person.interview_effect_end_day != kNever && now < person.interview_effect_end_day)
    m *= active_policy_of(p, now).interview_multiplier;
  if (model_.state(person.state).has_follow_up && !person.has(flags::exempt)) {
    const CompiledProgramme& programme = programme_of(person);
    if (programme.step_multipliers) m *= programme.steps[step_index_of(p, programme, now)].job_multiplier;
  }
  return m;
}

double LabourMarket::other_multiplier(const Person& person) const {
  const double m = jobcentre_.exit_multiplier[person.state];
  return person.has(flags::exempt) ? m * model_.state(person.state).exempt_other_multiplier : m;
}

std::optional<sim::Days> LabourMarket::next_event(sim::PersonId p, double now) {
  Person& person = pop_.persons[p.value];
  const CompiledState& state = model_.state(person.state);
  double best = kNever;
  PendingEvent kind = PendingEvent::transition;
  if (!state.absorbing) {
    const double duration = now - person.spell_start_day;
    if (const auto dt = model_.time_to_exit(person.state, person.group, now, duration, job_multiplier(p, now),
                                            other_multiplier(person), stream(p).exponential())) {
      best = now + *dt;
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
  consider(person.interview_effect_end_day, PendingEvent::interview_effect_end);
  if (state.has_follow_up && !person.has(flags::exempt)) {
    const CompiledProgramme& programme = programme_of(person);
    if (programme.keeps_position) {
      consider(step_window_day(p), PendingEvent::step_window);
      if (person.offer == kNoOffer && person.waiting_for == kNoOffer)
        consider(std::max(now, kept_offer_deadline_day(p, now)), PendingEvent::offer_deadline);
    } else if (person.offer == kNoOffer && person.waiting_for == kNoOffer &&
               !person.has(flags::first_offer_done | flags::deadline_handled)) {
      consider(std::max(now, person.spell_start_day +
                                 rules::first_offer_deadline_days(policy_of(p, now), person.group)),
               PendingEvent::offer_deadline);
    }
  }
  if (state.limit) {
    consider(std::max(now, rules::limit_day(*state.limit, person.spell_start_day, person.extensions)),
             PendingEvent::benefit_limit);
  }
  if (best == kNever) return std::nullopt;
  person.pending = kind;
  return sim::Days{best};
}

}  // namespace labsim::models
