// The estimates of a trial: intention-to-treat differences per outcome and arm, Kaplan-Meier curves and
// hazard ratios, in each analysis population side by side.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "results/stats/survival.hpp"
#include "results/stats/trial_data.hpp"

namespace labsim::results {

// One arm against the control arm, for one outcome in one analysis.
struct OutcomeEstimate {
  std::size_t outcome = 0, arm = 0;  // arm >= 1
  Analysis analysis = Analysis::all_randomized;
  double arm_value = 0, control_value = 0;  // means (shares as 0-1, or weeks)
  double estimate = 0, ci_low = 0, ci_high = 0, p_value = 0;
  std::size_t n_arm = 0, n_control = 0;
  // With several replications: the share of them that, analysed alone, gave p < 0.05.
  double single_trials_significant = 0;
  std::string note;
};

// Time to self-sufficiency: one non-control arm against the control arm (Cox model of all arms together).
struct HazardRatioEstimate {
  std::size_t arm = 0;
  Analysis analysis = Analysis::all_randomized;
  double hazard_ratio = 0, ci_low = 0, ci_high = 0, p_value = 0;
  std::size_t n = 0, events = 0;
  std::string note;
};

// The share not yet self-sufficient, week by week from enrolment (Kaplan-Meier).
struct SurvivalCurve {
  std::size_t arm = 0;
  Analysis analysis = Analysis::all_randomized;
  std::vector<double> not_self_sufficient, ci_low, ci_high, at_risk;  // per week 0..horizon
};

struct ArmCounts {
  std::size_t randomized = 0, exempt = 0, protocol_received = 0;
};

struct TrialEstimates {
  std::vector<double> weeks;      // the curves' grid
  std::vector<ArmCounts> counts;  // per arm
  std::vector<OutcomeEstimate> outcomes;
  std::vector<HazardRatioEstimate> hazard_ratios;
  std::vector<SurvivalCurve> curves;
  int replications = 0;

  [[nodiscard]] const OutcomeEstimate& outcome(std::size_t outcome, std::size_t arm, Analysis a) const;
  [[nodiscard]] const HazardRatioEstimate& hazard_ratio(std::size_t arm, Analysis a) const;
};

// Time to self-sufficiency among participants `rows`: a Cox model with one indicator per non-control arm
// (covariate k is arm k + 1), robust by jobcentre when jobcentres were randomized.
CoxFit arm_hazard_ratios(const TrialData& data, std::span<const std::size_t> rows);

TrialEstimates estimate_trial(const TrialData& data, int replications);

// The difference in one outcome between `arm` and the control arm among the participants `rows` (indices);
// clustered when the trial randomized jobcentres.
OutcomeEstimate outcome_difference(const TrialData& data, std::size_t outcome, std::size_t arm,
                                   std::span<const std::size_t> rows);

}  // namespace labsim::results
