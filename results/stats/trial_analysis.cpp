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
  c.median = km_median(km);
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

const SurvivalCurve& TrialEstimates::curve(std::size_t arm, Analysis a) const {
  for (const auto& c : curves) {
    if (c.arm == arm && c.analysis == a) return c;
  }
  throw std::out_of_range("no such curve");
}

const CostEstimate& TrialEstimates::cost(std::size_t arm, TrialCostItem item, std::size_t payer) const {
  for (const auto& c : costs) {
    if (c.arm == arm && c.item == item && c.payer == payer) return c;
  }
  throw std::out_of_range("no such cost estimate");
}

namespace {

// `arm` against the control participants among `rows`; with `own_controls`, against those of the jobcentres
// where the arm runs, stratified by jobcentre.
Difference difference(const TrialData& d, std::span<const double> column, std::size_t arm,
                      std::span<const std::size_t> rows, bool own_controls) {
  std::vector<double> values;
  std::vector<std::uint8_t> treated;
  std::vector<std::uint32_t> cluster, stratum;
  for (std::size_t i : rows) {
    if (d.arm[i] != arm && d.arm[i] != 0) continue;
    if (own_controls && !d.arm_in_jobcentre[arm][d.jobcentre[i]]) continue;
    values.push_back(column[i]);
    treated.push_back(d.arm[i] == arm ? 1 : 0);
    if (d.cluster_randomized) cluster.push_back(d.cluster[i]);
    if (own_controls) stratum.push_back(d.jobcentre[i]);
  }
  return own_controls ? stratified_difference(values, treated, stratum, cluster)
                      : difference_in_means(values, treated, cluster);
}

OutcomeEstimate outcome_estimate(const Difference& diff, std::size_t outcome, std::size_t arm) {
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

}  // namespace

Difference arm_difference(const TrialData& d, std::span<const double> column, std::size_t arm,
                          std::span<const std::size_t> rows) {
  return difference(d, column, arm, rows, !d.runs_where_control_runs(arm));
}

OutcomeEstimate outcome_difference(const TrialData& d, std::size_t outcome, std::size_t arm,
                                   std::span<const std::size_t> rows) {
  return outcome_estimate(arm_difference(d, d.values[outcome], arm, rows), outcome, arm);
}

std::vector<JobcentreEstimate> jobcentre_estimates(const TrialData& d) {
  std::vector<JobcentreEstimate> out;
  std::vector<std::vector<std::size_t>> rows(d.jobcentres.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.in(d.primary_analysis, i)) rows[d.jobcentre[i]].push_back(i);
  }
  for (std::size_t j = 0; j < d.jobcentres.size(); ++j) {
    for (std::size_t arm = 1; arm < d.arms.size(); ++arm) {
      if (!d.arm_in_jobcentre.empty() && !d.arm_in_jobcentre[arm][j]) continue;
      // Within one jobcentre every arm that runs there meets its own controls: a plain difference.
      const Difference diff = difference(d, d.values[d.primary_outcome], arm, rows[j], false);
      JobcentreEstimate e{j, outcome_estimate(diff, d.primary_outcome, arm)};
      e.estimate.analysis = d.primary_analysis;
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::vector<CostEstimate> cost_estimates(const TrialData& d) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.in(d.primary_analysis, i)) rows.push_back(i);
  }
  std::vector<TrialCosts> cost(d.size());
  for (const std::size_t i : rows) cost[i] = d.costs(i);
  std::vector<CostEstimate> out;
  std::vector<double> column(d.size(), 0.0), in_arm;
  std::vector<std::uint32_t> cluster;
  for (std::size_t arm = 0; arm < d.arms.size(); ++arm) {
    for (std::size_t item = 0; item < kTrialCostItems; ++item) {
      for (std::size_t payer = 0; payer < kTrialPayers; ++payer) {
        in_arm.clear();
        cluster.clear();
        for (const std::size_t i : rows) {
          column[i] = cost[i][item][payer];
          if (d.arm[i] != arm) continue;
          in_arm.push_back(column[i]);
          if (d.cluster_randomized) cluster.push_back(d.cluster[i]);
        }
        CostEstimate e;
        e.arm = arm;
        e.item = static_cast<TrialCostItem>(item);
        e.payer = payer;
        e.mean = mean_with_interval(in_arm, cluster);
        if (arm > 0) e.difference = arm_difference(d, column, arm, rows);
        out.push_back(std::move(e));
      }
    }
  }
  return out;
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
  est.by_jobcentre = jobcentre_estimates(d);
  est.costs = cost_estimates(d);
  return est;
}

}  // namespace labsim::results
