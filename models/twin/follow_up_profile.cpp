// The follow-up profiles of new spells and of the initial stock: where their first interviews and practice
// deadlines fall, followed through one spell's chain (spell_chain.hpp).
#include "models/twin/follow_up_profile.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "models/model.hpp"
#include "models/rules/follow_up.hpp"
#include "models/twin/interview_schedule.hpp"
#include "models/twin/spell_chain.hpp"

namespace labsim::models {
namespace {

using twin::active;
using twin::evenly_spread;
using twin::interval;
using twin::schedule;
using twin::ScheduleBin;
using twin::without_interviews;

// The jobcentre's programme for the state: the twin has no cohorts or trials.
const CompiledProgramme& own_programme(const Model& model, std::size_t jobcentre, StateIndex state) {
  return rules::follow_up_programme(model.state(state), model.jobcentre(jobcentre).policy_slot, state);
}

}  // namespace

FollowUpProfile new_spell_profile(const Model& model, std::size_t jobcentre, StateIndex state,
                                  std::uint8_t group, double step_days, std::size_t steps) {
  const twin::SpellContext c{
      model,     jobcentre, state, group, model.state(state), own_programme(model, jobcentre, state),
      step_days, steps,     0.0};
  // The first interview is booked at the spell's start by the policy active then.
  const CompiledPolicy& start = active(c, 0.0);
  std::vector<ScheduleBin> bins;
  const double f = start.first_interview_days, spread = start.first_interview_spread_days;
  if (!std::isfinite(f)) {
    bins.push_back(without_interviews(steps));
  } else if (spread > 0) {
    bins = evenly_spread(c, f - spread, f + spread);
  } else {
    bins.push_back(schedule(c, 1.0, f, f, f));
  }
  std::vector<double> deadline_hit(steps, 0.0);
  const double deadline = rules::first_offer_deadline_days(twin::deadline_policy(c), group);
  if (std::isfinite(deadline) && deadline / step_days < static_cast<double>(steps))
    deadline_hit[static_cast<std::size_t>(deadline / step_days)] = 1.0;
  return twin::follow_spell(c, std::move(bins), 1.0, deadline_hit, deadline, true);
}

FollowUpProfile initial_stock_profile(const Model& model, std::size_t jobcentre, StateIndex state,
                                      std::uint8_t group, double step_days, std::size_t steps,
                                      const std::vector<double>& elapsed_mass) {
  double total = 0, mean_elapsed = 0;
  for (std::size_t i = 0; i < elapsed_mass.size(); ++i) {
    total += elapsed_mass[i];
    mean_elapsed += elapsed_mass[i] * (static_cast<double>(i) + 0.5) * step_days;
  }
  mean_elapsed = total > 0 ? mean_elapsed / total : 0.0;
  const twin::SpellContext c{
      model,     jobcentre, state,       group, model.state(state), own_programme(model, jobcentre, state),
      step_days, steps,     mean_elapsed};
  // The stock is somewhere in its interview cycle: the next interview falls evenly within one interval.
  const CompiledPolicy& now = active(c, mean_elapsed);
  const double every = interval(c, now, mean_elapsed);
  std::vector<ScheduleBin> bins;
  if (!std::isfinite(every)) {
    bins.push_back(without_interviews(steps));
  } else {
    bins = evenly_spread(c, 0.0, every);
  }
  // Those not yet at the practice deadline reach it at deadline - elapsed; the rest count as dealt with.
  std::vector<double> deadline_hit(steps, 0.0);
  double pre = 0;
  const double deadline = rules::first_offer_deadline_days(twin::deadline_policy(c), group);
  if (std::isfinite(deadline) && total > 0) {
    std::vector<double> reaching(steps, 0.0);
    for (std::size_t i = 0; i < elapsed_mass.size(); ++i) {
      const double elapsed = (static_cast<double>(i) + 0.5) * step_days;
      if (!rules::before_first_offer_deadline(twin::deadline_policy(c), group, elapsed)) continue;
      pre += elapsed_mass[i];
      const auto j = static_cast<std::size_t>((deadline - elapsed) / step_days);
      if (j < steps) reaching[j] += elapsed_mass[i];
    }
    double remaining = pre;
    for (std::size_t j = 0; j < steps && remaining > 0; ++j) {
      deadline_hit[j] = std::min(1.0, reaching[j] / remaining);
      remaining -= reaching[j];
    }
    pre /= total;
  }
  return twin::follow_spell(c, std::move(bins), pre, deadline_hit, std::numeric_limits<double>::infinity(),
                            false);
}

}  // namespace labsim::models
