// Stepping the compiled model forward as a distribution over cohorts (twin_cohorts.hpp), one jobcentre at a
// time.
//
// Step. Each calendar month (real boundaries from MonthCalendar) is cut into `steps_per_month` equal steps,
// and each cohort is moved on over the step (twin_step.hpp). Entries during a step (inflow and moves) form
// one new cohort per cell whose spell starts mid-step and which is exposed from then to the step's end. This
// is a structured update (cohorts never move; only their mass shrinks), not a sparse transition matrix: with
// a cohort's start day fixed, every rule is a function of time, so a matrix would have to be rebuilt every
// step and would add nothing.
//
// Exact up to the time step: exits with bands, business cycle, covariates, calibration multipliers and
// exemption; inflows (the Poisson mean) and group shares; the initial stock and its (tilted stationary)
// elapsed durations, binned; benefit limits with the old rule, extensions and destination shares; the
// labour reserve; flows. The time-step error comes from entries being placed mid-step (persons who enter
// and leave again within half a step are moved one step late) and initial durations being binned.
//
// Cost. Calibration runs the twin hundreds of times, so the work is kept to what changes the result:
// follow-up profiles are built once per run and shared by jobcentres with the same inputs
// (models/twin/twin_profiles.cpp); cohorts of one spell start merge once all are in the labour reserve; a
// step's exits are summed per (state, group, band, support class) and shared out to destinations once; and
// a run of neighbouring cohorts that step alike gets one segment. All of these are exact up to rounding.
//
// Approximations: follow-up (models/twin/follow_up_profile.cpp) is a per-spell sub-chain over a uniform
// duration grid whose mean job-finding multiplier, offer occupancy, first-interview/first-offer flows and
// completed partial returns are applied to every cohort by duration. It follows interview timing (a mixture
// over first-interview times, each with its deterministic cadence), offer draws, the practice deadline,
// lock-in, post-programme and interview effects, add-ons and partial returns, except that: (1) the mix of
// survivors in and out of offers comes from one spell's course under the first month's hazards, not from
// each cohort under its own (business cycle and benefit limits left out); (2) interviews and deadlines act
// on the whole step they fall in, and offers begun then count from mid-step (their average start) for their
// exact length; post-programme lengths are rounded to whole steps; (3) the initial stock follows one profile
// per (state, group, before or past the practice deadline), which starts everyone outside offers with an
// even interview phase at the group's mean elapsed duration, and reaches the deadline by the binned elapsed
// durations. First-interview timeliness is exact up to the step, since interview times do not depend on
// offers. Caseworker time and offer places are unlimited, so nobody waits. The interview effect lasts
// interview_effect_weeks after each interview, as in the simulator.
#include "models/twin/markov_twin.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "models/twin/twin_cohorts.hpp"
#include "models/twin/twin_inputs.hpp"
#include "models/twin/twin_profiles.hpp"
#include "models/twin/twin_step.hpp"
#include "sim/parallel_runner.hpp"

namespace labsim::models {

namespace {

using twin::Cohort;
using twin::Entries;

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
      : in_(model, jobcentre, profiles),
        calendar_(model.calendar()),
        out_(out),
        steps_per_month_(std::max(1, options.steps_per_month)),
        entries_(model),
        carried_(model),
        cohorts_(in_),
        step_(in_, twin_grid(model, options).profile_steps, out_.monthly) {
    out_.monthly = MonthlyCounts(static_cast<std::size_t>(calendar_.months()), model.states(), kGroupCount,
                                 model.offers(), model.benefit_groups().size());
    out_.initial = Grid<Axis::state, Axis::group>(model.states(), kGroupCount);
    out_.at_horizon = out_.initial;
  }

  void run() {
    cohorts_.add_initial_stock(out_.initial);
    const auto months = static_cast<std::size_t>(calendar_.months());
    for (std::size_t m = 0; m < months; ++m) {
      const double month_start = calendar_.month_start(static_cast<int>(m)).value;
      const double length = calendar_.month_length_days(static_cast<int>(m)) / steps_per_month_;
      for (int i = 0; i < steps_per_month_; ++i) {
        const double a = month_start + i * length;
        const double b =
            i + 1 == steps_per_month_ ? calendar_.month_end(static_cast<int>(m)).value : a + length;
        step(m, a, b);
        cohorts_.merge_settled(b);
      }
      step_.count_offers(m);
    }
    for (const Cohort& c : cohorts_.all()) out_.at_horizon.at(c.state, c.group) += c.mass;
    // Entries of the last step not yet made into cohorts.
    carried_.for_each([&](const Entries::Index& cell, const twin::Entry& e) {
      [[maybe_unused]] const auto [s, g, exempt, support] = cell;
      out_.at_horizon.at(s, g) += e.mass;
    });
    MonthlyCounts& out = out_.monthly;
    for (std::size_t m = 0; m < months; ++m) {
      const double days = calendar_.month_length_days(static_cast<int>(m));
      for (std::size_t s = 0; s < in_.states(); ++s) {
        for (std::size_t g = 0; g < kGroupCount; ++g) out.in_state.at(m, s, g) /= days;
        for (std::size_t o = 0; o < in_.model.offers(); ++o) out.in_offer.at(m, s, o) /= days;
      }
      out.labour_reserve.at(m) /= days;
    }
  }

 private:
  void step(std::size_t m, double a, double b) {
    step_.begin(a);
    // Entries carried from the last step's newcomers join this step's.
    std::swap(entries_, carried_);
    std::vector<Cohort>& cohorts = cohorts_.all();
    const std::size_t existing = cohorts.size();
    for (std::size_t i = 0; i < existing;) {
      const std::size_t run_end = cohorts_.alike_run_end(i, existing, a, b);
      if (run_end == i + 1) {
        step_.advance(cohorts[i], a, b, m, entries_);
      } else {
        // A run of cohorts alike over the whole step: one segment for all, then each keeps its survivors.
        Cohort all = cohorts[i];
        for (std::size_t k = i + 1; k < run_end; ++k) all.mass += cohorts[k].mass;
        const double survival = step_.segment(all, a, b, m);
        for (std::size_t k = i; k < run_end; ++k) cohorts[k].mass *= survival;
      }
      i = run_end;
    }
    step_.share_out_leaving(m, entries_);
    for (std::size_t s = 0; s < in_.states(); ++s) {
      const double rate = in_.jc.inflow_per_day[s];
      if (rate <= 0) continue;
      for (std::uint8_t g = 0; g < kGroupCount; ++g) {
        const double n = rate * (b - a) * in_.jc.group_share(g);
        out_.monthly.inflow.at(m, s, g) += n;
        entries_.add(static_cast<StateIndex>(s), g, n, twin::kFreshSupport, 0.0);
      }
    }
    const double mid = 0.5 * (a + b);
    const std::size_t first_new = cohorts.size();
    cohorts_.add_entries(entries_, mid, m);
    for (std::size_t i = first_new; i < cohorts.size(); ++i) step_.advance(cohorts[i], mid, b, m, carried_);
    step_.share_out_leaving(m, carried_);
  }

  twin::JobcentreInputs in_;
  const sim::MonthCalendar& calendar_;
  TwinJobcentre& out_;
  int steps_per_month_;
  Entries entries_, carried_;  // this step's and the next step's entries
  twin::TwinCohorts cohorts_;
  twin::TwinStep step_;
};

}  // namespace

TwinResult run_twin(const Model& model, const TwinOptions& options) {
  TwinResult result;
  const TwinProfiles profiles(model, twin_grid(model, options), options.threads);
  result.jobcentres = sim::run_tasks<TwinJobcentre>(
      1, static_cast<std::uint32_t>(model.jobcentres()), options.threads, [&](sim::TaskId id) {
        TwinJobcentre out;
        JobcentreTwin(model, id.partition, options, profiles, out).run();
        return out;
      });
  return result;
}

std::vector<std::string> twin_approximations(const Model& model) {
  std::vector<std::string> out;
  bool limited = false;
  for (std::size_t j = 0; j < model.jobcentres(); ++j) {
    const auto& slots = model.jobcentre(j).pool_slots_per_day;
    limited = limited || std::any_of(slots.begin(), slots.end(), [](double s) { return s > 0; });
  }
  if (limited)
    out.push_back(
        "caseworkers' and capacity pools' time: every contact is held when it is due, nobody waits");
  out.push_back("offer places: every offer starts when it is made, nobody waits");
  if (model.cohorts() > 0) out.push_back("cohorts: not part of the twin");
  if (model.keeps_positions()) {
    out.push_back(
        "programme steps entered on events (placement, offer start or end) or after their own weeks, "
        "contacts "
        "and deadlines set by later steps, and repeated activation: steps follow the spell's duration only");
  }
  bool stepped = false;
  for (std::size_t j = 0; j < model.jobcentres(); ++j) {
    for (std::size_t s = 0; s < model.states(); ++s) {
      const CompiledState& st = model.state(s);
      if (!st.has_follow_up || model.jobcentre(j).initial_persons[s] == 0) continue;
      stepped = stepped || st.programmes[model.jobcentre(j).policy_slot[s]].steps.size() > 1;
    }
  }
  if (stepped) {
    out.push_back(
        "an initial stock in a programme of several steps: its follow-up runs from the step of its mean "
        "elapsed "
        "duration");
  }
  if (model.restricted_offers())
    out.push_back("offers' eligibility (spell length, age band, state): the whole mix is drawn");
  bool step_multipliers = false;
  for (std::size_t s = 0; s < model.states(); ++s) {
    for (const CompiledProgramme& p : model.state(s).programmes)
      step_multipliers = step_multipliers || p.step_multipliers;
  }
  if (step_multipliers) out.push_back("programme steps' job_finding_multiplier: not applied");
  return out;
}

}  // namespace labsim::models
