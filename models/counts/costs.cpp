// Monthly costs from person-time: each cost is split by the reimbursement share in force for its kind.
#include "models/counts/costs.hpp"

#include <string>

#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

constexpr double kDaysPerYear = 365.25;

std::vector<double> by_name(const std::map<std::string, double>& values, const auto& specs) {
  std::vector<double> out;
  for (const auto& spec : specs) {
    const auto it = values.find(spec.name);
    out.push_back(it == values.end() ? 0.0 : it->second);
  }
  return out;
}

// Adds `gross` DKK of `item` in month `m`, of which the state pays `state_share`.
struct Ledger {
  TaskCosts& costs;
  void add(std::size_t m, CostItem item, double gross, double state_share) const {
    const std::size_t i = m * kCostItems + static_cast<std::size_t>(item);
    costs.total[i] += gross;
    costs.by_payer[i * kPayers + 0] += gross * state_share;
    costs.by_payer[i * kPayers + 1] += gross * (1.0 - state_share);
  }
};

}  // namespace

TaskCosts task_costs(const Model& model, std::size_t jobcentre, const TaskTally& tally) {
  const Scenario& sc = model.scenario();
  const std::size_t months = tally.months, S = tally.states, O = tally.offers, G = tally.groups;
  TaskCosts costs{std::vector<double>(months * kCostItems * kPayers, 0.0),
                  std::vector<double>(months * kCostItems, 0.0)};
  const Ledger ledger{costs};

  static const ReimbursementRules kNoReimbursement{};
  const ReimbursementRules& rules =
      sc.money.rule_sets.empty() ? kNoReimbursement : sc.money.rule_sets[sc.money.reimbursement];
  const std::vector<double> rate = by_name(sc.money.benefit_dkk_per_day, sc.states);
  const std::vector<double> passive_share = by_name(rules.benefit_passive, sc.states);
  const std::vector<double> in_offer_share = by_name(rules.benefit_in_offer, sc.offers);
  const std::vector<double> offer_cost_share = by_name(rules.offer_cost, sc.offers);

  const std::vector<double> in_state = tally.in_state.full_time_persons();   // [month][state][group]
  const std::vector<double> in_offer = tally.in_offer.full_time_persons();   // [month][state][offer]
  const std::vector<double> untimely = tally.untimely.full_time_persons();   // [month][state]
  const std::vector<double> hours = tally.hours_worked.full_time_persons();  // [month][state]
  const CompiledJobcentre& jc = model.jobcentre(jobcentre);

  for (std::size_t m = 0; m < months; ++m) {
    const double days = model.calendar().month_length_days(static_cast<int>(m));
    for (std::size_t s = 0; s < S; ++s) {
      double persons = 0;
      for (std::size_t g = 0; g < G; ++g) persons += in_state[(m * S + s) * G + g];
      // Hours worked in a partial return reduce the benefit of those offers, shared in proportion to them.
      double in_hours_offers = 0;
      for (std::size_t o = 0; o < O; ++o) {
        if (!model.offer(o).hours_steps.empty()) in_hours_offers += in_offer[(m * S + s) * O + o];
      }
      const double worked = hours[m * S + s];
      double passive = persons;
      for (std::size_t o = 0; o < O; ++o) {
        const double participants = in_offer[(m * S + s) * O + o];
        ledger.add(m, CostItem::offers, participants * model.offer(o).cost_dkk_per_day * days,
                   offer_cost_share[o]);
        if (model.offer(o).add_on) continue;
        passive -= participants;
        double paid = participants;
        if (!model.offer(o).hours_steps.empty() && in_hours_offers > 0)
          paid -= worked * participants / in_hours_offers;
        ledger.add(m, CostItem::benefits, paid * rate[s] * days, in_offer_share[o]);
      }
      const double late = untimely[m * S + s];
      ledger.add(m, CostItem::benefits, (passive - late) * rate[s] * days, passive_share[s]);
      ledger.add(m, CostItem::benefits, late * rate[s] * days, rules.benefit_untimely);

      ledger.add(m, CostItem::other_actors,
                 tally.other_actor_interviews[m * S + s] * sc.money.other_actor_dkk_per_interview,
                 rules.other_actors);
    }
    ledger.add(m, CostItem::caseworkers,
               jc.caseworkers * sc.caseworkers.cost_dkk_per_year * days / kDaysPerYear, rules.caseworkers);
  }
  return costs;
}

}  // namespace labsim::models
