// Reads what benefits and other actors cost and which shares of each cost the state reimburses.
#include "models/scenario/checks/money_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/did_you_mean.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

ReimbursementRules rule_set(const ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                            const std::string& name) {
  c.known_entries(t, prefix,
                  {"benefit_passive", "benefit_untimely", "benefit_in_offer", "offer_cost", "caseworkers",
                   "other_actors"});
  ReimbursementRules rules;
  rules.name = name;
  const auto shares = [&](std::string_view key, const std::vector<std::string>& names,
                          std::string_view what) {
    const toml::node* node = t.get(key);
    return node ? c.numbers_by_name(*node, join_key(prefix, key), &names, what, 0, false, 1.0)
                : std::map<std::string, double>{};
  };
  rules.benefit_passive = shares("benefit_passive", c.state_names(), "state");
  rules.benefit_untimely = c.number_in(t, prefix, "benefit_untimely", 0.0, 0, false, 1.0);
  rules.benefit_in_offer = shares("benefit_in_offer", c.offer_names(), "offer");
  rules.offer_cost = shares("offer_cost", c.offer_names(), "offer");
  rules.caseworkers = c.number_in(t, prefix, "caseworkers", 0.0, 0, false, 1.0);
  rules.other_actors = c.number_in(t, prefix, "other_actors", 0.0, 0, false, 1.0);
  return rules;
}

}  // namespace

Money money(const ScenarioChecks& c, const toml::table* t) {
  Money money;
  if (!t) return money;
  const std::string prefix = "money";
  c.known_entries(*t, prefix,
                  {"benefit_dkk_per_day", "other_actor_dkk_per_interview", "reimbursement", "rules"});
  if (const toml::node* node = t->get("benefit_dkk_per_day")) {
    money.benefit_dkk_per_day = c.numbers_by_name(*node, "money.benefit_dkk_per_day", &c.state_names(),
                                                  "state", 0, false, std::nullopt);
  }
  money.other_actor_dkk_per_interview =
      c.number_in(*t, prefix, "other_actor_dkk_per_interview", 0.0, 0, false, std::nullopt);

  std::vector<std::string> names;
  if (const toml::node* node = t->get("rules")) {
    for (const auto& [name, rules] : c.order().entries(c.table(*node, "money.rules"))) {
      const std::string key = join_key("money.rules", name->str());
      money.rule_sets.push_back(rule_set(c, c.table(*rules, key), key, std::string(name->str())));
      names.emplace_back(name->str());
    }
  }
  const toml::node* chosen = t->get("reimbursement");
  if (!chosen && !names.empty()) {
    throw sim::InputError(fmt::format("{}: money.reimbursement is required because money.rules has rule sets",
                                      c.where_table(*t)));
  }
  if (chosen) {
    const std::string& name = c.string(*chosen, "money.reimbursement");
    const auto it = std::find(names.begin(), names.end(), name);
    c.require(it != names.end(), *chosen, "money.reimbursement",
              fmt::format("is not a rule set in money.rules{}", did_you_mean(name, names)));
    money.reimbursement = static_cast<std::size_t>(it - names.begin());
  }
  return money;
}

}  // namespace labsim::models::detail
