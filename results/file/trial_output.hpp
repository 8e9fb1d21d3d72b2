// The result file of `labsim trial`: participants, estimates and Kaplan-Meier curves over named dimensions.
#pragma once

#include "results/labelled_array.hpp"
#include "results/stats/trial_analysis.hpp"

namespace labsim::results {

// Dimensions arm, analysis, outcome, week, jobcentre, cost_item, payer and participant; every array is a
// plain estimate (nothing summarised over replications, which the estimates already pool). Differences
// against the control arm are NaN for the control arm itself. The participant_* arrays are one row per
// participant (TrialData's columns).
RunOutput make_trial_output(const TrialData& data, const TrialEstimates& estimates, Provenance provenance);

}  // namespace labsim::results
