// Lays a trial's estimates out as labelled arrays for the HDF5 writer.
#include "results/file/trial_output.hpp"

#include <fmt/format.h>

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

std::string primary_units(const TrialData& d) {
  return d.outcomes[d.primary_outcome].share ? "proportion" : "weeks";
}

void add_medians(const TrialEstimates& e, const Axes& by_arm, RunOutput& out) {
  const std::string not_reached = "; NaN where the curve (or the limit) stays above 0.5 within the horizon";
  LabelledArray median =
      array("km_median_weeks", "weeks",
            "median weeks to self-sufficiency, from the Kaplan-Meier curve" + not_reached, by_arm);
  LabelledArray low =
      array("km_median_ci_low", "weeks",
            "lower end of the 95% interval of km_median_weeks (Brookmeyer-Crowley)" + not_reached, by_arm);
  LabelledArray high =
      array("km_median_ci_high", "weeks",
            "upper end of the 95% interval of km_median_weeks (Brookmeyer-Crowley)" + not_reached, by_arm);
  for (const SurvivalCurve& c : e.curves) {
    const auto analysis = static_cast<std::size_t>(c.analysis);
    median.at({analysis, c.arm}) = c.median.median;
    low.at({analysis, c.arm}) = c.median.ci_low;
    high.at({analysis, c.arm}) = c.median.ci_high;
  }
  for (LabelledArray* a : {&median, &low, &high}) out.arrays.push_back(std::move(*a));
}

void add_jobcentre_estimates(const TrialData& d, const TrialEstimates& e, RunOutput& out) {
  out.dimensions.push_back({"jobcentre", "jobcentre taking part in the trial", "", d.jobcentres, {}});
  const Axes by_jobcentre{{"jobcentre", "arm"}, {d.jobcentres.size(), d.arms.size()}};
  const std::string units = primary_units(d);
  const std::string what = d.outcomes[d.primary_outcome].name + " (the primary outcome, primary analysis)";
  LabelledArray mean = array("jobcentre_outcome_mean", units,
                             "mean of " + what + " in the arm, within the jobcentre", by_jobcentre);
  LabelledArray diff = array("jobcentre_difference", units,
                             "arm minus control arm in " + what + ", within the jobcentre", by_jobcentre);
  LabelledArray low = array("jobcentre_difference_ci_low", units,
                            "lower end of the 95% interval of jobcentre_difference", by_jobcentre);
  LabelledArray high = array("jobcentre_difference_ci_high", units,
                             "upper end of the 95% interval of jobcentre_difference", by_jobcentre);
  LabelledArray n = array("jobcentre_n_analysed", "persons",
                          "participants analysed in the arm, within the jobcentre", by_jobcentre);
  for (const JobcentreEstimate& j : e.by_jobcentre) {
    const OutcomeEstimate& o = j.estimate;
    mean.at({j.jobcentre, 0}) = o.control_value;
    n.at({j.jobcentre, 0}) = static_cast<double>(o.n_control);
    mean.at({j.jobcentre, o.arm}) = o.arm_value;
    n.at({j.jobcentre, o.arm}) = static_cast<double>(o.n_arm);
    diff.at({j.jobcentre, o.arm}) = o.estimate;
    low.at({j.jobcentre, o.arm}) = o.ci_low;
    high.at({j.jobcentre, o.arm}) = o.ci_high;
  }
  for (LabelledArray* a : {&mean, &diff, &low, &high, &n}) out.arrays.push_back(std::move(*a));
}

void add_costs(const TrialData& d, const TrialEstimates& e, RunOutput& out) {
  out.dimensions.push_back({"cost_item",
                            "what a participant's follow-up costs; total is their sum",
                            "",
                            {std::begin(kTrialCostItemNames), std::end(kTrialCostItemNames)},
                            {}});
  out.dimensions.push_back({"payer",
                            "who pays, under the reimbursement rules in force; total is both",
                            "",
                            {std::begin(kTrialPayerNames), std::end(kTrialPayerNames)},
                            {}});
  const Axes by_cost{{"arm", "cost_item", "payer"}, {d.arms.size(), kTrialCostItems, kTrialPayers}};
  const std::string units = "DKK per participant";
  const std::string within = fmt::format(" within {} weeks of enrolment (primary analysis)", d.horizon_weeks);
  LabelledArray mean =
      array("cost_per_participant", units, "mean cost per participant in the arm" + within, by_cost);
  LabelledArray low = array("cost_per_participant_ci_low", units,
                            "lower end of the 95% interval of cost_per_participant", by_cost);
  LabelledArray high = array("cost_per_participant_ci_high", units,
                             "upper end of the 95% interval of cost_per_participant", by_cost);
  LabelledArray diff =
      array("cost_difference", units, "arm minus control arm in cost per participant" + within, by_cost);
  LabelledArray diff_low =
      array("cost_difference_ci_low", units, "lower end of the 95% interval of cost_difference", by_cost);
  LabelledArray diff_high =
      array("cost_difference_ci_high", units, "upper end of the 95% interval of cost_difference", by_cost);
  for (const CostEstimate& c : e.costs) {
    const auto item = static_cast<std::size_t>(c.item);
    mean.at({c.arm, item, c.payer}) = c.mean.mean;
    low.at({c.arm, item, c.payer}) = c.mean.ci_low;
    high.at({c.arm, item, c.payer}) = c.mean.ci_high;
    if (c.arm == 0) continue;
    diff.at({c.arm, item, c.payer}) = c.difference.estimate;
    diff_low.at({c.arm, item, c.payer}) = c.difference.ci_low;
    diff_high.at({c.arm, item, c.payer}) = c.difference.ci_high;
  }
  for (LabelledArray* a : {&mean, &low, &high, &diff, &diff_low, &diff_high})
    out.arrays.push_back(std::move(*a));
}

// One row per participant: who they are (replication, jobcentre, arm) and what their follow-up cost.
void add_participants(const TrialData& d, RunOutput& out) {
  const std::size_t n = d.size();
  std::vector<double> index(n);
  for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<double>(i);
  out.dimensions.push_back({"participant",
                            "participant, in order of replication, jobcentre and enrolment",
                            "",
                            {},
                            std::move(index)});
  const Axes by_participant{{"participant"}, {n}};
  const auto column = [&](std::string name, std::string units, std::string description, const auto& values) {
    LabelledArray a = array(std::move(name), std::move(units), std::move(description), by_participant);
    for (std::size_t i = 0; i < n; ++i) a.values[i] = static_cast<double>(values[i]);
    out.arrays.push_back(std::move(a));
  };
  column("participant_replication", "1", "replication the participant was simulated in", d.replication);
  column("participant_jobcentre", "1", "index into the jobcentre dimension", d.jobcentre);
  column("participant_arm", "1", "index into the arm dimension", d.arm);
  column("participant_exempt", "1", "1 if exempted from active measures", d.exempt);
  column("participant_benefit_days", "days", "days on public support within the horizon", d.benefit_days);
  column("participant_offer_days", "days", "days in activation offers within the horizon", d.offer_days);
  column("participant_offer_cost_dkk", "DKK", "operating cost of those offer days", d.offer_cost_dkk);
  column("participant_contacts", "contacts", "contacts held by the jobcentre within the horizon", d.contacts);
  column("participant_contact_cost_dkk", "DKK", "cost of those contacts, by contact form",
         d.contact_cost_dkk);
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
  add_medians(e, by_arm, out);
  add_jobcentre_estimates(d, e, out);
  add_costs(d, e, out);
  add_participants(d, out);
  out.extra_attributes["primary_outcome"] = d.outcomes[d.primary_outcome].name;
  out.extra_attributes["primary_analysis"] = kAnalysisNames[static_cast<std::size_t>(d.primary_analysis)];
  return out;
}

}  // namespace labsim::results
