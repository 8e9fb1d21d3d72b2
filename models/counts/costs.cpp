// Monthly costs from person-time: each cost is split by the reimbursement share in force for its kind.
#include "models/counts/costs.hpp"

#include "models/counts/reimbursement.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

constexpr double kDaysPerYear = 365.25;

// Adds `gross` DKK of `item` in month `m`, of which the state pays `state_share`.
struct Ledger {
  TaskCosts& costs;
  void add(std::size_t m, CostItem item, double gross, double state_share) const {
    const auto i = static_cast<std::size_t>(item);
    costs.total.at(m, i) += gross;
    const PayerSplit split = split_by_payer(gross, state_share);
    costs.by_payer.at(m, i, 0) += split.state;
    costs.by_payer.at(m, i, 1) += split.municipality;
  }
};

// The passive share of state s in month m: where it changes with spell duration, the mean of the bands'
// shares weighted by the month's persons in each band (offers and lateness are not told apart by band);
// otherwise `flat`.
double share_by_duration(const Model::DurationBands& bands,
                         const Grid<Axis::month, Axis::state, Axis::duration_band>& in_band, std::size_t m,
                         std::size_t s, double flat) {
  if (bands.shares.empty()) return flat;
  double persons = 0, weighted = 0;
  for (std::size_t b = 0; b < bands.shares.size(); ++b) {
    persons += in_band.at(m, s, b);
    weighted += in_band.at(m, s, b) * bands.shares[b];
  }
  return persons > 0 ? weighted / persons : bands.shares.front();
}

}  // namespace

TaskCosts task_costs(const Model& model, std::size_t jobcentre, const TaskTally& tally) {
  const Scenario& sc = model.scenario();
  const StateGroupByMonth& in_state = tally.monthly.in_state;
  const StateOfferByMonth& in_offer = tally.monthly.in_offer;
  const StateByMonth untimely = tally.untimely.full_time_persons();
  const StateByMonth hours = tally.hours_worked.full_time_persons();
  const auto in_band = tally.in_reimbursement_band.full_time_persons();
  const std::size_t months = in_state.extent(0), S = in_state.extent(1), G = in_state.extent(2),
                    O = in_offer.extent(2);
  TaskCosts costs{.by_payer = decltype(TaskCosts::by_payer)(months, kCostItems, kPayers),
                  .total = decltype(TaskCosts::total)(months, kCostItems)};
  const Ledger ledger{costs};

  const ReimbursementRules& rules = rules_in_force(sc.money);
  const std::vector<double> rate = by_name(sc.money.benefit_dkk_per_day, sc.states);
  const std::vector<double> passive_share = by_name(rules.benefit_passive, sc.states);
  const std::vector<double> in_offer_share = by_name(rules.benefit_in_offer, sc.offers);
  const std::vector<double> offer_cost_share = by_name(rules.offer_cost, sc.offers);

  const CompiledJobcentre& jc = model.jobcentre(jobcentre);

  for (std::size_t m = 0; m < months; ++m) {
    const double days = model.calendar().month_length_days(static_cast<int>(m));
    for (std::size_t s = 0; s < S; ++s) {
      double persons = 0;
      for (std::size_t g = 0; g < G; ++g) persons += in_state.at(m, s, g);
      // Hours worked in a partial return reduce the benefit of those offers, shared in proportion to them.
      double in_hours_offers = 0;
      for (std::size_t o = 0; o < O; ++o) {
        if (!model.offer(o).hours_steps.empty()) in_hours_offers += in_offer.at(m, s, o);
      }
      const double worked = hours.at(m, s);
      double passive = persons;
      for (std::size_t o = 0; o < O; ++o) {
        const double participants = in_offer.at(m, s, o);
        ledger.add(m, CostItem::offers, participants * model.offer(o).cost_dkk_per_day * days,
                   offer_cost_share[o]);
        if (model.offer(o).add_on) continue;
        passive -= participants;
        double paid = participants;
        if (!model.offer(o).hours_steps.empty() && in_hours_offers > 0)
          paid -= worked * participants / in_hours_offers;
        ledger.add(m, CostItem::benefits, paid * rate[s] * days, in_offer_share[o]);
      }
      const double late = untimely.at(m, s);
      ledger.add(m, CostItem::benefits, (passive - late) * rate[s] * days,
                 share_by_duration(model.reimbursement_bands(s), in_band, m, s, passive_share[s]));
      ledger.add(m, CostItem::benefits, late * rate[s] * days, rules.benefit_untimely);

      ledger.add(m, CostItem::other_actors,
                 tally.other_actor_interviews.at(m, s) * sc.money.other_actor_dkk_per_interview,
                 rules.other_actors);
    }
    ledger.add(
        m, CostItem::caseworkers,
        jc.caseworkers * model.caseworker_factor(m) * sc.caseworkers.cost_dkk_per_year * days / kDaysPerYear,
        rules.caseworkers);
    // Contact forms' own cost per contact (a meeting room, a group leader), reimbursed as caseworkers are.
    ledger.add(m, CostItem::contacts, tally.contact_cost_dkk.at(m), rules.caseworkers);
  }
  return costs;
}

}  // namespace labsim::models
