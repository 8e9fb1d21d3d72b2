// The estimates of a trial: intention-to-treat differences per outcome and arm, Kaplan-Meier curves and
// hazard ratios, in each analysis population side by side.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "results/stats/effects.hpp"
#include "results/stats/survival.hpp"
#include "results/stats/trial_data.hpp"

namespace labsim::results {

// One arm against the control arm, for one outcome in one analysis. An arm that runs in other jobcentres than
// the control arm is compared with the control participants of the jobcentres where it runs, stratified by
// jobcentre (stratified_difference: participant weights); arm_value and control_value are then the strata's
// means pooled with the same weights.
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
  SurvivalMedian median;  // weeks to self-sufficiency, with its 95% interval; NaN: not reached
};

// The primary outcome's difference, arm against control, among the participants of one jobcentre (primary
// analysis; cluster-robust over replications when jobcentres are randomized).
struct JobcentreEstimate {
  std::size_t jobcentre = 0;  // index into TrialData::jobcentres
  OutcomeEstimate estimate;
};

// What one arm's participants cost within the horizon, per participant, for one cost item and payer (primary
// analysis), and the difference against the control arm (NaN for the control arm itself).
struct CostEstimate {
  std::size_t arm = 0;
  TrialCostItem item = TrialCostItem::total;
  std::size_t payer = 0;  // index into kTrialPayerNames
  MeanInterval mean;      // DKK per participant
  Difference difference;  // DKK per participant, as OutcomeEstimate's (own controls, stratified)
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
  std::vector<JobcentreEstimate> by_jobcentre;  // jobcentre-major, arms >= 1
  std::vector<CostEstimate> costs;              // arm-major, then item, then payer
  int replications = 0;

  [[nodiscard]] const OutcomeEstimate& outcome(std::size_t outcome, std::size_t arm, Analysis a) const;
  [[nodiscard]] const HazardRatioEstimate& hazard_ratio(std::size_t arm, Analysis a) const;
  [[nodiscard]] const SurvivalCurve& curve(std::size_t arm, Analysis a) const;
  [[nodiscard]] const CostEstimate& cost(std::size_t arm, TrialCostItem item, std::size_t payer) const;
};

// Time to self-sufficiency among participants `rows`: a Cox model with one indicator per non-control arm
// (covariate k is arm k + 1), robust by jobcentre when jobcentres were randomized.
CoxFit arm_hazard_ratios(const TrialData& data, std::span<const std::size_t> rows);

TrialEstimates estimate_trial(const TrialData& data, int replications);

// The difference in one outcome between `arm` and the control arm among the participants `rows` (indices);
// clustered when the trial randomized jobcentres; against its own controls, stratified by jobcentre, when the
// arm runs in other jobcentres than the control arm.
OutcomeEstimate outcome_difference(const TrialData& data, std::size_t outcome, std::size_t arm,
                                   std::span<const std::size_t> rows);
// The same for any value per participant (`values`, one per participant of `data`).
Difference arm_difference(const TrialData& data, std::span<const double> values, std::size_t arm,
                          std::span<const std::size_t> rows);

// Per jobcentre, the primary outcome's difference for each arm that runs there (primary analysis).
std::vector<JobcentreEstimate> jobcentre_estimates(const TrialData& data);
// Cost per participant by arm, item and payer, and against the control arm (primary analysis).
std::vector<CostEstimate> cost_estimates(const TrialData& data);

}  // namespace labsim::results
