// The [[trial.arms]] of a trial: each arm's follow-up (a policy, its changes, or programmes), where it runs,
// and under randomization by date of birth, its birth days.
#pragma once

#include <toml++/toml.h>

#include <vector>

#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

// trial.arms of the [trial] table `table`, for `trial` as read so far (its state, jobcentres and
// randomization); `target` is the trial's state. Jobcentre names are recorded for the check against the CSV.
std::vector<TrialArm> arms(ScenarioChecks& checks, const toml::table& table, const TrialSpec& trial,
                           const StateSpec& target, const std::vector<OfferSpec>& offers,
                           const std::vector<Programme>& programmes);

}  // namespace labsim::models::detail
