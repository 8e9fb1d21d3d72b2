// Compiles follow-up into programmes: a built-in policy table is a programme of one step (two when it sets
// cadence_until_weeks: its cadence until then, the normal cadence after), a [programmes.NAME] table is one
// step per [[steps]] entry; a trial arm's programme carries the arm's planted effect from its effect step on.
// Used by the model compiler only (models/compile_model.cpp).
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "models/compiled.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models::detail {

inline double weeks_to_days(double weeks) {
  return weeks * sim::kDaysPerWeek;  // infinity stays infinity
}

inline std::array<double, 2> days_by_age(const WeeksByAge& w) {
  return {weeks_to_days(w.under_30), weeks_to_days(w.age_30_plus)};
}

// Weights by name as cumulative shares in the order of `specs` (normalised to end at 1; all 0 when no weight
// is positive).
template <class Specs>
std::vector<double> cumulative_shares(const std::map<std::string, double>& weights, const Specs& specs) {
  std::vector<double> out;
  double total = 0;
  for (const auto& spec : specs) {
    const auto it = weights.find(spec.name);
    total += it == weights.end() ? 0.0 : it->second;
    out.push_back(total);
  }
  for (double& c : out) c = total > 0 ? c / total : 0.0;
  return out;
}

// One step's follow-up in days; `contact_form` indexes Model::contact_forms().
CompiledPolicy compile_policy(const Scenario& sc, const FollowUpPolicy& p, bool risk_targeted,
                              std::uint8_t contact_form = 0);

// A built-in policy table (normal, intensive, risk_targeted, other_actor, or a trial arm's follow_up) as a
// programme; `normal` gives the cadence after cadence_until_weeks.
CompiledProgramme policy_programme(const Scenario& sc, const FollowUpPolicy& p, const FollowUpPolicy& normal,
                                   bool risk_targeted);

// A [programmes.NAME] table as a programme; contact forms are looked up by name in sc.contact_forms (index
// + 1; 0 is the individual interview).
CompiledProgramme compile_programme(const Scenario& sc, const Programme& programme);

// The index of step `name` in `programme`; the loader rejects unknown names.
StepIndex step_named(const Programme& programme, const std::string& name);

// A trial arm's planted effect `multiplier` on job finding, applied in step `from` and in every step that
// can follow it, so that it starts when a participant enters `from` and stays.
void apply_effect_from(CompiledProgramme& programme, StepIndex from, double multiplier);

}  // namespace labsim::models::detail
