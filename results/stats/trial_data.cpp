// From what the simulation recorded per participant to the outcome columns the estimates are computed on.
#include "results/stats/trial_data.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/counts/reimbursement.hpp"
#include "sim/strong_types.hpp"

namespace labsim::results {

TrialCostRates trial_cost_rates(const models::Model& model) {
  const models::Scenario& sc = model.scenario();
  const models::CompiledTrial& trial = *model.trial();
  const models::ReimbursementRules& rules = models::rules_in_force(sc.money);
  TrialCostRates r;
  r.benefit_dkk_per_day = models::by_name(sc.money.benefit_dkk_per_day, sc.states)[trial.state];
  r.benefit_state_share = models::by_name(rules.benefit_passive, sc.states)[trial.state];
  r.contact_state_share = rules.caseworkers;
  const std::vector<double> offer_share = models::by_name(rules.offer_cost, sc.offers);
  double sum = 0, low = 1, high = 0;
  std::size_t costly = 0;
  for (std::size_t o = 0; o < offer_share.size(); ++o) {
    if (!(model.offer(o).cost_dkk_per_day > 0)) continue;
    sum += offer_share[o];
    low = std::min(low, offer_share[o]);
    high = std::max(high, offer_share[o]);
    ++costly;
  }
  r.offer_state_share = costly > 0 ? sum / static_cast<double>(costly) : 0.0;
  if (costly > 0 && high > low) {
    r.notes.push_back(fmt::format(
        "The state reimburses offers' operating costs at shares from {:.0f}% to {:.0f}%; the records do not "
        "say which offers a participant had, so the mean share ({:.0f}%) is used.",
        100 * low, 100 * high, 100 * r.offer_state_share));
  }
  return r;
}

TrialCosts participant_costs(const TrialCostRates& rates, double benefit_days, double offer_cost_dkk,
                             double contact_cost_dkk) {
  TrialCosts c{};
  const auto set = [&](TrialCostItem item, double gross, double state_share) {
    const models::PayerSplit split = models::split_by_payer(gross, state_share);
    auto& row = c[static_cast<std::size_t>(item)];
    row = {split.state, split.municipality, gross};
    auto& total = c[static_cast<std::size_t>(TrialCostItem::total)];
    for (std::size_t p = 0; p < kTrialPayers; ++p) total[p] += row[p];
  };
  set(TrialCostItem::benefits, benefit_days * rates.benefit_dkk_per_day, rates.benefit_state_share);
  set(TrialCostItem::offers, offer_cost_dkk, rates.offer_state_share);
  set(TrialCostItem::contacts, contact_cost_dkk, rates.contact_state_share);
  return c;
}

TrialData trial_data(const models::Model& model, const std::vector<models::TrialRecord>& records,
                     const std::vector<std::string>& also_outcomes) {
  const models::Scenario& sc = model.scenario();
  const models::TrialSpec& spec = *sc.trial;
  const models::CompiledTrial& trial = *model.trial();
  TrialData d;
  for (const auto& arm : spec.arms) d.arms.push_back(arm.name);
  std::vector<std::string> chosen = also_outcomes;
  chosen.push_back(spec.primary_outcome);
  d.outcomes = models::reported_trial_outcomes(spec, sc.states, sc.offers, chosen);
  for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
    if (d.outcomes[k].name == spec.primary_outcome) d.primary_outcome = k;
  }
  d.primary_analysis = spec.exempt_in_primary ? Analysis::all_randomized : Analysis::without_exempt;
  d.horizon_weeks = spec.horizon_weeks;
  d.cluster_randomized = trial.cluster;
  std::vector<std::uint32_t> trial_jobcentre(model.jobcentres(), 0);  // model jobcentre -> index
  for (std::size_t k = 0; k < trial.jobcentres.size(); ++k) {
    d.jobcentres.push_back(model.jobcentre(trial.jobcentres[k]).name);
    trial_jobcentre[trial.jobcentres[k]] = static_cast<std::uint32_t>(k);
  }
  for (const models::CompiledTrialArm& arm : trial.arms) {
    auto& runs = d.arm_in_jobcentre.emplace_back();
    for (const std::size_t j : trial.jobcentres) runs.push_back(arm.in_jobcentre[j] != 0 ? 1 : 0);
  }
  d.cost_rates = trial_cost_rates(model);

  d.values.assign(d.outcomes.size(), {});
  for (auto& column : d.values) column.reserve(records.size());
  for (const models::TrialRecord& r : records) {
    for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
      const models::TrialOutcomeDef& outcome = d.outcomes[k];
      double v = 0;
      switch (outcome.kind) {
        case models::TrialOutcomeKind::self_sufficient_at:
          v = trial.success[r.state_at[outcome.checkpoint]];
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
        case models::TrialOutcomeKind::in_state_at:
          v = r.state_at[outcome.checkpoint] == outcome.state ? 1 : 0;
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
    d.jobcentre.push_back(trial_jobcentre[r.jobcentre]);
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
    d.benefit_days.push_back(r.benefit_days);
    d.offer_days.push_back(r.offer_days);
    d.offer_cost_dkk.push_back(r.offer_cost_dkk);
    d.contacts.push_back(r.contacts);
    d.contact_cost_dkk.push_back(r.contact_cost_dkk);
  }
  return d;
}

}  // namespace labsim::results
