// The Markov twin's population distribution: cohorts, the entries that become new cohorts, and merging.
//
// A cell is a cohort: everyone who entered one benefit state in the same time step (or, for the initial
// stock, with elapsed durations in the same bin of `open_band_months / steps` width, plus one open bin), in
// one person group, exempt or not, and - for temporary support - with the same time from which they count in
// the labour reserve (support carries across moves between temporary-support states). Since everyone in a
// cohort shares the spell's start day, each cohort knows its exact spell duration, hazard band, benefit-limit
// day (the old rule and the number of extensions follow from the start day and age), and when it joins the
// labour reserve. Cohorts never move; only their mass shrinks (twin_step.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "models/counts/grid.hpp"
#include "models/model.hpp"
#include "models/twin/follow_up_profile.hpp"
#include "models/twin/twin_inputs.hpp"
#include "models/twin/twin_table.hpp"

namespace labsim::models::twin {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Entries of a step are kept apart by when they join the labour reserve (kSupportClasses): already, fresh (3
// months after the new spell starts) or at a carried time, by month ahead (up to 3); within a class the
// mass-weighted mean time is kept, so only the spread of joining times within a month is lost.
constexpr std::size_t kFreshSupport = 0;
constexpr std::size_t kLongSupport = 1;
constexpr std::size_t kFirstCarriedSupport = 2;  // classes from here on carry their joining time
// The spell start of merged cohorts: long enough ago for every duration rule to have settled.
constexpr double kLongAgo = -1e12;

struct Cohort {
  double mass = 0;
  double spell_start = 0;
  double long_from = kInfinity;  // when its persons start counting in the labour reserve
  double next_limit = kInfinity;
  const FollowUpProfile* profile = nullptr;  // null when exempt or not followed up
  std::uint32_t profile_slot = 0;            // key into JobcentreInputs::profiles, with the profile
  std::uint32_t start_month = 0;
  int extensions = 0;
  std::uint32_t band = 0;
  StateIndex state = 0;
  std::uint8_t group = 0;
  bool exempt = false;
  bool initial = false;
  bool new_spell = false;  // counts for timeliness
};
// One cache line: the step loop reads every cohort every step.
static_assert(sizeof(Cohort) <= 64);

// Persons entering a cell, and (for carried support classes) their mass-weighted joining time.
struct Entry {
  double mass = 0;
  double long_from_mass = 0;  // mass-weighted time of joining the labour reserve, for carried support
  [[nodiscard]] bool empty() const { return mass == 0; }
};

// The support class entries from a cohort get in a temporary-support state, at a step starting at
// `step_start` (kFreshSupport when the cohort's own state is not one).
inline std::size_t support_class(const StateRules& from_state, const Cohort& from, double step_start) {
  if (!from_state.temporary_support) return kFreshSupport;
  if (from.long_from <= step_start) return kLongSupport;
  const double months_ahead = (from.long_from - step_start) / sim::kDaysPerMonth;
  return kFirstCarriedSupport + std::min<std::size_t>(kSupportClasses - 1 - kFirstCarriedSupport,
                                                      static_cast<std::size_t>(months_ahead));
}

// Persons entering states during a step, by [state][group][exempt][support class]: each cell becomes one new
// cohort whose spell starts mid-step.
class Entries {
 public:
  using Sums = SparseSums<Entry, TwinAxis::state, TwinAxis::group, TwinAxis::exempt, TwinAxis::support_class>;
  using Index = Sums::Index;

  Entries() = default;
  explicit Entries(const Model& model);

  // `persons` entering state `to` with support class `from_class` (kept only when `to` is temporary
  // support); `long_from_persons`: the persons weighted by when they join the labour reserve (classes from
  // kFirstCarriedSupport on). Split between exempt and not by the state's exempt share.
  void add(StateIndex to, std::uint8_t g, double persons, std::size_t from_class, double long_from_persons);

  template <class F>
  void for_each(F f) const {
    sums_.for_each(f);
  }
  template <class F>
  void drain(F f) {
    sums_.drain(f);
  }

 private:
  const Model* model_ = nullptr;
  Sums sums_;
};

// Defined here, inline, with the two below: the step loop calls them for every cohort or exit it moves.
inline void Entries::add(StateIndex to, std::uint8_t g, double persons, std::size_t from_class,
                         double long_from_persons) {
  if (persons <= 0) return;
  const CompiledState& dest = model_->state(to);
  const std::size_t cls = dest.temporary_support() ? from_class : kFreshSupport;
  const double exempt_share = dest.has_follow_up ? dest.exempt_share : 0.0;
  for (int exempt = 0; exempt < 2; ++exempt) {
    const double share = exempt ? exempt_share : 1 - exempt_share;
    if (share <= 0) continue;
    Entry& e = sums_.add_at(to, g, exempt, cls);
    e.mass += persons * share;
    if (cls >= kFirstCarriedSupport) e.long_from_mass += long_from_persons * share;
  }
}

// The cohorts of one jobcentre.
class TwinCohorts {
 public:
  explicit TwinCohorts(const JobcentreInputs& in);

  // The initial stock, by elapsed duration; adds each (state, group)'s persons to `initial`.
  void add_initial_stock(Grid<Axis::state, Axis::group>& initial);
  // One new cohort for each cell of `entries`, its spell begun at `mid` in month m; empties `entries`.
  void add_entries(Entries& entries, double mid, std::size_t m);

  // Cohorts whose future no longer depends on when their spells began are merged (see the definition).
  void merge_settled(double now);

  // The end of the run of cohorts from `first` (before `end`) that step alike over [a, b): first + 1 when
  // there is none. Brings their bands up to a.
  [[nodiscard]] std::size_t alike_run_end(std::size_t first, std::size_t end, double a, double b);

  [[nodiscard]] std::vector<Cohort>& all() { return cohorts_; }
  [[nodiscard]] const std::vector<Cohort>& all() const { return cohorts_; }

 private:
  [[nodiscard]] bool whole_step(Cohort& c, double a, double b) const;

  const JobcentreInputs& in_;
  const StateRules* rules_;  // in_.rules, one load nearer
  std::vector<Cohort> cohorts_;
  // The cohort merged into, by [profile or none][state][group][exempt][in reserve] ...
  CohortLookup<TwinAxis::profile_or_none, TwinAxis::state, TwinAxis::group, TwinAxis::exempt,
               TwinAxis::in_reserve>
      settled_;
  // ... and of the current spell start, by [state][group][exempt].
  CohortLookup<TwinAxis::state, TwinAxis::group, TwinAxis::exempt> same_start_;
};

// Whether a cohort's step [a, b) is one segment that depends on the cohort only through its mass: no split
// point inside, no timeliness (which follows each spell start) and no follow-up by duration. Brings the
// cohort's band up to a.
inline bool TwinCohorts::whole_step(Cohort& c, double a, double b) const {
  if (c.new_spell || (c.profile && !c.initial)) return false;
  if (!(c.long_from <= a || c.long_from == kInfinity)) return false;
  const StateRules& r = rules_[c.state];
  if (r.limit && !(c.next_limit >= b)) return false;
  while (c.band + 1 < r.bands && c.spell_start + r.band_start[c.band + 1] <= a) ++c.band;
  return c.band + 1 >= r.bands || c.spell_start + r.band_start[c.band + 1] >= b;
}

// Empty cohorts join any run: they stay empty.
inline std::size_t TwinCohorts::alike_run_end(std::size_t first, std::size_t end, double a, double b) {
  Cohort& c = cohorts_[first];
  if (c.mass <= 0 || !whole_step(c, a, b)) return first + 1;
  std::size_t k = first + 1;
  for (; k < end; ++k) {
    Cohort& d = cohorts_[k];
    if (d.mass <= 0) continue;
    if (d.state != c.state || d.group != c.group || d.exempt != c.exempt || d.profile != c.profile ||
        d.profile_slot != c.profile_slot || d.initial != c.initial ||
        (d.long_from <= a) != (c.long_from <= a) || !whole_step(d, a, b) || d.band != c.band)
      break;
  }
  return k;
}

}  // namespace labsim::models::twin
