// Lays a trial's estimates out as labelled arrays for the HDF5 writer.
#include "results/file/trial_output.hpp"

#include <cmath>

namespace labsim::results {

namespace {

LabelledArray array(std::string name, std::string units, std::string description,
                    std::vector<std::string> dims, std::vector<double> values) {
  LabelledArray a;
  a.name = std::move(name);
  a.units = std::move(units);
  a.description = std::move(description);
  a.dims = std::move(dims);
  a.values = std::move(values);
  a.summarise = false;
  return a;
}

}  // namespace

RunOutput make_trial_output(const TrialData& d, const TrialEstimates& e, Provenance provenance) {
  RunOutput out;
  out.provenance = std::move(provenance);
  const std::size_t A = d.arms.size(), K = d.outcomes.size(), W = e.weeks.size();
  std::vector<std::string> analyses(std::begin(kAnalysisNames), std::end(kAnalysisNames));
  std::vector<std::string> outcomes;
  for (const auto& o : d.outcomes) outcomes.push_back(o.name);
  out.dimensions.push_back({"arm", "trial arm; the first is the control arm", "", d.arms, {}});
  out.dimensions.push_back(
      {"analysis", "who is analysed: all randomized, exempted left out, or per protocol", "", analyses, {}});
  out.dimensions.push_back({"outcome", "outcome measured per participant", "", outcomes, {}});
  out.dimensions.push_back({"week", "weeks since enrolment", "weeks", {}, e.weeks});

  std::vector<double> randomized, exempt, received;
  for (const ArmCounts& c : e.counts) {
    randomized.push_back(static_cast<double>(c.randomized));
    exempt.push_back(static_cast<double>(c.exempt));
    received.push_back(static_cast<double>(c.protocol_received));
  }
  out.arrays.push_back(
      array("participants", "persons", "persons randomized to each arm", {"arm"}, randomized));
  out.arrays.push_back(array("exempt", "persons", "of them, exempted from active measures", {"arm"}, exempt));
  out.arrays.push_back(
      array("protocol_received", "persons",
            "of them, not exempted and received the arm's protocol (the per-protocol population)", {"arm"},
            received));

  const std::vector<std::string> by_outcome{"analysis", "outcome", "arm"};
  const std::size_t cells = kAnalyses * K * A;
  std::vector<double> mean(cells, NAN), diff(cells, NAN), low(cells, NAN), high(cells, NAN), p(cells, NAN),
      n(cells, NAN);
  for (const OutcomeEstimate& o : e.outcomes) {
    const std::size_t at = (static_cast<std::size_t>(o.analysis) * K + o.outcome) * A;
    mean[at] = o.control_value;
    n[at] = static_cast<double>(o.n_control);
    mean[at + o.arm] = o.arm_value;
    n[at + o.arm] = static_cast<double>(o.n_arm);
    diff[at + o.arm] = o.estimate;
    low[at + o.arm] = o.ci_low;
    high[at + o.arm] = o.ci_high;
    p[at + o.arm] = o.p_value;
  }
  const std::string units = "proportion, or weeks for weeks_on_benefit";
  out.arrays.push_back(array("outcome_mean", units, "mean outcome in the arm", by_outcome, mean));
  out.arrays.push_back(array(
      "difference", units, "arm minus control arm (intention to treat in the population)", by_outcome, diff));
  out.arrays.push_back(
      array("difference_ci_low", units, "lower end of the 95% interval of difference", by_outcome, low));
  out.arrays.push_back(
      array("difference_ci_high", units, "upper end of the 95% interval of difference", by_outcome, high));
  out.arrays.push_back(array("difference_p_value", "1", "two-sided p-value of difference", by_outcome, p));
  out.arrays.push_back(array("n_analysed", "persons", "participants analysed in the arm", by_outcome, n));

  const std::vector<std::string> by_arm{"analysis", "arm"};
  std::vector<double> hr(kAnalyses * A, NAN), hr_low(kAnalyses * A, NAN), hr_high(kAnalyses * A, NAN),
      hr_p(kAnalyses * A, NAN);
  for (const HazardRatioEstimate& h : e.hazard_ratios) {
    const std::size_t at = static_cast<std::size_t>(h.analysis) * A + h.arm;
    hr[at] = h.hazard_ratio;
    hr_low[at] = h.ci_low;
    hr_high[at] = h.ci_high;
    hr_p[at] = h.p_value;
  }
  out.arrays.push_back(
      array("hazard_ratio", "1",
            "hazard ratio of becoming self-sufficient, arm against control (Cox, Efron ties)", by_arm, hr));
  out.arrays.push_back(
      array("hazard_ratio_ci_low", "1", "lower end of the 95% interval of hazard_ratio", by_arm, hr_low));
  out.arrays.push_back(
      array("hazard_ratio_ci_high", "1", "upper end of the 95% interval of hazard_ratio", by_arm, hr_high));
  out.arrays.push_back(array("hazard_ratio_p_value", "1", "two-sided p-value of hazard_ratio", by_arm, hr_p));

  const std::vector<std::string> by_week{"analysis", "arm", "week"};
  std::vector<double> km(kAnalyses * A * W, NAN), km_low(km), km_high(km), at_risk(km);
  for (const SurvivalCurve& c : e.curves) {
    const std::size_t at = (static_cast<std::size_t>(c.analysis) * A + c.arm) * W;
    for (std::size_t w = 0; w < W; ++w) {
      km[at + w] = c.not_self_sufficient[w];
      km_low[at + w] = c.ci_low[w];
      km_high[at + w] = c.ci_high[w];
      at_risk[at + w] = c.at_risk[w];
    }
  }
  out.arrays.push_back(array("km_not_self_sufficient", "proportion",
                             "Kaplan-Meier estimate of the share not yet self-sufficient", by_week, km));
  out.arrays.push_back(
      array("km_ci_low", "proportion", "lower end of the 95% pointwise interval (log-log)", by_week, km_low));
  out.arrays.push_back(array("km_ci_high", "proportion", "upper end of the 95% pointwise interval (log-log)",
                             by_week, km_high));
  out.arrays.push_back(array("km_at_risk", "persons",
                             "participants still followed and not yet self-sufficient", by_week, at_risk));
  out.extra_attributes["primary_outcome"] = d.outcomes[d.primary_outcome].name;
  out.extra_attributes["primary_analysis"] = kAnalysisNames[static_cast<std::size_t>(d.primary_analysis)];
  return out;
}

}  // namespace labsim::results
