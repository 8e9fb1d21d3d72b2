// Compiles a scenario into hazard tables per (state, group, band, cycle month), follow-up policies and who
// gets which, offer parameters, benefit limits and jobcentre sizes.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

#include "models/compile_programme.hpp"
#include "models/model.hpp"
#include "models/rules/follow_up.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

using detail::cumulative_shares;
using detail::days_by_age;
using detail::weeks_to_days;

template <class Specs>
std::size_t index_of(const Specs& specs, const std::string& name) {
  const auto it = std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.name == name; });
  assert(it != specs.end() && "the loader rejects unknown names");
  return static_cast<std::size_t>(it - specs.begin());
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

// The slot of state.programmes that programme `name` (one of sc.programmes for `state`) compiles into: after
// the built-in policies, in file order.
std::uint8_t programme_slot(const Scenario& sc, const std::string& state, const std::string& name) {
  std::size_t slot = kPolicyCount;
  for (const Programme& p : sc.programmes) {
    if (p.state != state) continue;
    if (p.name == name) return static_cast<std::uint8_t>(slot);
    ++slot;
  }
  assert(false && "the loader rejects programmes for other states");
  return 0;
}

double days_from_start(std::chrono::year_month_day start, std::chrono::year_month_day date) {
  using namespace std::chrono;
  return static_cast<double>((sys_days{date} - sys_days{start}).count());
}

CompiledLimit compile_limit(const Scenario& sc, const BenefitLimit& limit) {
  CompiledLimit out;
  out.max_days = weeks_to_days(limit.max_weeks);
  out.to_cumulative_share = cumulative_shares(limit.to, sc.states);
  out.extension_share = limit.extension_share;
  out.extension_days = weeks_to_days(limit.extension_weeks);
  if (limit.old_rule_until) {
    out.has_old_rule = true;
    out.old_rule_until_day = days_from_start(sc.run.start, *limit.old_rule_until);
    out.old_max_days = weeks_to_days(limit.old_max_weeks);
    out.old_rule_ends_day = out.old_rule_until_day + weeks_to_days(limit.old_rule_ends_weeks_after);
  }
  return out;
}

std::uint32_t scaled_count(double count, double scale) {
  return static_cast<std::uint32_t>(std::llround(count * scale));
}

double value_or(const std::map<std::string, double>& m, const std::string& key, double fallback) {
  const auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

}  // namespace

Model::Model(const Scenario& scenario, double scale)
    : scenario_(scenario), scale_(scale), calendar_(scenario.run.start, scenario.run.months) {
  const std::size_t months = static_cast<std::size_t>(calendar_.months());
  const auto& cycle = scenario_.business_cycle.index;
  if (cycle.empty()) {
    cycle_index_ = {1.0};
  } else {
    for (std::size_t m = 0; m < months; ++m) cycle_index_.push_back(cycle[std::min(m, cycle.size() - 1)]);
    cycle_slots_ = months;
  }

  for (const auto& s : scenario_.states) {
    const std::string& group = s.benefit_group.empty() ? s.name : s.benefit_group;
    if (s.has_follow_up &&
        std::find(benefit_groups_.begin(), benefit_groups_.end(), group) == benefit_groups_.end())
      benefit_groups_.push_back(group);
  }
  pool_names_.push_back("caseworkers");
  for (const CapacityPool& pool : scenario_.pools) pool_names_.push_back(pool.name);
  contact_forms_.push_back({.pool = 0});
  for (const ContactForm& form : scenario_.contact_forms) {
    CompiledContactForm out{.cost_dkk = form.cost_dkk, .slot_share = 1.0 / form.persons_per_contact};
    if (form.pool == "caseworkers") {
      out.pool = 0;
    } else if (!form.pool.empty()) {
      out.pool = static_cast<std::uint8_t>(1 + index_of(scenario_.pools, form.pool));
    }
    contact_forms_.push_back(out);
  }
  for (std::size_t s = 0; s < scenario_.states.size(); ++s) states_.push_back(compile_state(s));
  reimbursement_bands_.resize(scenario_.states.size());
  if (!scenario_.money.rule_sets.empty()) {
    for (const auto& [name, bands] :
         scenario_.money.rule_sets[scenario_.money.reimbursement].benefit_passive_by_weeks) {
      DurationBands& out = reimbursement_bands_[index_of(scenario_.states, name)];
      out.start_days.push_back(0);
      for (double w : bands.breaks_weeks) out.start_days.push_back(weeks_to_days(w));
      out.shares = bands.shares;
    }
  }
  for (const CompiledState& state : states_) {
    for (const CompiledProgramme& p : state.programmes)
      keeps_positions_ = keeps_positions_ || p.keeps_position;
  }

  for (std::size_t o = 0; o < scenario_.offers.size(); ++o) {
    const OfferSpec& spec = scenario_.offers[o];
    CompiledOffer out;
    out.duration_days = weeks_to_days(spec.duration_weeks);
    out.lock_in_multiplier = spec.lock_in_multiplier;
    out.post_multiplier = spec.post_multiplier;
    out.post_days = spec.post_months * sim::kDaysPerMonth;
    out.cost_dkk_per_day = spec.weekly_cost_dkk / sim::kDaysPerWeek;
    out.company_based = spec.company_based;
    out.activation = spec.activation;
    out.add_on = spec.add_on;
    out.add_on_share = spec.add_on_share;
    out.hours_steps = spec.hours_steps;
    out.step_days = out.duration_days / static_cast<double>(out.steps());
    out.relapse_probability = spec.relapse_probability;
    out.min_spell_days = weeks_to_days(spec.min_spell_weeks);
    out.max_spell_days = weeks_to_days(spec.max_spell_weeks);
    out.age_band = {spec.under_30, spec.age_30_plus};
    out.in_state.assign(scenario_.states.size(), spec.states.empty() ? 1 : 0);
    for (const std::string& name : spec.states) out.in_state[index_of(scenario_.states, name)] = 1;
    restricted_offers_ = restricted_offers_ || out.min_spell_days > 0 || std::isfinite(out.max_spell_days) ||
                         !spec.under_30 || !spec.age_30_plus || !spec.states.empty();
    if (!spec.completion_state.empty())
      out.completion_state = static_cast<StateIndex>(index_of(scenario_.states, spec.completion_state));
    if (spec.add_on) add_on_offer_ = static_cast<OfferIndex>(o);
    offers_.push_back(std::move(out));
  }

  compile_jobcentres();
  for (const Cohort& c : scenario_.cohorts) {
    CompiledCohort out;
    out.jobcentre = index_of(scenario_.jobcentres, c.jobcentre);
    out.first_day = days_from_start(scenario_.run.start, c.date);
    out.spread_days = weeks_to_days(c.spread_weeks);
    out.persons = scaled_count(c.persons, scale);
    out.entry_cumulative_share = cumulative_shares(c.entry, scenario_.states);
    out.job_multiplier = c.job_finding_multiplier;
    out.policy_slot = jobcentres_[out.jobcentre].policy_slot;
    if (c.policy) {
      for (std::size_t s = 0; s < states_.size(); ++s)
        out.policy_slot[s] = rules::resolve_policy(states_[s], *c.policy);
    }
    if (!c.programme.empty()) {
      const auto programme = std::find_if(scenario_.programmes.begin(), scenario_.programmes.end(),
                                          [&](const Programme& p) { return p.name == c.programme; });
      assert(programme != scenario_.programmes.end() && "the loader rejects unknown programmes");
      const std::size_t s = index_of(scenario_.states, programme->state);
      out.policy_slot[s] = programme_slot(scenario_, programme->state, c.programme);
    }
    cohorts_.push_back(std::move(out));
  }
  if (scenario_.initial_durations == InitialDurations::stationary) {
    compile_elapsed_durations();
    compile_initial_long_shares();
  }
  if (scenario_.trial) {
    compile_trial();
    for (const CompiledTrialArm& arm : trial_->arms) {
      for (const CompiledProgramme& p : arm.programmes)
        keeps_positions_ = keeps_positions_ || p.keeps_position;
    }
  }
}

void Model::compile_trial() {
  const TrialSpec& spec = *scenario_.trial;
  CompiledTrial out;
  out.state = static_cast<StateIndex>(index_of(scenario_.states, spec.state));
  for (std::size_t j = 0; j < jobcentres_.size(); ++j) {
    const std::string& name = jobcentres_[j].name;
    if (spec.jobcentres.empty() ||
        std::find(spec.jobcentres.begin(), spec.jobcentres.end(), name) != spec.jobcentres.end())
      out.jobcentres.push_back(j);
  }
  using namespace std::chrono;
  const year_month first = spec.enrolment_start.year() / spec.enrolment_start.month();
  out.enrol_from_day = days_from_start(scenario_.run.start, spec.enrolment_start);
  out.enrol_until_day =
      days_from_start(scenario_.run.start, (first + months{spec.enrolment_months}) / day{1});
  out.share = spec.enrolment_share;
  out.horizon_days = weeks_to_days(spec.horizon_weeks);
  for (double w : spec.checkpoint_weeks) out.checkpoint_days.push_back(weeks_to_days(w));
  double total = 0;
  for (const TrialArm& arm : spec.arms) total += arm.ratio;
  double cumulative = 0;
  const StateSpec& target = scenario_.states[out.state];
  for (const TrialArm& arm : spec.arms) {
    cumulative += arm.ratio;
    out.arm_cumulative_share.push_back(cumulative / total);
    CompiledTrialArm compiled;
    compiled.job_multiplier = arm.job_finding_multiplier;
    compiled.programme_of_jobcentre.assign(jobcentres_.size(), 0);
    if (target.has_follow_up) {
      // Programme 0 is the arm's own (its programme, or its policy with the arm's changes); then one per
      // programme it names by jobcentre.
      const auto add = [&](const std::string& name) {
        if (name.empty()) {
          compiled.programmes.push_back(detail::policy_programme(
              scenario_, arm.follow_up, target.follow_up.normal, arm.policy == Policy::risk_targeted));
          return;
        }
        const auto programme = std::find_if(scenario_.programmes.begin(), scenario_.programmes.end(),
                                            [&](const Programme& p) { return p.name == name; });
        assert(programme != scenario_.programmes.end() && "the loader rejects unknown programmes");
        CompiledProgramme compiled_programme = detail::compile_programme(scenario_, *programme);
        if (!arm.effect_from_step.empty()) {
          detail::apply_effect_from(compiled_programme, detail::step_named(*programme, arm.effect_from_step),
                                    arm.job_finding_multiplier);
        }
        compiled.programmes.push_back(std::move(compiled_programme));
      };
      add(arm.programme);
      for (std::size_t j = 0; j < jobcentres_.size(); ++j) {
        const auto it = arm.programme_by_jobcentre.find(jobcentres_[j].name);
        if (it == arm.programme_by_jobcentre.end()) continue;
        add(it->second);
        compiled.programme_of_jobcentre[j] = static_cast<std::uint8_t>(compiled.programmes.size() - 1);
      }
      if (!arm.effect_from_step.empty()) compiled.job_multiplier = 1;  // carried by the steps instead
    }
    compiled.protocol = arm.protocol;
    compiled.other_actors = arm.other_actors;
    compiled.in_jobcentre.assign(jobcentres_.size(), arm.jobcentres.empty() ? 1 : 0);
    for (const std::string& name : arm.jobcentres) compiled.in_jobcentre[index_of(jobcentres_, name)] = 1;
    for (int day : arm.birth_days) compiled.birth_days |= 1u << static_cast<unsigned>(day - 1);
    out.arms.push_back(std::move(compiled));
  }
  out.cluster = spec.randomization == Randomization::cluster;
  out.by_date_of_birth = spec.randomization == Randomization::date_of_birth;
  out.success.assign(states_.size(), 0);
  out.unemployed.assign(states_.size(), 0);
  for (const std::string& name : spec.success_states) out.success[index_of(scenario_.states, name)] = 1;
  for (const std::string& name : spec.unemployed_states) out.unemployed[index_of(scenario_.states, name)] = 1;
  trial_ = std::move(out);
}

CompiledState Model::compile_state(std::size_t s) const {
  const Scenario& sc = scenario_;
  const StateSpec& spec = sc.states[s];
  CompiledState out;
  out.absorbing = spec.absorbing;
  out.on_support = spec.on_support;
  out.permanent_support = spec.permanent_support;
  out.has_follow_up = spec.has_follow_up;
  if (spec.has_follow_up) {
    const std::string& group = spec.benefit_group.empty() ? spec.name : spec.benefit_group;
    out.benefit_group = static_cast<std::size_t>(
        std::find(benefit_groups_.begin(), benefit_groups_.end(), group) - benefit_groups_.begin());
    const FollowUp& f = spec.follow_up;
    out.programmes.resize(kPolicyCount);
    const auto add = [&](Policy policy, const FollowUpPolicy& p) {
      out.programmes[static_cast<std::size_t>(policy)] =
          detail::policy_programme(sc, p, f.normal, policy == Policy::risk_targeted);
      out.has_policy[static_cast<std::size_t>(policy)] = true;
    };
    add(Policy::normal, f.normal);
    if (f.intensive) add(Policy::intensive, *f.intensive);
    if (f.risk_targeted) add(Policy::risk_targeted, *f.risk_targeted);
    for (const Programme& programme : sc.programmes) {
      if (programme.state == spec.name) out.programmes.push_back(detail::compile_programme(sc, programme));
    }
    if (f.other_actor && f.other_actor_weeks > 0) {
      out.other_actor_days = weeks_to_days(f.other_actor_weeks);
      out.other_actor = detail::policy_programme(sc, *f.other_actor, f.normal, false);
    }
  }
  out.legal_first_interview_days = days_by_age(spec.deadlines.first_interview_weeks);
  out.legal_first_offer_days = days_by_age(spec.deadlines.first_offer_weeks);
  out.exempt_share = spec.exemption.share;
  out.exempt_job_multiplier = spec.exemption.job_finding_multiplier;
  out.exempt_other_multiplier = spec.exemption.other_multiplier;
  if (spec.benefit_limit) out.limit = compile_limit(sc, *spec.benefit_limit);

  // The state's bands are the union of its transitions' breaks.
  std::vector<const TransitionSpec*> exits;
  std::set<double> starts_months{0.0};
  for (const auto& t : sc.transitions) {
    if (t.from != spec.name) continue;
    exits.push_back(&t);
    out.exits.push_back({static_cast<StateIndex>(index_of(sc.states, t.to)), t.job_finding});
    starts_months.insert(t.duration_breaks_months.begin(), t.duration_breaks_months.end());
  }
  for (double m : starts_months) out.band_start_days.push_back(m * sim::kDaysPerMonth);

  const std::size_t bands = out.bands(), E = exits.size();
  const double calibrated = value_or(sc.calibration.exit_multiplier, spec.name, 1.0) *
                            (out.temporary_support() ? sc.calibration.turnover : 1.0);
  out.exit_hazard_per_day.assign(kGroupCount * bands * E, 0.0);
  out.cycle_slots = cycle_slots_;
  out.exit_cycle_factor.assign(cycle_slots_ * E, 1.0);
  for (std::size_t slot = 0; slot < cycle_slots_; ++slot) {
    for (std::size_t e = 0; e < E; ++e)
      out.exit_cycle_factor[slot * E + e] = std::pow(cycle_index_[slot], exits[e]->cycle_elasticity);
  }
  out.normal_hazard_per_day.assign(kGroupCount * bands, 0.0);
  out.job_hazard_per_day.assign(cycle_slots_ * kGroupCount * bands, 0.0);
  out.other_hazard_per_day.assign(cycle_slots_ * kGroupCount * bands, 0.0);
  for (std::uint8_t g = 0; g < kGroupCount; ++g) {
    std::size_t b = 0;
    for (double start_months : starts_months) {
      for (std::size_t e = 0; e < E; ++e) {
        const double h = hazard_at(*exits[e], start_months) / sim::kDaysPerMonth * calibrated *
                         covariate_multiplier(sc.covariates, g, exits[e]->job_finding);
        out.exit_hazard_per_day[(g * bands + b) * E + e] = h;
        out.normal_hazard_per_day[g * bands + b] += h;
        for (std::size_t slot = 0; slot < cycle_slots_; ++slot) {
          (exits[e]->job_finding ? out.job_hazard_per_day
                                 : out.other_hazard_per_day)[(slot * kGroupCount + g) * bands + b] +=
              h * out.exit_cycle_factor[slot * E + e];
        }
      }
      ++b;
    }
  }
  return out;
}

void Model::compile_jobcentres() {
  const Scenario& sc = scenario_;
  const std::size_t months = static_cast<std::size_t>(calendar_.months());
  // Places are shared out in proportion to each jobcentre's persons in follow-up at the start; so are
  // caseworkers when given as a ratio.
  auto followed_up = [&](const JobcentreSpec& j) {
    double n = 0;
    for (const auto& s : sc.states) n += s.has_follow_up ? value_or(j.initial_persons, s.name, 0.0) : 0.0;
    return n;
  };
  double region_followed_up = 0;
  for (const auto& j : sc.jobcentres) region_followed_up += followed_up(j);

  for (const auto& j : sc.jobcentres) {
    CompiledJobcentre out;
    out.name = j.name;
    out.under_30_share = j.under_30_share;
    out.non_western_share = j.non_western_share;
    for (std::size_t state = 0; state < sc.states.size(); ++state) {
      const StateSpec& s = sc.states[state];
      out.initial_persons.push_back(scaled_count(value_or(j.initial_persons, s.name, 0.0), scale_));
      out.inflow_per_day.push_back(value_or(j.inflow_per_month, s.name, 0.0) *
                                   value_or(sc.calibration.inflow_multiplier, s.name, 1.0) *
                                   (states_[state].temporary_support() ? sc.calibration.turnover : 1.0) *
                                   scale_ / sim::kDaysPerMonth);
      const auto calibrated = sc.calibration.jobcentre_exit_multiplier.find(j.name);
      out.exit_multiplier.push_back(calibrated == sc.calibration.jobcentre_exit_multiplier.end()
                                        ? 1.0
                                        : value_or(calibrated->second, s.name, 1.0));
      const FollowUp& f = s.follow_up;
      std::uint8_t slot = f.programme.empty() ? rules::resolve_policy(states_[state], f.policy)
                                              : programme_slot(sc, s.name, f.programme);
      if (const auto it = f.policy_by_jobcentre.find(j.name); it != f.policy_by_jobcentre.end())
        slot = rules::resolve_policy(states_[state], it->second);
      if (const auto it = f.programme_by_jobcentre.find(j.name); it != f.programme_by_jobcentre.end())
        slot = programme_slot(sc, s.name, it->second);
      out.policy_slot.push_back(slot);
    }
    const double share = region_followed_up > 0 ? followed_up(j) / region_followed_up : 0.0;
    out.places.assign(months * sc.offers.size(), 0);
    for (std::size_t m = 0; m < months; ++m) {
      for (std::size_t o = 0; o < sc.offers.size(); ++o) {
        const OfferSpec& spec = sc.offers[o];
        double places = spec.places * share;
        if (!spec.places_by_month.empty())
          places = spec.places_by_month[std::min(m, spec.places_by_month.size() - 1)] * share;
        places = value_or(spec.places_by_jobcentre, j.name, places);
        places *= std::pow(cycle_index(m), spec.places_cycle_elasticity);
        out.places[m * sc.offers.size() + o] = scaled_count(places, scale_);
      }
    }
    for (std::size_t m = 1; m < months; ++m) {
      for (std::size_t o = 0; o < sc.offers.size(); ++o) {
        if (out.places[m * sc.offers.size() + o] > out.places[(m - 1) * sc.offers.size() + o]) {
          out.months_with_more_places.push_back(m);
          break;
        }
      }
    }
    const Caseworkers& cw = sc.caseworkers;
    out.caseworkers =
        value_or(cw.by_jobcentre, j.name, cw.per_1000_in_follow_up * followed_up(j) / 1000.0) * scale_;
    if (cw.interviews_per_week_each > 0 && out.caseworkers > 0)
      out.interviews_per_day = out.caseworkers * cw.interviews_per_week_each / sim::kDaysPerWeek;
    out.pool_slots_per_day.assign(months * pool_names_.size(), 0.0);
    for (std::size_t m = 0; m < months; ++m) {
      out.pool_slots_per_day[m * pool_names_.size()] = out.interviews_per_day * caseworker_factor(m);
      for (std::size_t k = 0; k < sc.pools.size(); ++k) {
        const CapacityPool& pool = sc.pools[k];
        const auto own = pool.slots_by_jobcentre.find(j.name);
        const std::vector<double>& weekly =
            own == pool.slots_by_jobcentre.end() ? pool.slots_per_week : own->second;
        if (weekly.empty()) continue;
        out.pool_slots_per_day[m * pool_names_.size() + 1 + k] =
            weekly[std::min(m, weekly.size() - 1)] * scale_ / sim::kDaysPerWeek;
      }
    }
    jobcentres_.push_back(std::move(out));
  }
}

}  // namespace labsim::models
