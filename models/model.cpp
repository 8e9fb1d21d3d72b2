// Compiles a scenario into hazard tables per (state, group, band), offer parameters and jobcentre sizes.
#include "models/model.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <set>

#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

std::size_t index_of_state(const Scenario& sc, const std::string& name) {
  const auto it =
      std::find_if(sc.states.begin(), sc.states.end(), [&](const auto& s) { return s.name == name; });
  assert(it != sc.states.end() && "the loader rejects unknown states");
  return static_cast<std::size_t>(it - sc.states.begin());
}

double covariate_multiplier(const Covariates& c, std::uint8_t group, bool job_finding) {
  double m = 1.0;
  if (is_under_30(group)) m *= job_finding ? c.under_30.job_finding : c.under_30.other;
  if (is_non_western(group)) m *= job_finding ? c.non_western.job_finding : c.non_western.other;
  return m;
}

// The hazard of a transition in the band starting at `band_start_months`.
double hazard_at(const TransitionSpec& t, double band_start_months) {
  const auto& breaks = t.duration_breaks_months;
  const auto band = std::upper_bound(breaks.begin(), breaks.end(), band_start_months) - breaks.begin();
  return t.hazard_per_month[static_cast<std::size_t>(band)];
}

CompiledState compile_state(const Scenario& sc, std::size_t s) {
  const StateSpec& spec = sc.states[s];
  CompiledState out;
  out.absorbing = spec.absorbing;
  out.on_support = spec.on_support;
  out.has_follow_up = spec.has_follow_up;
  if (spec.has_follow_up) {
    out.first_interview_days = spec.follow_up.normal.first_interview_weeks * sim::kDaysPerWeek;
    out.interview_every_days = spec.follow_up.normal.interview_every_weeks * sim::kDaysPerWeek;
    out.offer_probability = spec.follow_up.normal.offer_probability;
    double total = 0;
    for (const auto& o : sc.offers) {
      const auto it = spec.follow_up.normal.offer_mix.find(o.name);
      total += it == spec.follow_up.normal.offer_mix.end() ? 0.0 : it->second;
      out.offer_cumulative_share.push_back(total);
    }
    for (double& c : out.offer_cumulative_share) c = total > 0 ? c / total : 0.0;
  }

  // The state's bands are the union of its transitions' breaks.
  std::vector<const TransitionSpec*> exits;
  std::set<double> starts_months{0.0};
  for (const auto& t : sc.transitions) {
    if (t.from != spec.name) continue;
    exits.push_back(&t);
    out.exits.push_back({static_cast<StateIndex>(index_of_state(sc, t.to)), t.job_finding});
    starts_months.insert(t.duration_breaks_months.begin(), t.duration_breaks_months.end());
  }
  for (double m : starts_months) out.band_start_days.push_back(m * sim::kDaysPerMonth);

  const std::size_t bands = out.bands();
  out.exit_hazard_per_day.assign(kGroupCount * bands * exits.size(), 0.0);
  out.job_hazard_per_day.assign(kGroupCount * bands, 0.0);
  out.other_hazard_per_day.assign(kGroupCount * bands, 0.0);
  for (std::uint8_t g = 0; g < kGroupCount; ++g) {
    std::size_t b = 0;
    for (double start_months : starts_months) {
      for (std::size_t e = 0; e < exits.size(); ++e) {
        const double h = hazard_at(*exits[e], start_months) / sim::kDaysPerMonth *
                         covariate_multiplier(sc.covariates, g, exits[e]->job_finding);
        out.exit_hazard_per_day[(g * bands + b) * exits.size() + e] = h;
        (exits[e]->job_finding ? out.job_hazard_per_day : out.other_hazard_per_day)[g * bands + b] += h;
      }
      ++b;
    }
  }
  return out;
}

std::uint32_t scaled_count(double count, double scale) {
  return static_cast<std::uint32_t>(std::llround(count * scale));
}

double value_or_zero(const std::map<std::string, double>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? 0.0 : it->second;
}

}  // namespace

Model::Model(const Scenario& scenario, double scale)
    : scenario_(scenario), scale_(scale), calendar_(scenario.run.start, scenario.run.months) {
  for (std::size_t s = 0; s < scenario_.states.size(); ++s) states_.push_back(compile_state(scenario_, s));
  for (const auto& o : scenario_.offers) {
    offers_.push_back({o.duration_weeks * sim::kDaysPerWeek, o.lock_in_multiplier, o.post_multiplier,
                       o.post_months * sim::kDaysPerMonth});
  }

  // Places are shared out in proportion to each jobcentre's persons in follow-up at the start.
  auto followed_up = [&](const JobcentreSpec& j) {
    double n = 0;
    for (const auto& s : scenario_.states)
      n += s.has_follow_up ? value_or_zero(j.initial_persons, s.name) : 0.0;
    return n;
  };
  double region_followed_up = 0;
  for (const auto& j : scenario_.jobcentres) region_followed_up += followed_up(j);

  for (const auto& j : scenario_.jobcentres) {
    CompiledJobcentre out;
    out.name = j.name;
    out.under_30_share = j.under_30_share;
    out.non_western_share = j.non_western_share;
    for (const auto& s : scenario_.states) {
      out.initial_persons.push_back(scaled_count(value_or_zero(j.initial_persons, s.name), scale));
      out.inflow_per_day.push_back(value_or_zero(j.inflow_per_month, s.name) * scale / sim::kDaysPerMonth);
    }
    const double share = region_followed_up > 0 ? followed_up(j) / region_followed_up : 0.0;
    for (const auto& o : scenario_.offers) out.places.push_back(scaled_count(o.places * share, scale));
    jobcentres_.push_back(std::move(out));
  }
}

std::size_t Model::band_of(const CompiledState& s, double duration_days) const {
  std::size_t b = 0;
  while (b + 1 < s.bands() && s.band_start_days[b + 1] <= duration_days) ++b;
  return b;
}

std::optional<double> Model::time_to_exit(StateIndex state, std::uint8_t group, double duration_days,
                                          double job_multiplier, double exponential_draw) const {
  const CompiledState& s = states_[state];
  const std::size_t bands = s.bands();
  double remaining = exponential_draw;
  double d = duration_days;
  for (std::size_t b = band_of(s, d); b < bands; ++b) {
    const double rate =
        s.other_hazard_per_day[group * bands + b] + job_multiplier * s.job_hazard_per_day[group * bands + b];
    const double band_end =
        b + 1 < bands ? s.band_start_days[b + 1] : std::numeric_limits<double>::infinity();
    if (rate > 0) {
      const double needed = remaining / rate;
      if (d + needed < band_end) return d + needed - duration_days;
      remaining -= rate * (band_end - d);
    }
    d = band_end;
  }
  return std::nullopt;
}

StateIndex Model::choose_exit(StateIndex state, std::uint8_t group, double duration_days,
                              double job_multiplier, double uniform_draw) const {
  const CompiledState& s = states_[state];
  const std::size_t b = band_of(s, duration_days);
  const std::size_t bands = s.bands();
  const double total =
      s.other_hazard_per_day[group * bands + b] + job_multiplier * s.job_hazard_per_day[group * bands + b];
  double target = uniform_draw * total;
  const double* hazards = &s.exit_hazard_per_day[(group * bands + b) * s.exits.size()];
  // Rounding can leave `target` a hair above zero after the last exit: fall back to the last possible one.
  std::size_t possible = 0;
  for (std::size_t e = 0; e < s.exits.size(); ++e) {
    const double h = hazards[e] * (s.exits[e].job_finding ? job_multiplier : 1.0);
    if (h <= 0) continue;
    possible = e;
    target -= h;
    if (target < 0) break;
  }
  return s.exits[possible].to;
}

OfferIndex Model::choose_offer(StateIndex state, double uniform_draw) const {
  const auto& cumulative = states_[state].offer_cumulative_share;
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), uniform_draw);
  return static_cast<OfferIndex>(std::min<std::size_t>(it - cumulative.begin(), cumulative.size() - 1));
}

}  // namespace labsim::models
