// Lays a trial's estimates out as labelled arrays for the HDF5 writer.
#include "results/file/trial_output.hpp"

#include <algorithm>
#include <cmath>

namespace labsim::results {

namespace {

struct Axes {
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
};

// An array over `axes`, every value NaN (not estimated) until set.
LabelledArray array(std::string name, std::string units, std::string description, const Axes& axes) {
  LabelledArray a;
  a.name = std::move(name);
  a.units = std::move(units);
  a.description = std::move(description);
  a.dims = axes.dims;
  a.shape = axes.shape;
  std::size_t cells = 1;
  for (const std::size_t n : a.shape) cells *= n;
  a.values.assign(cells, NAN);
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

  const Axes by_arm_only{{"arm"}, {A}};
  LabelledArray randomized = array("participants", "persons", "persons randomized to each arm", by_arm_only);
  LabelledArray exempt = array("exempt", "persons", "of them, exempted from active measures", by_arm_only);
  LabelledArray received = array(
      "protocol_received", "persons",
      "of them, not exempted and received the arm's protocol (the per-protocol population)", by_arm_only);
  for (std::size_t arm = 0; arm < e.counts.size(); ++arm) {
    const ArmCounts& c = e.counts[arm];
    randomized.at({arm}) = static_cast<double>(c.randomized);
    exempt.at({arm}) = static_cast<double>(c.exempt);
    received.at({arm}) = static_cast<double>(c.protocol_received);
  }
  out.arrays.push_back(std::move(randomized));
  out.arrays.push_back(std::move(exempt));
  out.arrays.push_back(std::move(received));

  const Axes by_outcome{{"analysis", "outcome", "arm"}, {kAnalyses, K, A}};
  const std::string units = "proportion, or weeks for weeks_on_benefit";
  LabelledArray mean = array("outcome_mean", units, "mean outcome in the arm", by_outcome);
  LabelledArray diff =
      array("difference", units, "arm minus control arm (intention to treat in the population)", by_outcome);
  LabelledArray low =
      array("difference_ci_low", units, "lower end of the 95% interval of difference", by_outcome);
  LabelledArray high =
      array("difference_ci_high", units, "upper end of the 95% interval of difference", by_outcome);
  LabelledArray p = array("difference_p_value", "1", "two-sided p-value of difference", by_outcome);
  LabelledArray n = array("n_analysed", "persons", "participants analysed in the arm", by_outcome);
  for (const OutcomeEstimate& o : e.outcomes) {
    const auto analysis = static_cast<std::size_t>(o.analysis);
    mean.at({analysis, o.outcome, 0}) = o.control_value;
    n.at({analysis, o.outcome, 0}) = static_cast<double>(o.n_control);
    mean.at({analysis, o.outcome, o.arm}) = o.arm_value;
    n.at({analysis, o.outcome, o.arm}) = static_cast<double>(o.n_arm);
    diff.at({analysis, o.outcome, o.arm}) = o.estimate;
    low.at({analysis, o.outcome, o.arm}) = o.ci_low;
    high.at({analysis, o.outcome, o.arm}) = o.ci_high;
    p.at({analysis, o.outcome, o.arm}) = o.p_value;
  }
  for (LabelledArray* a : {&mean, &diff, &low, &high, &p, &n}) out.arrays.push_back(std::move(*a));

  const Axes by_arm{{"analysis", "arm"}, {kAnalyses, A}};
  LabelledArray hr =
      array("hazard_ratio", "1",
            "hazard ratio of becoming self-sufficient, arm against control (Cox, Efron ties)", by_arm);
  LabelledArray hr_low =
      array("hazard_ratio_ci_low", "1", "lower end of the 95% interval of hazard_ratio", by_arm);
  LabelledArray hr_high =
      array("hazard_ratio_ci_high", "1", "upper end of the 95% interval of hazard_ratio", by_arm);
  LabelledArray hr_p = array("hazard_ratio_p_value", "1", "two-sided p-value of hazard_ratio", by_arm);
  for (const HazardRatioEstimate& h : e.hazard_ratios) {
    const auto analysis = static_cast<std::size_t>(h.analysis);
    hr.at({analysis, h.arm}) = h.hazard_ratio;
    hr_low.at({analysis, h.arm}) = h.ci_low;
    hr_high.at({analysis, h.arm}) = h.ci_high;
    hr_p.at({analysis, h.arm}) = h.p_value;
  }
  for (LabelledArray* a : {&hr, &hr_low, &hr_high, &hr_p}) out.arrays.push_back(std::move(*a));

  const Axes by_week{{"analysis", "arm", "week"}, {kAnalyses, A, W}};
  LabelledArray km = array("km_not_self_sufficient", "proportion",
                           "Kaplan-Meier estimate of the share not yet self-sufficient", by_week);
  LabelledArray km_low =
      array("km_ci_low", "proportion", "lower end of the 95% pointwise interval (log-log)", by_week);
  LabelledArray km_high =
      array("km_ci_high", "proportion", "upper end of the 95% pointwise interval (log-log)", by_week);
  LabelledArray at_risk =
      array("km_at_risk", "persons", "participants still followed and not yet self-sufficient", by_week);
  for (const SurvivalCurve& c : e.curves) {
    const auto weekly = [&](LabelledArray& a, const std::vector<double>& by_week_values) {
      const auto row = a.block({static_cast<std::size_t>(c.analysis), c.arm});
      std::copy_n(by_week_values.begin(), row.size(), row.begin());
    };
    weekly(km, c.not_self_sufficient);
    weekly(km_low, c.ci_low);
    weekly(km_high, c.ci_high);
    weekly(at_risk, c.at_risk);
  }
  for (LabelledArray* a : {&km, &km_low, &km_high, &at_risk}) out.arrays.push_back(std::move(*a));
  out.extra_attributes["primary_outcome"] = d.outcomes[d.primary_outcome].name;
  out.extra_attributes["primary_analysis"] = kAnalysisNames[static_cast<std::size_t>(d.primary_analysis)];
  return out;
}

}  // namespace labsim::results
