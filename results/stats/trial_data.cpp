// From what the simulation recorded per participant to the outcome columns the estimates are computed on.
#include "results/stats/trial_data.hpp"

#include <algorithm>

#include "sim/strong_types.hpp"

namespace labsim::results {

TrialData trial_data(const models::Model& model, const std::vector<models::TrialRecord>& records) {
  const models::TrialSpec& spec = *model.scenario().trial;
  const models::CompiledTrial& trial = *model.trial();
  TrialData d;
  for (const auto& arm : spec.arms) d.arms.push_back(arm.name);
  d.outcomes = models::trial_outcomes(spec, model.scenario().offers);
  for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
    if (d.outcomes[k].name == spec.primary_outcome) d.primary_outcome = k;
  }
  d.primary_analysis = spec.exempt_in_primary ? Analysis::all_randomized : Analysis::without_exempt;
  d.horizon_weeks = spec.horizon_weeks;
  d.cluster_randomized = trial.cluster;

  d.values.assign(d.outcomes.size(), {});
  for (auto& column : d.values) column.reserve(records.size());
  for (const models::TrialRecord& r : records) {
    for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
      double v = 0;
      switch (d.outcomes[k].kind) {
        case models::TrialOutcomeKind::self_sufficient_at:
          v = trial.success[r.state_at[d.outcomes[k].checkpoint]];
          break;
        case models::TrialOutcomeKind::weeks_on_benefit:
          v = r.benefit_days / sim::kDaysPerWeek;
          break;
        case models::TrialOutcomeKind::partial_return:
          v = r.partial_return;
          break;
        case models::TrialOutcomeKind::recovered_unemployed:
          v = r.recovered_unemployed;
          break;
      }
      d.values[k].push_back(v);
    }
    const bool success = r.success_day <= r.enrol_day + trial.horizon_days;
    d.success.push_back(success ? 1 : 0);
    d.weeks_to_success.push_back(((success ? r.success_day : r.censor_day) - r.enrol_day) /
                                 sim::kDaysPerWeek);
    d.arm.push_back(r.arm);
    d.replication.push_back(r.replication);
    d.cluster.push_back(static_cast<std::uint32_t>(r.replication * model.jobcentres() + r.jobcentre));
    d.exempt.push_back(r.exempt ? 1 : 0);
    bool received = true;
    switch (trial.arms[r.arm].protocol) {
      case models::Protocol::any:
        break;
      case models::Protocol::interview:
        received = r.interviewed;
        break;
      case models::Protocol::offer:
        received = r.offered;
        break;
    }
    d.protocol_received.push_back(received ? 1 : 0);
  }
  return d;
}

}  // namespace labsim::results
