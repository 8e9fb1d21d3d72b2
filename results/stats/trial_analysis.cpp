// Estimates from the participants' outcomes, with the statistics of effects.hpp and survival.hpp.
#include "results/stats/trial_analysis.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "results/stats/effects.hpp"

namespace labsim::results {

namespace {

constexpr double kSignificance = 0.05;

std::vector<std::size_t> included(const TrialData& d, Analysis a) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.in(a, i)) rows.push_back(i);
  }
  return rows;
}

void hazard_ratios(const TrialData& d, Analysis a, const std::vector<std::size_t>& rows,
                   std::vector<HazardRatioEstimate>& out) {
  const CoxFit fit = arm_hazard_ratios(d, rows);
  for (std::size_t arm = 1; arm < d.arms.size(); ++arm) {
    HazardRatioEstimate e;
    e.arm = arm;
    e.analysis = a;
    e.hazard_ratio = fit.hazard_ratio.empty() ? NAN : fit.hazard_ratio[arm - 1];
    e.ci_low = fit.ci_low.empty() ? NAN : fit.ci_low[arm - 1];
    e.ci_high = fit.ci_high.empty() ? NAN : fit.ci_high[arm - 1];
    e.p_value = fit.p_value.empty() ? NAN : fit.p_value[arm - 1];
    e.n = fit.n;
    e.events = fit.events;
    e.note = fit.note;
    out.push_back(e);
  }
}

SurvivalCurve curve(const TrialData& d, Analysis a, std::size_t arm, const std::vector<std::size_t>& rows,
                    const std::vector<double>& weeks) {
  std::vector<double> time;
  std::vector<std::uint8_t> event;
  for (std::size_t i : rows) {
    if (d.arm[i] == arm) {
      time.push_back(d.weeks_to_success[i]);
      event.push_back(d.success[i]);
    }
  }
  SurvivalCurve c;
  c.arm = arm;
  c.analysis = a;
  const KaplanMeier km = kaplan_meier(time, event);
  std::sort(time.begin(), time.end());
  for (double w : weeks) {
    c.not_self_sufficient.push_back(km.survival_at(w));
    c.ci_low.push_back(km.ci_low_at(w));
    c.ci_high.push_back(km.ci_high_at(w));
    c.at_risk.push_back(static_cast<double>(time.end() - std::lower_bound(time.begin(), time.end(), w)));
  }
  return c;
}

}  // namespace

CoxFit arm_hazard_ratios(const TrialData& d, std::span<const std::size_t> rows) {
  std::vector<double> time;
  std::vector<std::uint8_t> event;
  std::vector<std::uint32_t> cluster;
  for (std::size_t i : rows) {
    time.push_back(d.weeks_to_success[i]);
    event.push_back(d.success[i]);
    if (d.cluster_randomized) cluster.push_back(d.cluster[i]);
  }
  const std::size_t p = d.arms.size() - 1;
  Eigen::MatrixXd x =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(p));
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (const std::uint8_t arm = d.arm[rows[k]]; arm > 0)
      x(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(arm - 1)) = 1.0;
  }
  return cox_fit(time, event, x, cluster);
}

const OutcomeEstimate& TrialEstimates::outcome(std::size_t outcome, std::size_t arm, Analysis a) const {
  for (const auto& e : outcomes) {
    if (e.outcome == outcome && e.arm == arm && e.analysis == a) return e;
  }
  throw std::out_of_range("no such outcome estimate");
}

const HazardRatioEstimate& TrialEstimates::hazard_ratio(std::size_t arm, Analysis a) const {
  for (const auto& e : hazard_ratios) {
    if (e.arm == arm && e.analysis == a) return e;
  }
  throw std::out_of_range("no such hazard ratio");
}

OutcomeEstimate outcome_difference(const TrialData& d, std::size_t outcome, std::size_t arm,
                                   std::span<const std::size_t> rows) {
  std::vector<double> values;
  std::vector<std::uint8_t> treated;
  std::vector<std::uint32_t> cluster;
  for (std::size_t i : rows) {
    if (d.arm[i] != arm && d.arm[i] != 0) continue;
    values.push_back(d.values[outcome][i]);
    treated.push_back(d.arm[i] == arm ? 1 : 0);
    if (d.cluster_randomized) cluster.push_back(d.cluster[i]);
  }
  const Difference diff = difference_in_means(values, treated, cluster);
  OutcomeEstimate e;
  e.outcome = outcome;
  e.arm = arm;
  e.arm_value = diff.treated_mean;
  e.control_value = diff.control_mean;
  e.estimate = diff.estimate;
  e.ci_low = diff.ci_low;
  e.ci_high = diff.ci_high;
  e.p_value = diff.p_value;
  e.n_arm = diff.n_treated;
  e.n_control = diff.n_control;
  e.note = diff.note;
  return e;
}

TrialEstimates estimate_trial(const TrialData& d, int replications) {
  TrialEstimates est;
  est.replications = replications;
  for (double w = 0; w <= d.horizon_weeks + 1e-9; w += 1) est.weeks.push_back(w);
  est.counts.resize(d.arms.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    ArmCounts& c = est.counts[d.arm[i]];
    ++c.randomized;
    c.exempt += d.exempt[i];
    c.protocol_received += d.in(Analysis::per_protocol, i) ? 1 : 0;
  }
  for (std::size_t ai = 0; ai < kAnalyses; ++ai) {
    const auto a = static_cast<Analysis>(ai);
    const std::vector<std::size_t> rows = included(d, a);
    // Participants come replication by replication, so each replication's rows are one stretch.
    std::vector<std::size_t> first_of_replication(static_cast<std::size_t>(replications) + 1, rows.size());
    for (std::size_t k = rows.size(); k-- > 0;) first_of_replication[d.replication[rows[k]]] = k;
    for (std::size_t r = static_cast<std::size_t>(replications); r-- > 0;)
      first_of_replication[r] = std::min(first_of_replication[r], first_of_replication[r + 1]);
    for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
      for (std::size_t arm = 1; arm < d.arms.size(); ++arm) {
        OutcomeEstimate e = outcome_difference(d, k, arm, rows);
        e.analysis = a;
        if (replications > 1) {
          // Each replication is one emulated trial of the size defined: how often would one such trial have
          // found a difference?
          std::size_t significant = 0;
          for (std::size_t r = 0; r < static_cast<std::size_t>(replications); ++r) {
            const std::span<const std::size_t> one(rows.data() + first_of_replication[r],
                                                   first_of_replication[r + 1] - first_of_replication[r]);
            significant += outcome_difference(d, k, arm, one).p_value < kSignificance ? 1 : 0;
          }
          e.single_trials_significant = static_cast<double>(significant) / replications;
        }
        est.outcomes.push_back(std::move(e));
      }
    }
    hazard_ratios(d, a, rows, est.hazard_ratios);
    for (std::size_t arm = 0; arm < d.arms.size(); ++arm)
      est.curves.push_back(curve(d, a, arm, rows, est.weeks));
  }
  return est;
}

}  // namespace labsim::results
