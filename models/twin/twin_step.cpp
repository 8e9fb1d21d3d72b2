// The step arithmetic of the Markov twin: survival, exits, flows, person-days and timeliness in expectation.
#include "models/twin/twin_step.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "models/rules/benefit_limit.hpp"
#include "models/rules/exits.hpp"
#include "models/rules/timeliness.hpp"

namespace labsim::models::twin {

namespace {

std::size_t max_bands(const Model& model) {
  std::size_t bands = 1;
  for (std::size_t s = 0; s < model.states(); ++s) bands = std::max(bands, model.state(s).bands());
  return bands;
}

// Cohort c reaches its benefit limit in month m: those not extended leave, entering `into`.
void reach_limit(const JobcentreInputs& in, double step_start, Cohort& c, std::size_t m, Entries& into,
                 MonthlyCounts& out) {
  const CompiledLimit& limit = *in.rules[c.state].state->limit;
  const bool may_extend = rules::may_extend(limit, c.extensions);
  const double leaving = may_extend ? c.mass * (1 - limit.extension_share) : c.mass;
  const std::size_t cls = support_class(in.rules[c.state], c, step_start);
  for (std::size_t s = 0; s < in.states(); ++s) {
    const double n = leaving * rules::limit_destination_chance(limit, s);
    if (n <= 0) continue;
    out.flows.at(m, c.state, s) += n;
    into.add(static_cast<StateIndex>(s), c.group, n, cls,
             cls >= kFirstCarriedSupport ? n * c.long_from : 0.0);
  }
  c.mass -= leaving;
  if (may_extend) {
    ++c.extensions;
    c.next_limit = rules::limit_day(limit, c.spell_start, c.extensions);
  } else {
    c.mass = 0;
    c.next_limit = kInfinity;
  }
}

// Expected first interviews and first offers within each window, and spells that outlast a window without
// them (rules::count_in_window in expectation), by month of spell start.
void count_timeliness(const StateRules& r, const Cohort& c, double t, double end, double rate,
                      double person_days, double horizon, MonthlyCounts& out) {
  const CompiledState& st = *r.state;
  const FollowUpProfile& p = *c.profile;
  const double d0 = t - c.spell_start, d1 = end - c.spell_start;
  const std::size_t j = p.step_at(0.5 * (d0 + d1));
  const auto record = [&](Timeliness& due, Timeliness& met, const std::vector<double>& without,
                          const std::vector<double>& flow, rules::FirstContact contact) {
    const auto windows = rules::timeliness_windows(st, contact, c.group);
    for (std::size_t w = 0; w < kWindows; ++w) {
      const double window = windows[w];
      // A window that closed before this stretch has been counted already.
      if (!rules::counts(window) || d0 >= window) continue;
      const double before = std::min(1.0, (window - d0) / (d1 - d0));
      const double happened = person_days * flow[j] / p.step_days * before;
      met.at(c.start_month, st.benefit_group, w) += happened;
      due.at(c.start_month, st.benefit_group, w) += happened;
      if (window <= d1 && c.spell_start + window < horizon) {
        const double survivors = c.mass * std::exp(-rate * (window - d0));
        due.at(c.start_month, st.benefit_group, w) +=
            survivors * FollowUpProfile::without_at(without, flow, p, window);
      }
    }
  };
  record(out.first_interview_due, out.first_interview_met, p.without_first_interview, p.first_interview,
         rules::FirstContact::interview);
  record(out.first_offer_due, out.first_offer_met, p.without_first_offer, p.first_offer,
         rules::FirstContact::offer);
}

}  // namespace

TwinStep::TwinStep(const JobcentreInputs& in, std::size_t profile_steps, MonthlyCounts& out)
    : in_(in),
      rules_(in.rules.data()),
      out_(out),
      max_bands_(max_bands(in.model)),
      horizon_(in.model.calendar().horizon().value),
      leaving_(in.states(), kGroupCount, max_bands_, kSupportClasses),
      completing_(in.states(), kGroupCount, in.states(), kSupportClasses),
      profile_days_(in.profiles.size(), profile_steps) {}

void TwinStep::advance(Cohort& c, double from, double to, std::size_t m, Entries& into) {
  const StateRules& r = rules_[c.state];
  double t = from;
  while (t < to && c.mass > 0) {
    if (r.limit && c.next_limit <= t) {
      reach_limit(in_, step_start_, c, m, into, out_);
      continue;
    }
    while (c.band + 1 < r.bands && c.spell_start + r.band_start[c.band + 1] <= t) ++c.band;
    double end = to;
    if (c.band + 1 < r.bands) end = std::min(end, c.spell_start + r.band_start[c.band + 1]);
    end = std::min(end, c.next_limit);
    if (c.long_from > t && c.long_from < end) end = c.long_from;
    segment(c, t, end, m);
    t = end;
  }
}

double TwinStep::segment(Cohort& c, double t, double end, std::size_t m) {
  const StateRules& r = rules_[c.state];
  const double length = end - t;
  const double mid_duration = 0.5 * (t + end) - c.spell_start;
  const FollowUpProfile* p = c.profile;
  const std::size_t j = p ? p->step_at(c.initial ? 0.5 * (t + end) : mid_duration) : 0;
  const double job_multiplier = r.calibrated * (c.exempt ? r.exempt_job : (p ? p->job_multiplier[j] : 1.0));
  const double other_multiplier = r.calibrated * (c.exempt ? r.exempt_other : 1.0);
  const CompiledState& st = *r.state;
  double rate = r.exits ? rules::exit_rate_per_day(
                              st, rules::hazard_cell(st, rules::cycle_slot(st, m), c.group, c.band),
                              job_multiplier, other_multiplier)
                        : 0.0;
  // Shares of the profile's persons whose offers end as planned in its step j, by completion state.
  const std::span<const double> completion = p ? p->completion.row(j) : std::span<const double>{};
  for (const double share : completion) rate += share / p->step_days;

  const double x = c.mass;
  if (rate != last_rate_ || length != last_length_) {
    last_rate_ = rate;
    last_length_ = length;
    last_survival_ = std::exp(-rate * length);
    last_days_per_person_ = rate > 0 ? (1 - last_survival_) / rate : length;
  }
  const double survival = last_survival_;
  // Also the persons leaving per unit hazard.
  const double person_days = x * last_days_per_person_;
  out_.in_state.at(m, c.state, c.group) += person_days;
  if (c.long_from <= t) out_.labour_reserve.at(m) += person_days;
  if (p) {
    profile_days_.at(c.profile_slot, j) += person_days;
    if (c.new_spell && t - c.spell_start < r.timeliness_until[c.group])
      count_timeliness(r, c, t, end, rate, person_days, horizon_, out_);
  }
  if (rate > 0) {
    if (r.exits) {
      const std::size_t cls = support_class(r, c, step_start_);
      Leaving& l = leaving_.add_at(c.state, c.group, c.band, cls);
      const double per_hazard = person_days;
      l.job += per_hazard * job_multiplier;
      l.other += per_hazard * other_multiplier;
      if (cls >= kFirstCarriedSupport) {
        l.job_long_from += per_hazard * job_multiplier * c.long_from;
        l.other_long_from += per_hazard * other_multiplier * c.long_from;
      }
    }
    if (!completion.empty()) {
      const std::size_t cls = support_class(r, c, step_start_);
      for (std::size_t k = 0; k < completion.size(); ++k) {
        const double n = person_days * completion[k] / p->step_days;
        Entry& e = completing_.add_at(c.state, c.group, p->completion_states[k], cls);
        e.mass += n;
        if (cls >= kFirstCarriedSupport) e.long_from_mass += n * c.long_from;
      }
    }
  }
  c.mass = x * survival;
  return survival;
}

void TwinStep::share_out_leaving(std::size_t m, Entries& into) {
  leaving_.drain([&](const auto& cell, const Leaving& l) {
    const auto [state, g, band, cls] = cell;
    const auto s = static_cast<StateIndex>(state);
    const auto group = static_cast<std::uint8_t>(g);
    const CompiledState& st = *rules_[s].state;
    const std::size_t slot = rules::cycle_slot(st, m);
    for (std::size_t e = 0; e < st.exits.size(); ++e) {
      const double hazard = rules::exit_hazard_per_day(st, slot, group, band, e);
      const bool job = st.exits[e].job_finding;
      const double n = hazard * (job ? l.job : l.other);
      if (!(n > 0)) continue;
      out_.flows.at(m, s, st.exits[e].to) += n;
      into.add(st.exits[e].to, group, n, cls, hazard * (job ? l.job_long_from : l.other_long_from));
    }
  });
  completing_.drain([&](const auto& cell, const Entry& e) {
    const auto [s, g, to, cls] = cell;
    out_.flows.at(m, s, to) += e.mass;
    into.add(static_cast<StateIndex>(to), static_cast<std::uint8_t>(g), e.mass, cls, e.long_from_mass);
  });
}

void TwinStep::count_offers(std::size_t m) {
  for (std::size_t slot = 0; slot < in_.profiles.size(); ++slot) {
    const FollowUpProfile* p = in_.profiles[slot];
    if (!p) continue;
    [[maybe_unused]] const auto [kind, s, g] = in_.profiles.index(slot);
    const std::span<double> days = profile_days_.row(slot);
    for (std::size_t j = 0; j < days.size(); ++j) {
      if (days[j] == 0) continue;
      const std::span<const double> in_offer = p->in_offer.row(j);
      for (std::size_t o = 0; o < in_offer.size(); ++o) out_.in_offer.at(m, s, o) += days[j] * in_offer[o];
      days[j] = 0;
    }
  }
}

}  // namespace labsim::models::twin
