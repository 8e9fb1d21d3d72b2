// Who pays a cost: the reimbursement rule set in force, the share of each kind of cost the state reimburses,
// and the split of an amount between the state and the municipality. The run's monthly costs (costs.cpp) and
// a trial's cost per participant both apply these, so that the rule is written once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// The rule set `money.reimbursement` names; none (every share 0: the municipality pays all) when the
// scenario gives no rule sets.
inline const ReimbursementRules& rules_in_force(const Money& money) {
  static const ReimbursementRules kNoReimbursement{};
  return money.rule_sets.empty() ? kNoReimbursement : money.rule_sets[money.reimbursement];
}

// A value per spec (state, offer) by the spec's name, 0 for a name `values` lacks: benefit rates per day and
// reimbursement shares, which the scenario gives as name -> value tables.
template <class Specs>
std::vector<double> by_name(const std::map<std::string, double>& values, const Specs& specs) {
  std::vector<double> out;
  for (const auto& spec : specs) {
    const auto it = values.find(spec.name);
    out.push_back(it == values.end() ? 0.0 : it->second);
  }
  return out;
}

// `gross` DKK of which the state reimburses `state_share`; the municipality pays the rest.
struct PayerSplit {
  double state = 0, municipality = 0;
};
inline PayerSplit split_by_payer(double gross, double state_share) {
  return {gross * state_share, gross * (1.0 - state_share)};
}

}  // namespace labsim::models
