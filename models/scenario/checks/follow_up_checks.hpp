// A state's follow_up table with its policies, each filled in from normal.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/checks/toml_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// { under_30 = weeks, 30_plus = weeks }: each optional and > 0; a missing one keeps the value in `fallback`.
WeeksByAge weeks_by_age(const TomlChecks& checks, const toml::node& node, const std::string& key,
                        const WeeksByAge& fallback);

// The built-in policies' names in Policy order: "normal", "intensive", "risk_targeted".
const std::vector<std::string>& policy_names();

// A policy named in a scenario: "normal", "intensive" or "risk_targeted".
Policy policy_named(const TomlChecks& checks, const toml::node& node, const std::string& key);

// Fails at `node`, the value of `key` naming `policy`, when the follow_up table at `follow_up_key` has no
// table for it. The normal policy is always there.
void require_policy_table(const TomlChecks& checks, const FollowUp& follow_up, Policy policy,
                          const std::string& follow_up_key, const toml::node& node, const std::string& key);

// The keys of a follow-up policy table, as in the intensive table: first_interview_weeks, ...,
// interview_effect_weeks.
const std::vector<std::string>& policy_keys();

// The policy keys of a table that states only what differs from `base` (a trial arm's follow_up, a programme
// step). The caller checks which keys the table may hold: policy_keys(), or more for a programme step.
FollowUpPolicy policy_differing_from(const TomlChecks& checks, const toml::table& table,
                                     const std::string& prefix, const FollowUpPolicy& base,
                                     const std::vector<OfferSpec>& offers);

// [states.X.follow_up] at `prefix`. The table's own policy keys are the normal policy; a policy table
// (intensive, risk_targeted, other_actor) inherits each key it leaves out from normal. `deadlines` gives
// first_offer_weeks' default; add-on offers may not be drawn from an offer_mix.
FollowUp follow_up(ScenarioChecks& checks, const toml::table& table, const std::string& prefix,
                   const Deadlines& deadlines, const std::vector<OfferSpec>& offers);

}  // namespace labsim::models::detail
