// Making, entering and merging the Markov twin's cohorts.
#include "models/twin/twin_cohorts.hpp"

#include <algorithm>

#include "models/rules/benefit_limit.hpp"
#include "models/rules/follow_up.hpp"
#include "models/twin/initial_elapsed_bins.hpp"

namespace labsim::models::twin {

namespace {

constexpr auto kNewSpell = static_cast<std::size_t>(ProfileKind::new_spell);
constexpr auto kInitialPastDeadline = static_cast<std::size_t>(ProfileKind::initial_past_deadline);
constexpr auto kInitialBeforeDeadline = static_cast<std::size_t>(ProfileKind::initial_before_deadline);

// Whether two cohorts, both in the labour reserve, have the same future per person.
bool alike_in_reserve(const Cohort& a, const Cohort& b) {
  return a.spell_start == b.spell_start && a.state == b.state && a.group == b.group && a.exempt == b.exempt &&
         a.profile == b.profile && a.profile_slot == b.profile_slot && a.initial == b.initial &&
         a.new_spell == b.new_spell && a.start_month == b.start_month && a.extensions == b.extensions &&
         a.next_limit == b.next_limit && a.band == b.band;
}

}  // namespace

Entries::Entries(const Model& model)
    : model_(&model), sums_(model.states(), kGroupCount, 2, kSupportClasses) {}

TwinCohorts::TwinCohorts(const JobcentreInputs& in)
    : in_(in),
      rules_(in.rules.data()),
      settled_(1 + in.profiles.size(), in.states(), kGroupCount, 2, 2),
      same_start_(in.states(), kGroupCount, 2) {}

void TwinCohorts::add_initial_stock(Grid<Axis::state, Axis::group>& initial) {
  for (std::size_t s = 0; s < in_.states(); ++s) {
    const double persons = in_.jc.initial_persons[s];
    if (persons <= 0) continue;
    const CompiledState& st = in_.model.state(s);
    for (std::uint8_t g = 0; g < kGroupCount; ++g) {
      const double n = persons * in_.jc.group_share(g);
      initial.at(s, g) += n;
      if (n <= 0) continue;
      const ElapsedBins& bins = in_.shared.elapsed_bins(in_.jobcentre, static_cast<StateIndex>(s), g);
      const CompiledPolicy* policy =
          st.has_follow_up ? &rules::follow_up_programme(st, in_.jc.policy_slot, static_cast<StateIndex>(s))
                                  .steps.front()
                                  .policy
                           : nullptr;
      // Without follow-up there is no deadline: everyone counts as before it.
      const auto before_deadline = [&](std::size_t i) {
        return !policy || rules::before_first_offer_deadline(*policy, g, bins.elapsed_days(i));
      };
      // Exempt or not, then by elapsed duration: neighbouring cohorts often share their hazards, and
      // segment() reuses the survival of the last one.
      for (int exempt = 0; exempt < 2; ++exempt) {
        const double share = exempt ? st.exempt_share : 1 - st.exempt_share;
        if (share <= 0) continue;
        for (std::size_t i = 0; i < bins.mass.size(); ++i) {
          if (bins.mass[i] <= 0) continue;
          Cohort c;
          c.mass = n * bins.mass[i] * share;
          c.spell_start = -bins.elapsed_days(i);
          c.state = static_cast<StateIndex>(s);
          c.group = g;
          c.exempt = exempt == 1;
          c.initial = true;
          c.long_from = st.temporary_support() ? c.spell_start + kLabourReserveAfterDays : kInfinity;
          c.next_limit = st.limit ? rules::limit_day(*st.limit, c.spell_start, 0) : kInfinity;
          const std::size_t slot =
              in_.profiles.key(before_deadline(i) ? kInitialBeforeDeadline : kInitialPastDeadline, s, g);
          c.profile = c.exempt ? nullptr : in_.profiles[slot];
          c.profile_slot = static_cast<std::uint32_t>(slot);
          cohorts_.push_back(c);
        }
      }
    }
  }
}

void TwinCohorts::add_entries(Entries& entries, double mid, std::size_t m) {
  entries.drain([&](const Entries::Index& cell, const Entry& e) {
    if (e.mass <= 0) return;
    const auto [s, g, exempt, cls] = cell;
    Cohort c;
    c.mass = e.mass;
    c.spell_start = mid;
    c.state = static_cast<StateIndex>(s);
    c.group = static_cast<std::uint8_t>(g);
    c.exempt = exempt == 1;
    const CompiledState& st = in_.model.state(c.state);
    if (!st.temporary_support()) {
      c.long_from = kInfinity;
    } else if (cls == kFreshSupport) {
      c.long_from = mid + kLabourReserveAfterDays;
    } else if (cls == kLongSupport) {
      c.long_from = -kInfinity;
    } else {
      c.long_from = e.long_from_mass / e.mass;
    }
    c.next_limit = st.limit ? rules::limit_day(*st.limit, mid, 0) : kInfinity;
    c.new_spell = st.has_follow_up && !c.exempt;
    const std::size_t slot = in_.profiles.key(kNewSpell, s, g);
    c.profile = c.new_spell ? in_.profiles[slot] : nullptr;
    c.profile_slot = static_cast<std::uint32_t>(slot);
    c.start_month = static_cast<std::uint32_t>(m);
    cohorts_.push_back(c);
  });
}

// Cohorts whose future no longer depends on when their spells began - in the last hazard band, without a
// benefit limit or duration-driven follow-up, and settled in or out of the labour reserve - behave alike,
// so those of one (state, group, exempt, profile) are merged into one. This keeps the number of cohorts (and
// the run time) from growing with the horizon. Cohorts of one spell start that were kept apart only by when
// they join the labour reserve behave alike once all of them are in it, and are merged too.
void TwinCohorts::merge_settled(double now) {
  // Only the cells set last time are reset: the table is large and mostly unused.
  settled_.forget_all();
  std::size_t empty = 0;
  double run_start = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < cohorts_.size(); ++i) {
    Cohort& c = cohorts_[i];
    if (c.mass <= 0) {
      ++empty;
      continue;
    }
    const StateRules& r = rules_[c.state];
    const bool in_reserve = c.long_from <= now;
    const bool settled = !r.limit && (c.profile == nullptr || c.initial) &&
                         c.spell_start + r.band_start[r.bands - 1] <= now &&
                         (in_reserve || c.long_from == kInfinity);
    if (settled) {
      const std::size_t profile = c.profile ? 1 + c.profile_slot : 0;
      const auto key = settled_.key(profile, c.state, c.group, c.exempt ? 1 : 0, in_reserve ? 1 : 0);
      if (const auto into = settled_.find(key)) {
        cohorts_[*into].mass += c.mass;
        c.mass = 0;
        ++empty;
        continue;
      }
      c.spell_start = kLongAgo;
      c.band = static_cast<std::uint32_t>(r.bands - 1);
      if (in_reserve) c.long_from = -kInfinity;
      settled_.set(key, i);
    } else if (in_reserve) {
      // Cohorts of one spell start lie next to each other (they were made in one step).
      if (c.spell_start != run_start) {
        same_start_.forget_all();
        run_start = c.spell_start;
      }
      const auto key = same_start_.key(c.state, c.group, c.exempt ? 1 : 0);
      const auto into = same_start_.find(key);
      if (into && alike_in_reserve(cohorts_[*into], c)) {
        cohorts_[*into].mass += c.mass;
        c.mass = 0;
        ++empty;
        continue;
      }
      same_start_.set(key, i);
    }
  }
  same_start_.forget_all();
  // Emptied cohorts cost little (advance() skips them) but moving every later cohort does: they are removed
  // only once they are a good part of all.
  if (4 * empty > cohorts_.size()) {
    cohorts_.erase(
        std::remove_if(cohorts_.begin(), cohorts_.end(), [](const Cohort& c) { return c.mass <= 0; }),
        cohorts_.end());
  }
}

}  // namespace labsim::models::twin
