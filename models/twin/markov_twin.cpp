// Stepping the compiled model forward as a distribution over cells.
//
// Cells. A cell is a cohort: everyone who entered one benefit state in the same time step (or, for the
// initial stock, with elapsed durations in the same bin of `open_band_months / steps` width, plus one open
// bin), in one person group, exempt or not, and - for temporary support - with the same time from which
// they count in the labour reserve (support carries across moves between temporary-support states). Since
// everyone in a cohort shares the spell's start day, each cohort knows its exact spell duration, hazard
// band, benefit-limit day (the old rule and the number of extensions follow from the start day and age),
// and when it joins the labour reserve.
//
// Step. Each calendar month (real boundaries from MonthCalendar) is cut into `steps_per_month` equal steps.
// Within a step a cohort's hazards are constant between split points (band boundaries, benefit limits, the
// labour-reserve threshold), so survival, person-time, exits by destination and flows are integrated
// exactly there. Entries during a step (inflow and moves) form one new cohort whose spell starts mid-step
// and which is exposed from then to the step's end. This is a structured update (cohorts never move; only
// their mass shrinks), not a sparse transition matrix: with a cohort's start day fixed, every rule is a
// function of time, so a matrix would have to be rebuilt every step and would add nothing.
//
// Exact up to the time step: exits with bands, business cycle, covariates, calibration multipliers and
// exemption; inflows (the Poisson mean) and group shares; the initial stock and its (tilted stationary)
// elapsed durations, binned; benefit limits with the old rule, extensions and destination shares; the
// labour reserve; flows. The time-step error comes from entries being placed mid-step (persons who enter
// and leave again within half a step are moved one step late) and initial durations being binned.
//
// Cost. Calibration runs the twin hundreds of times, so the work is kept to what changes the result:
// follow-up profiles are built once per run and shared by jobcentres with the same inputs
// (models/twin_profiles.cpp); cohorts of one spell start merge once all are in the labour reserve; a step's
// exits are summed per (state, group, band, support class) and shared out to destinations once; and a run
// of neighbouring cohorts that step alike gets one segment. All of these are exact up to rounding.
//
// Approximations: follow-up (models/follow_up_profile.cpp) is a per-spell sub-chain over a uniform duration
// grid whose mean job-finding multiplier, offer occupancy, first-interview/first-offer flows and completed
// partial returns are applied to every cohort by duration. It follows interview timing (a mixture over
// first-interview times, each with its deterministic cadence), offer draws, the practice deadline, lock-in,
// post-programme and interview effects, add-ons and partial returns, except that: (1) the mix of survivors
// in and out of offers comes from one spell's course under the first month's hazards, not from each cohort
// under its own (business cycle and benefit limits left out); (2) interviews and deadlines act on the whole
// step they fall in, and offers begun then count from mid-step (their average start) for their exact
// length; post-programme lengths are rounded to whole steps; (3) the initial stock follows one profile per
// (state, group, before or past the practice deadline), which starts everyone outside offers with an even
// interview phase at the group's mean elapsed duration, and reaches the deadline by the binned elapsed
// durations. First-interview timeliness is exact up to the step, since interview times do not depend on
// offers. Caseworker time and offer places are unlimited, so nobody waits. The interview effect lasts
// interview_effect_weeks after each interview, as in the simulator.
#include "models/twin/markov_twin.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "models/counts/tally.hpp"
#include "models/rules/benefit_limit.hpp"
#include "models/rules/exits.hpp"
#include "models/rules/follow_up.hpp"
#include "models/rules/timeliness.hpp"
#include "models/twin/follow_up_profile.hpp"
#include "models/twin/initial_elapsed_bins.hpp"
#include "models/twin/twin_profiles.hpp"
#include "sim/parallel_runner.hpp"

namespace labsim::models {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Entries of a step are kept apart by when they join the labour reserve: already, fresh (3 months after the
// new spell starts) or at a carried time, by month ahead (up to 3); within a class the mass-weighted mean
// time is kept, so only the spread of joining times within a month is lost.
constexpr std::size_t kSupportClasses = 5;
constexpr std::size_t kFreshSupport = 0;
constexpr std::size_t kLongSupport = 1;
constexpr std::size_t kNoCohort = std::numeric_limits<std::size_t>::max();
// The spell start of merged cohorts: long enough ago for every duration rule to have settled.
constexpr double kLongAgo = -1e12;

struct Cohort {
  double mass = 0;
  double spell_start = 0;
  double long_from = kInfinity;  // when its persons start counting in the labour reserve
  double next_limit = kInfinity;
  const FollowUpProfile* profile = nullptr;  // null when exempt or not followed up
  // [new spells | initial stock past the deadline | before it][state][group], with the profile
  std::uint32_t profile_slot = 0;
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

struct Entry {
  double mass = 0;
  double long_from_mass = 0;  // mass-weighted time of joining the labour reserve, for carried support
};

// Exits by hazard leave a cohort in proportion to each exit's hazard, which depends on the cohort only
// through (state, group, band) and its multipliers on job finding and the rest. So a step's exits are summed
// per (state, group, band, support class) as persons per unit hazard, and shared out to exits once: per
// cohort, only two numbers are added instead of entering every exit.
struct Leaving {
  double job = 0, other = 0;                      // persons leaving per unit of job-finding / other hazard
  double job_long_from = 0, other_long_from = 0;  // the same weighted by when they join the labour reserve
};

// What the step loop reads of a state, gathered in one place (the compiled state spreads it over vectors).
struct StateRules {
  const CompiledState* state = nullptr;
  const double* band_start = nullptr;
  std::size_t bands = 0;
  bool exits = false;
  bool limit = false;
  double calibrated = 1;  // the jobcentre's multiplier on every exit
  double exempt_job = 1, exempt_other = 1;
  // Spell duration from which first-interview and first-offer timeliness no longer change, by group.
  std::array<double, kGroupCount> timeliness_until{};
};

double group_share(const CompiledJobcentre& jc, std::uint8_t g) {
  return (is_under_30(g) ? jc.under_30_share : 1 - jc.under_30_share) *
         (is_non_western(g) ? jc.non_western_share : 1 - jc.non_western_share);
}

double grid_days(const TwinOptions& options) {
  return sim::kDaysPerMonth / std::max(1, options.steps_per_month);
}

TwinGrid twin_grid(const Model& model, const TwinOptions& options) {
  TwinGrid grid;
  grid.step_days = grid_days(options);
  grid.profile_steps =
      static_cast<std::size_t>(std::ceil(model.calendar().horizon().value / grid.step_days)) + 2;
  grid.open_band_bins = static_cast<std::size_t>(
      std::ceil(std::max(options.open_band_months, 1.0) * sim::kDaysPerMonth / grid.step_days));
  return grid;
}

class JobcentreTwin {
 public:
  JobcentreTwin(const Model& model, std::size_t jobcentre, const TwinOptions& options,
                const TwinProfiles& profiles, TwinJobcentre& out)
      : model_(model),
        j_(jobcentre),
        jc_(model.jobcentre(jobcentre)),
        calendar_(model.calendar()),
        profiles_(profiles),
        out_(out),
        S_(model.states()),
        G_(kGroupCount),
        O_(model.offers()),
        BG_(model.benefit_groups().size()),
        M_(static_cast<std::size_t>(calendar_.months())),
        steps_per_month_(std::max(1, options.steps_per_month)),
        grid_days_(grid_days(options)),
        horizon_(calendar_.horizon().value),
        entries_(S_ * G_ * 2 * kSupportClasses),
        carried_(S_ * G_ * 2 * kSupportClasses),
        max_bands_(max_bands(model)),
        leaving_(S_ * G_ * max_bands_ * kSupportClasses),
        completing_(S_ * G_ * S_ * kSupportClasses),
        settled_((1 + 3 * S_ * G_) * S_ * G_ * 4, kNoCohort),
        same_start_(S_ * G_ * 2, kNoCohort) {
    out_.monthly = MonthlyCounts(M_, S_, G_, O_, BG_);
    out_.initial = Grid<Axis::state, Axis::group>(S_, G_);
    out_.at_horizon = out_.initial;
    profile_steps_ = twin_grid(model_, options).profile_steps;
    for (std::size_t s = 0; s < S_; ++s) {
      const CompiledState& st = model_.state(s);
      StateRules r;
      r.state = &st;
      r.band_start = st.band_start_days.data();
      r.bands = st.bands();
      r.exits = !st.exits.empty();
      r.limit = st.limit.has_value();
      r.calibrated = jc_.exit_multiplier[s];
      r.exempt_job = st.exempt_job_multiplier;
      r.exempt_other = st.exempt_other_multiplier;
      for (std::uint8_t g = 0; g < G_; ++g) r.timeliness_until[g] = rules::timeliness_settled_days(st, g);
      rules_.push_back(r);
    }
    new_profile_.assign(S_ * G_, nullptr);
    initial_profile_.assign(2 * S_ * G_, nullptr);
    profile_days_.assign(3 * S_ * G_ * profile_steps_, 0.0);
    for (std::size_t s = 0; s < S_; ++s) {
      if (!model_.state(s).has_follow_up) continue;
      for (std::uint8_t g = 0; g < G_; ++g)
        new_profile_[s * G_ + g] = profiles_.new_spell(j_, static_cast<StateIndex>(s), g);
    }
  }

  void run() {
    add_initial_stock();
    for (std::size_t m = 0; m < M_; ++m) {
      const double month_start = calendar_.month_start(static_cast<int>(m)).value;
      const double length = calendar_.month_length_days(static_cast<int>(m)) / steps_per_month_;
      for (int i = 0; i < steps_per_month_; ++i) {
        const double a = month_start + i * length;
        const double b =
            i + 1 == steps_per_month_ ? calendar_.month_end(static_cast<int>(m)).value : a + length;
        step(m, a, b);
        merge_settled(b);
      }
      count_offers(m);
    }
    for (const Cohort& c : cohorts_) out_.at_horizon.at(c.state, c.group) += c.mass;
    for (std::size_t k : touched_carried_) {
      const std::size_t cell = k / (2 * kSupportClasses);
      out_.at_horizon.at(cell / G_, cell % G_) += carried_[k].mass;
    }
    MonthlyCounts& out = out_.monthly;
    for (std::size_t m = 0; m < M_; ++m) {
      const double days = calendar_.month_length_days(static_cast<int>(m));
      for (std::size_t s = 0; s < S_; ++s) {
        for (std::size_t g = 0; g < G_; ++g) out.in_state.at(m, s, g) /= days;
        for (std::size_t o = 0; o < O_; ++o) out.in_offer.at(m, s, o) /= days;
      }
      out.labour_reserve.at(m) /= days;
    }
  }

 private:
  void add_initial_stock() {
    for (std::size_t s = 0; s < S_; ++s) {
      const double persons = jc_.initial_persons[s];
      if (persons <= 0) continue;
      const CompiledState& st = model_.state(s);
      for (std::uint8_t g = 0; g < G_; ++g) {
        const double n = persons * group_share(jc_, g);
        out_.initial.at(s, g) += n;
        if (n <= 0) continue;
        const ElapsedBins& bins = profiles_.elapsed_bins(j_, static_cast<StateIndex>(s), g);
        const CompiledPolicy* policy =
            st.has_follow_up ? &rules::follow_up_policy(st, jc_.policy_slot, static_cast<StateIndex>(s))
                             : nullptr;
        // Without follow-up there is no deadline: everyone counts as before it.
        const auto before_deadline = [&](std::size_t i) {
          return !policy || rules::before_first_offer_deadline(*policy, g, bins.elapsed_days(i));
        };
        if (st.has_follow_up) {
          for (int before = 0; before < 2; ++before)
            initial_profile_[(before * S_ + s) * G_ + g] =
                profiles_.initial_stock(j_, static_cast<StateIndex>(s), g, before == 1);
        }
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
            const std::size_t split = before_deadline(i) ? 1 : 0;
            c.profile = c.exempt ? nullptr : initial_profile_[(split * S_ + s) * G_ + g];
            c.profile_slot = static_cast<std::uint32_t>(S_ * G_ + (split * S_ + s) * G_ + g);
            cohorts_.push_back(c);
          }
        }
      }
    }
  }

  void step(std::size_t m, double a, double b) {
    step_start_ = a;
    // Entries carried from the last step's newcomers join this step's.
    std::swap(entries_, carried_);
    std::swap(touched_entries_, touched_carried_);
    const std::size_t existing = cohorts_.size();
    for (std::size_t i = 0; i < existing;) {
      const std::size_t run_end = alike_run_end(i, existing, a, b);
      if (run_end == i + 1) {
        advance(cohorts_[i], a, b, m, entries_, touched_entries_);
      } else {
        // A run of cohorts alike over the whole step: one segment for all, then each keeps its survivors.
        Cohort all = cohorts_[i];
        for (std::size_t k = i + 1; k < run_end; ++k) all.mass += cohorts_[k].mass;
        segment(all, a, b, m);
        for (std::size_t k = i; k < run_end; ++k) cohorts_[k].mass *= last_survival_;
      }
      i = run_end;
    }
    share_out_leaving(m, entries_, touched_entries_);
    for (std::size_t s = 0; s < S_; ++s) {
      const double rate = jc_.inflow_per_day[s];
      if (rate <= 0) continue;
      for (std::uint8_t g = 0; g < G_; ++g) {
        const double n = rate * (b - a) * group_share(jc_, g);
        out_.monthly.inflow.at(m, s, g) += n;
        enter(static_cast<StateIndex>(s), g, n, nullptr, entries_, touched_entries_);
      }
    }
    const double mid = 0.5 * (a + b);
    const std::size_t first_new = cohorts_.size();
    for (std::size_t k : touched_entries_) {
      Entry& e = entries_[k];
      if (e.mass <= 0) continue;
      const std::size_t cls = k % kSupportClasses;
      const bool exempt = (k / kSupportClasses) % 2 == 1;
      const std::size_t cell = k / (2 * kSupportClasses);
      Cohort c;
      c.mass = e.mass;
      c.spell_start = mid;
      c.state = static_cast<StateIndex>(cell / G_);
      c.group = static_cast<std::uint8_t>(cell % G_);
      c.exempt = exempt;
      const CompiledState& st = model_.state(c.state);
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
      c.new_spell = st.has_follow_up && !exempt;
      c.profile = c.new_spell ? new_profile_[cell] : nullptr;
      c.profile_slot = static_cast<std::uint32_t>(cell);
      c.start_month = static_cast<std::uint32_t>(m);
      cohorts_.push_back(c);
      e = Entry{};
    }
    touched_entries_.clear();
    for (std::size_t i = first_new; i < cohorts_.size(); ++i)
      advance(cohorts_[i], mid, b, m, carried_, touched_carried_);
    share_out_leaving(m, carried_, touched_carried_);
  }

  // Person-days spent at each profile step in the month, shared out to offers by the profile's occupancy.
  void count_offers(std::size_t m) {
    for (std::size_t slot = 0; slot < 3 * S_ * G_; ++slot) {
      const std::size_t cell = slot % (S_ * G_);
      const FollowUpProfile* p = slot < S_ * G_ ? new_profile_[cell] : initial_profile_[slot - S_ * G_];
      double* days = profile_days_.data() + slot * profile_steps_;
      if (!p) continue;
      const std::size_t s = cell / G_;
      for (std::size_t j = 0; j < profile_steps_; ++j) {
        if (days[j] == 0) continue;
        for (std::size_t o = 0; o < O_; ++o)
          out_.monthly.in_offer.at(m, s, o) += days[j] * p->in_offer[j * O_ + o];
        days[j] = 0;
      }
    }
  }

  // Cohorts whose future no longer depends on when their spells began - in the last hazard band, without a
  // benefit limit or duration-driven follow-up, and settled in or out of the labour reserve - behave alike,
  // so those of one (state, group, exempt, profile) are merged into one. This keeps the number of cohorts
  // (and the run time) from growing with the horizon. Cohorts of one spell start that were kept apart only
  // by when they join the labour reserve behave alike once all of them are in it, and are merged too.
  void merge_settled(double now) {
    // Only the slots set last time are reset: the table is large and mostly unused.
    for (std::size_t k : settled_touched_) settled_[k] = kNoCohort;
    settled_touched_.clear();
    std::size_t empty = 0;
    double run_start = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < cohorts_.size(); ++i) {
      Cohort& c = cohorts_[i];
      if (c.mass <= 0) {
        ++empty;
        continue;
      }
      const StateRules& r = rules_[c.state];
      const bool settled = !r.limit && (c.profile == nullptr || c.initial) &&
                           c.spell_start + r.band_start[r.bands - 1] <= now &&
                           (c.long_from <= now || c.long_from == kInfinity);
      if (settled) {
        const std::size_t profile = c.profile ? 1 + c.profile_slot : 0;
        const std::size_t key = ((profile * S_ * G_ + c.state * G_ + c.group) * 2 + (c.exempt ? 1 : 0)) * 2 +
                                (c.long_from <= now ? 1 : 0);
        if (settled_[key] != kNoCohort) {
          cohorts_[settled_[key]].mass += c.mass;
          c.mass = 0;
          ++empty;
          continue;
        }
        c.spell_start = kLongAgo;
        c.band = static_cast<std::uint32_t>(r.bands - 1);
        if (c.long_from <= now) c.long_from = -kInfinity;
        settled_[key] = i;
        settled_touched_.push_back(key);
      } else if (c.long_from <= now) {
        // Cohorts of one spell start lie next to each other (they were made in one step).
        if (c.spell_start != run_start) {
          for (std::size_t k : same_start_touched_) same_start_[k] = kNoCohort;
          same_start_touched_.clear();
          run_start = c.spell_start;
        }
        const std::size_t key = (c.state * G_ + c.group) * 2 + (c.exempt ? 1 : 0);
        const std::size_t into = same_start_[key];
        if (into != kNoCohort && alike_in_reserve(cohorts_[into], c)) {
          cohorts_[into].mass += c.mass;
          c.mass = 0;
          ++empty;
          continue;
        }
        if (into == kNoCohort) same_start_touched_.push_back(key);
        same_start_[key] = i;
      }
    }
    for (std::size_t k : same_start_touched_) same_start_[k] = kNoCohort;
    same_start_touched_.clear();
    // Emptied cohorts cost little (advance() skips them) but moving every later cohort does: they are
    // removed only once they are a good part of all.
    if (4 * empty > cohorts_.size()) {
      cohorts_.erase(
          std::remove_if(cohorts_.begin(), cohorts_.end(), [](const Cohort& c) { return c.mass <= 0; }),
          cohorts_.end());
    }
  }

  // Whether a cohort's step [a, b) is one segment that depends on the cohort only through its mass: no
  // split point inside, no timeliness (which follows each spell start) and no follow-up by duration.
  // Brings the cohort's band up to a.
  bool whole_step(Cohort& c, double a, double b) const {
    if (c.new_spell || (c.profile && !c.initial)) return false;
    if (!(c.long_from <= a || c.long_from == kInfinity)) return false;
    const StateRules& r = rules_[c.state];
    if (r.limit && !(c.next_limit >= b)) return false;
    while (c.band + 1 < r.bands && c.spell_start + r.band_start[c.band + 1] <= a) ++c.band;
    return c.band + 1 >= r.bands || c.spell_start + r.band_start[c.band + 1] >= b;
  }

  // The end of the run of cohorts from `first` that step alike over [a, b) (first + 1 when there is none).
  // Empty cohorts join any run: they stay empty.
  std::size_t alike_run_end(std::size_t first, std::size_t end, double a, double b) {
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

  // Whether two cohorts, both in the labour reserve, have the same future per person.
  static bool alike_in_reserve(const Cohort& a, const Cohort& b) {
    return a.spell_start == b.spell_start && a.state == b.state && a.group == b.group &&
           a.exempt == b.exempt && a.profile == b.profile && a.profile_slot == b.profile_slot &&
           a.initial == b.initial && a.new_spell == b.new_spell && a.start_month == b.start_month &&
           a.extensions == b.extensions && a.next_limit == b.next_limit && a.band == b.band;
  }

  // Persons entering state `to` now, from `from` (null for inflow from outside).
  void enter(StateIndex to, std::uint8_t g, double persons, const Cohort* from, std::vector<Entry>& into,
             std::vector<std::size_t>& touched) {
    const std::size_t cls = from ? support_class(*from) : kFreshSupport;
    enter_class(to, g, persons, cls, cls >= 2 ? persons * from->long_from : 0.0, into, touched);
  }

  // The support class entries from a cohort get in a temporary-support state (kFreshSupport when the
  // cohort's own state is not one).
  [[nodiscard]] std::size_t support_class(const Cohort& from) const {
    if (!model_.state(from.state).temporary_support()) return kFreshSupport;
    if (from.long_from <= step_start_) return kLongSupport;
    const double months_ahead = (from.long_from - step_start_) / sim::kDaysPerMonth;
    return 2 + std::min<std::size_t>(kSupportClasses - 3, static_cast<std::size_t>(months_ahead));
  }

  // `long_from_persons`: the persons weighted by when they join the labour reserve (classes from 2 on).
  void enter_class(StateIndex to, std::uint8_t g, double persons, std::size_t from_class,
                   double long_from_persons, std::vector<Entry>& into, std::vector<std::size_t>& touched) {
    if (persons <= 0) return;
    const CompiledState& dest = model_.state(to);
    const std::size_t cls = dest.temporary_support() ? from_class : kFreshSupport;
    const double exempt_share = dest.has_follow_up ? dest.exempt_share : 0.0;
    for (int exempt = 0; exempt < 2; ++exempt) {
      const double share = exempt ? exempt_share : 1 - exempt_share;
      if (share <= 0) continue;
      const std::size_t k = ((static_cast<std::size_t>(to) * G_ + g) * 2 + exempt) * kSupportClasses + cls;
      Entry& e = into[k];
      if (e.mass == 0) touched.push_back(k);
      e.mass += persons * share;
      if (cls >= 2) e.long_from_mass += long_from_persons * share;
    }
  }

  // Exits by hazard summed since the last call, shared out to their destinations.
  void share_out_leaving(std::size_t m, std::vector<Entry>& into, std::vector<std::size_t>& touched) {
    for (std::size_t key : touched_leaving_) {
      Leaving& l = leaving_[key];
      const std::size_t cls = key % kSupportClasses;
      const std::size_t band = (key / kSupportClasses) % max_bands_;
      const std::size_t cell = key / (kSupportClasses * max_bands_);
      const auto s = static_cast<StateIndex>(cell / G_);
      const auto g = static_cast<std::uint8_t>(cell % G_);
      const CompiledState& st = model_.state(s);
      const std::size_t slot = rules::cycle_slot(st, m);
      for (std::size_t e = 0; e < st.exits.size(); ++e) {
        const double hazard = rules::exit_hazard_per_day(st, slot, g, band, e);
        const bool job = st.exits[e].job_finding;
        const double n = hazard * (job ? l.job : l.other);
        if (!(n > 0)) continue;
        out_.monthly.flows.at(m, s, st.exits[e].to) += n;
        enter_class(st.exits[e].to, g, n, cls, hazard * (job ? l.job_long_from : l.other_long_from), into,
                    touched);
      }
      l = Leaving{};
    }
    touched_leaving_.clear();
    // Offers that ended as planned, likewise summed per (state, group, completion state, support class).
    for (std::size_t key : touched_completing_) {
      Entry& e = completing_[key];
      const std::size_t cls = key % kSupportClasses;
      const auto to = static_cast<StateIndex>((key / kSupportClasses) % S_);
      const std::size_t cell = key / (kSupportClasses * S_);
      out_.monthly.flows.at(m, cell / G_, to) += e.mass;
      enter_class(to, static_cast<std::uint8_t>(cell % G_), e.mass, cls, e.long_from_mass, into, touched);
      e = Entry{};
    }
    touched_completing_.clear();
  }

  static std::size_t max_bands(const Model& model) {
    std::size_t bands = 1;
    for (std::size_t s = 0; s < model.states(); ++s) bands = std::max(bands, model.state(s).bands());
    return bands;
  }

  void advance(Cohort& c, double from, double to, std::size_t m, std::vector<Entry>& into,
               std::vector<std::size_t>& touched) {
    const StateRules& r = rules_[c.state];
    double t = from;
    while (t < to && c.mass > 0) {
      if (r.limit && c.next_limit <= t) {
        limit_reached(c, m, into, touched);
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

  void limit_reached(Cohort& c, std::size_t m, std::vector<Entry>& into, std::vector<std::size_t>& touched) {
    const CompiledLimit& limit = *model_.state(c.state).limit;
    const bool may_extend = rules::may_extend(limit, c.extensions);
    const double leaving = may_extend ? c.mass * (1 - limit.extension_share) : c.mass;
    for (std::size_t s = 0; s < S_; ++s) {
      const double n = leaving * rules::limit_destination_chance(limit, s);
      if (n <= 0) continue;
      out_.monthly.flows.at(m, c.state, s) += n;
      enter(static_cast<StateIndex>(s), c.group, n, &c, into, touched);
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

  // One stretch [t, end) of constant hazards.
  void segment(Cohort& c, double t, double end, std::size_t m) {
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
    const std::size_t C = p ? p->completion_states.size() : 0;
    for (std::size_t k = 0; k < C; ++k) rate += p->completion[j * C + k] / p->step_days;

    const double x = c.mass;
    // Cohorts next to each other often share rate and length (exp is a good part of a segment's cost).
    if (rate != last_rate_ || length != last_length_) {
      last_rate_ = rate;
      last_length_ = length;
      last_survival_ = std::exp(-rate * length);
      last_days_per_person_ = rate > 0 ? (1 - last_survival_) / rate : length;
    }
    const double survival = last_survival_;
    // Also the persons leaving per unit hazard.
    const double person_days = x * last_days_per_person_;
    out_.monthly.in_state.at(m, c.state, c.group) += person_days;
    if (c.long_from <= t) out_.monthly.labour_reserve.at(m) += person_days;
    if (p) {
      profile_days_[c.profile_slot * profile_steps_ + j] += person_days;
      if (c.new_spell && t - c.spell_start < r.timeliness_until[c.group])
        timeliness(c, t, end, rate, person_days);
    }
    if (rate > 0) {
      if (r.exits) {
        const std::size_t cls = support_class(c);
        const std::size_t key = ((c.state * G_ + c.group) * max_bands_ + c.band) * kSupportClasses + cls;
        Leaving& l = leaving_[key];
        if (l.job == 0 && l.other == 0) touched_leaving_.push_back(key);
        const double per_hazard = person_days;
        l.job += per_hazard * job_multiplier;
        l.other += per_hazard * other_multiplier;
        if (cls >= 2) {
          l.job_long_from += per_hazard * job_multiplier * c.long_from;
          l.other_long_from += per_hazard * other_multiplier * c.long_from;
        }
      }
      if (C > 0) {
        const std::size_t cls = support_class(c);
        for (std::size_t k = 0; k < C; ++k) {
          const double n = person_days * p->completion[j * C + k] / p->step_days;
          const std::size_t key =
              ((c.state * G_ + c.group) * S_ + p->completion_states[k]) * kSupportClasses + cls;
          Entry& e = completing_[key];
          if (e.mass == 0) touched_completing_.push_back(key);
          e.mass += n;
          if (cls >= 2) e.long_from_mass += n * c.long_from;
        }
      }
    }
    c.mass = x * survival;
  }

  // Expected first interviews and first offers within each window, and spells that outlast a window without
  // them (rules::count_in_window in expectation), by month of spell start.
  void timeliness(const Cohort& c, double t, double end, double rate, double person_days) {
    const CompiledState& st = model_.state(c.state);
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
        if (window <= d1 && c.spell_start + window < horizon_) {
          const double survivors = c.mass * std::exp(-rate * (window - d0));
          due.at(c.start_month, st.benefit_group, w) +=
              survivors * FollowUpProfile::without_at(without, flow, p, window);
        }
      }
    };
    MonthlyCounts& out = out_.monthly;
    record(out.first_interview_due, out.first_interview_met, p.without_first_interview, p.first_interview,
           rules::FirstContact::interview);
    record(out.first_offer_due, out.first_offer_met, p.without_first_offer, p.first_offer,
           rules::FirstContact::offer);
  }

  const Model& model_;
  std::size_t j_;
  const CompiledJobcentre& jc_;
  const sim::MonthCalendar& calendar_;
  const TwinProfiles& profiles_;
  TwinJobcentre& out_;
  std::size_t S_, G_, O_, BG_, M_;
  int steps_per_month_;
  double grid_days_;
  double horizon_;
  std::size_t profile_steps_ = 0;
  std::vector<const FollowUpProfile*> new_profile_;      // [state][group]
  std::vector<const FollowUpProfile*> initial_profile_;  // [before the deadline][state][group]
  std::vector<Cohort> cohorts_;
  std::vector<Entry> entries_, carried_;  // [state][group][exempt][support class]
  std::vector<std::size_t> touched_entries_, touched_carried_;
  std::vector<StateRules> rules_;  // [state]
  std::size_t max_bands_;
  std::vector<Leaving> leaving_;  // [state][group][band][support class]
  std::vector<std::size_t> touched_leaving_;
  std::vector<Entry> completing_;  // [state][group][completion state][support class]
  std::vector<std::size_t> touched_completing_;
  std::vector<double> profile_days_;  // [profile slot][profile step] person-days this month
  std::vector<std::size_t> settled_;  // [profile slot or none][state][group][exempt][long] merged cohort
  std::vector<std::size_t> settled_touched_;
  std::vector<std::size_t> same_start_;  // [state][group][exempt] cohort of the current spell start
  std::vector<std::size_t> same_start_touched_;
  double step_start_ = 0;
  double last_rate_ = 0, last_length_ = 0, last_survival_ = 1,
         last_days_per_person_ = 0;  // at rate 0, length 0
};

}  // namespace

TwinResult run_twin(const Model& model, const TwinOptions& options) {
  TwinResult result;
  result.months = static_cast<std::size_t>(model.calendar().months());
  result.states = model.states();
  result.groups = kGroupCount;
  result.offers = model.offers();
  result.benefit_groups = model.benefit_groups().size();
  const TwinProfiles profiles(model, twin_grid(model, options), options.threads);
  result.jobcentres = sim::run_tasks<TwinJobcentre>(
      1, static_cast<std::uint32_t>(model.jobcentres()), options.threads, [&](sim::TaskId id) {
        TwinJobcentre out;
        JobcentreTwin(model, id.partition, options, profiles, out).run();
        return out;
      });
  return result;
}

}  // namespace labsim::models
