// Built-in policies and [programmes] tables as compiled programmes.
#include "models/compile_programme.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace labsim::models::detail {

namespace {

// Whether a person's step depends on more than the spell's duration.
bool keeps_position(const CompiledProgramme& p) {
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const CompiledStep& s = p.steps[i];
    const bool on_event =
        std::any_of(s.on.begin(), s.on.end(), [](StepIndex next) { return next != kNoStep; });
    const bool on_entry = i > 0 && (s.books_first_contact || s.sets_offer_deadline);
    if (on_event || on_entry || std::isfinite(s.for_days) || std::isfinite(s.repeat_offer_within_days))
      return true;
  }
  return false;
}

bool has_step_multipliers(const CompiledProgramme& p) {
  return std::any_of(p.steps.begin(), p.steps.end(),
                     [](const CompiledStep& s) { return s.job_multiplier != 1; });
}

}  // namespace

CompiledPolicy compile_policy(const Scenario& sc, const FollowUpPolicy& p, bool risk_targeted,
                              std::uint8_t contact_form) {
  CompiledPolicy out;
  out.first_interview_days = weeks_to_days(p.first_interview_weeks);
  out.first_interview_spread_days = weeks_to_days(p.first_interview_spread_weeks);
  out.interview_every_days = weeks_to_days(p.interview_every_weeks);
  out.offer_probability = p.offer_probability;
  out.offer_cumulative_share = cumulative_shares(p.offer_mix, sc.offers);
  out.first_offer_days = days_by_age(p.first_offer_weeks);
  out.deadline_compliance = p.deadline_compliance;
  out.interview_multiplier = p.interview_job_finding_multiplier;
  out.interview_effect_days = weeks_to_days(p.interview_effect_weeks);
  out.risk_targeted = risk_targeted;
  out.risk_threshold = p.risk_threshold;
  out.long_spell_days = weeks_to_days(p.long_spell_weeks);
  const double every = p.interview_every_weeks;
  out.high_risk_every_days =
      weeks_to_days(p.high_risk_interview_every_weeks > 0 ? p.high_risk_interview_every_weeks : every);
  out.low_risk_every_days =
      weeks_to_days(p.low_risk_interview_every_weeks > 0 ? p.low_risk_interview_every_weeks : every);
  out.contact_form = contact_form;
  return out;
}

CompiledProgramme policy_programme(const Scenario& sc, const FollowUpPolicy& p, const FollowUpPolicy& normal,
                                   bool risk_targeted) {
  CompiledProgramme out;
  CompiledStep first{.policy = compile_policy(sc, p, risk_targeted)};
  // A risk-targeted cadence follows the predicted risk throughout; cadence_until_weeks does not apply.
  if (risk_targeted || !std::isfinite(p.cadence_until_weeks)) {
    out.steps.push_back(std::move(first));
    return out;
  }
  first.until_days = weeks_to_days(p.cadence_until_weeks);
  first.then = 1;
  CompiledStep later = first;
  later.until_days = kNoDeadline;
  later.then = kNoStep;
  later.policy.interview_every_days = weeks_to_days(normal.interview_every_weeks);
  out.steps = {std::move(first), std::move(later)};
  return out;
}

StepIndex step_named(const Programme& programme, const std::string& name) {
  const auto it = std::find_if(programme.steps.begin(), programme.steps.end(),
                               [&](const ProgrammeStep& s) { return s.name == name; });
  assert(it != programme.steps.end() && "the loader rejects unknown step names");
  return static_cast<StepIndex>(it - programme.steps.begin());
}

CompiledProgramme compile_programme(const Scenario& sc, const Programme& programme) {
  CompiledProgramme out;
  for (std::size_t i = 0; i < programme.steps.size(); ++i) {
    const ProgrammeStep& spec = programme.steps[i];
    std::uint8_t form = 0;
    if (!spec.contact_form.empty()) {
      const auto it = std::find_if(sc.contact_forms.begin(), sc.contact_forms.end(),
                                   [&](const ContactForm& f) { return f.name == spec.contact_form; });
      assert(it != sc.contact_forms.end() && "the loader rejects unknown contact forms");
      form = static_cast<std::uint8_t>(1 + (it - sc.contact_forms.begin()));
    }
    CompiledStep step{.policy = compile_policy(sc, spec.follow_up, false, form)};
    step.until_days = weeks_to_days(spec.until_weeks);
    step.for_days = weeks_to_days(spec.for_weeks);
    const bool has_window = std::isfinite(step.until_days) || std::isfinite(step.for_days);
    if (!spec.then.empty()) {
      step.then = step_named(programme, spec.then);
    } else if (has_window && i + 1 < programme.steps.size()) {
      step.then = static_cast<StepIndex>(i + 1);
    }
    for (std::size_t e = 0; e < kStepEvents; ++e) {
      if (!spec.on[e].empty()) step.on[e] = step_named(programme, spec.on[e]);
    }
    step.books_first_contact = spec.books_first_contact;
    step.sets_offer_deadline = spec.sets_offer_deadline;
    step.repeat_offer_within_days = weeks_to_days(spec.repeat_offer_within_weeks);
    step.job_multiplier = spec.job_finding_multiplier;
    out.steps.push_back(std::move(step));
  }
  out.keeps_position = keeps_position(out);
  out.step_multipliers = has_step_multipliers(out);
  return out;
}

void apply_effect_from(CompiledProgramme& programme, StepIndex from, double multiplier) {
  std::vector<bool> reached(programme.steps.size(), false);
  std::vector<StepIndex> todo{from};
  while (!todo.empty()) {
    const StepIndex s = todo.back();
    todo.pop_back();
    if (s == kNoStep || reached[s]) continue;
    reached[s] = true;
    todo.push_back(programme.steps[s].then);
    for (StepIndex next : programme.steps[s].on) todo.push_back(next);
  }
  for (std::size_t s = 0; s < programme.steps.size(); ++s) {
    if (reached[s]) programme.steps[s].job_multiplier *= multiplier;
  }
  programme.step_multipliers = has_step_multipliers(programme);
}

}  // namespace labsim::models::detail
