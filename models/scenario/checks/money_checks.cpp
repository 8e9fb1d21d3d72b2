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

// { state = { breaks_weeks = [...], shares = [...] } }: shares by spell duration, one more than breaks.
std::map<std::string, DurationShares> shares_by_weeks(const ScenarioChecks& c, const toml::node& node,
                                                      const std::string& key) {
  std::map<std::string, DurationShares> out;
  for (const auto& [state, value] : c.order().entries(c.table(node, key))) {
    const std::string state_key = join_key(key, state->str());
    const std::vector<std::string>& states = c.state_names();
    c.require(std::find(states.begin(), states.end(), state->str()) != states.end(), *value, state_key,
              fmt::format("names no declared state{}", did_you_mean(std::string(state->str()), states)));
    const toml::table& t = c.table(*value, state_key);
    c.known_entries(t, state_key, {"breaks_weeks", "shares"});
    DurationShares d;
    const std::string breaks_key = state_key + ".breaks_weeks";
    d.breaks_weeks =
        c.increasing_breaks(c.required(t, state_key, "breaks_weeks"), breaks_key, kReimbursementBands - 1);
    const std::string shares_key = state_key + ".shares";
    const toml::node& shares = c.required(t, state_key, "shares");
    d.shares = c.numbers_in(shares, shares_key, 0, false, 1.0);
    if (d.shares.size() != d.breaks_weeks.size() + 1) {
      c.fail(shares, fmt::format("{} has {} values but needs {}: one per band of breaks_weeks", shares_key,
                                 d.shares.size(), d.breaks_weeks.size() + 1));
    }
    out.emplace(state->str(), std::move(d));
  }
  return out;
}

ReimbursementRules rule_set(const ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                            const std::string& name) {
  c.known_entries(t, prefix,
                  {"benefit_passive", "benefit_passive_by_weeks", "benefit_untimely", "benefit_in_offer",
                   "offer_cost", "caseworkers", "other_actors"});
  ReimbursementRules rules;
  rules.name = name;
  const auto shares = [&](std::string_view key, const std::vector<std::string>& names,
                          std::string_view what) {
    const toml::node* node = t.get(key);
    return node ? c.numbers_by_name(*node, join_key(prefix, key), &names, what, 0, false, 1.0)
                : std::map<std::string, double>{};
  };
  rules.benefit_passive = shares("benefit_passive", c.state_names(), "state");
  if (const toml::node* node = t.get("benefit_passive_by_weeks"))
    rules.benefit_passive_by_weeks = shares_by_weeks(c, *node, join_key(prefix, "benefit_passive_by_weeks"));
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
