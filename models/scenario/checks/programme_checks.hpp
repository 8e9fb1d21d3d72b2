// The [programmes] tables: follow-up written as steps, and the states' choices of them.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// Every [programmes.NAME] table in file order (none when `table` is null). A programme follows up one of
// `states` that has follow-up; its first step's policy keys state what differs from that state's normal
// policy, each later step's what differs from the step before. Steps name `forms` and draw from `offers`.
// A chain of windows that could end steps without end (a loop of steps with until_weeks only) is refused.
std::vector<Programme> programmes(ScenarioChecks& checks, const toml::table* table,
                                  const std::vector<StateSpec>& states, const std::vector<OfferSpec>& offers,
                                  const std::vector<ContactForm>& forms);

// The programme that `node`, the value of `key`, names: one of `programmes`, following up `state`.
const Programme& programme_for(const TomlChecks& checks, const toml::node& node, const std::string& key,
                               const std::vector<Programme>& programmes, const std::string& state);

// Reads follow_up.programme and follow_up.programme_by_jobcentre of every state in `states` (which follow_up
// accepted unread): programmes of that state, and no jobcentre also in policy_by_jobcentre.
void choose_programmes(ScenarioChecks& checks, std::vector<StateSpec>& states,
                       const std::vector<Programme>& programmes);

}  // namespace labsim::models::detail
