// Reads the activation offers: places (by jobcentre, by month, over the cycle), effects, costs, partial
// return to work, and the one add-on offer given alongside others.
#include "models/scenario/checks/offer_checks.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

using sim::InputError;

std::vector<double> hours_steps(const TomlChecks& c, const toml::node& node, const std::string& key) {
  std::vector<double> steps = c.numbers_in(node, key, 0, true, 1.0);
  for (std::size_t i = 1; i < steps.size(); ++i) {
    c.require(steps[i] >= steps[i - 1], (*node.as_array())[i], fmt::format("{}[{}]", key, i),
              fmt::format("must be >= the step before it ({})", steps[i - 1]));
  }
  return steps;
}

// Who may start the offer: spell duration, age bands and benefit states.
void eligibility(const ScenarioChecks& c, const toml::table& o, const std::string& prefix, OfferSpec& offer) {
  offer.min_spell_weeks = c.number_in(o, prefix, "min_spell_weeks", 0.0, 0, false, std::nullopt);
  if (const toml::node* node = o.get("max_spell_weeks")) {
    offer.max_spell_weeks = c.number_in(*node, prefix + ".max_spell_weeks", 0, true, std::nullopt);
    c.require(offer.max_spell_weeks > offer.min_spell_weeks, *node, prefix + ".max_spell_weeks",
              fmt::format("must be > min_spell_weeks ({})", offer.min_spell_weeks));
  }
  if (const toml::node* node = o.get("age_bands")) {
    const std::string key = prefix + ".age_bands";
    const toml::array& bands = c.array(*node, key);
    if (bands.empty()) c.fail(*node, fmt::format("{} must name at least one age band", key));
    offer.under_30 = false;
    offer.age_30_plus = false;
    for (std::size_t i = 0; i < bands.size(); ++i) {
      const bool under_30 = c.choice(bands[i], fmt::format("{}[{}]", key, i), {"under_30", "30_plus"}) == 0;
      (under_30 ? offer.under_30 : offer.age_30_plus) = true;
    }
  }
  if (const toml::node* node = o.get("states")) {
    const std::string key = prefix + ".states";
    const toml::array& states = c.array(*node, key);
    if (states.empty())
      c.fail(*node, fmt::format("{} must name at least one state (leave it out for every state)", key));
    for (std::size_t i = 0; i < states.size(); ++i)
      offer.states.push_back(c.declared(states[i], fmt::format("{}[{}]", key, i), c.state_names(), "state"));
  }
}

OfferSpec offer(ScenarioChecks& c, const toml::table& o, const std::string& name, int run_months) {
  const std::string prefix = join_key("offers", name);
  c.known_entries(o, prefix,
                  {"label",
                   "duration_weeks",
                   "places",
                   "places_by_jobcentre",
                   "places_by_month",
                   "places_cycle_elasticity",
                   "lock_in_multiplier",
                   "post_multiplier",
                   "post_months",
                   "weekly_cost_dkk",
                   "company_based",
                   "activation",
                   "add_on",
                   "add_on_share",
                   "hours_steps",
                   "relapse_probability",
                   "completion_state",
                   "min_spell_weeks",
                   "max_spell_weeks",
                   "age_bands",
                   "states"});
  OfferSpec offer;
  offer.name = name;
  offer.label = c.string_or(o, prefix, "label", name);
  offer.duration_weeks = c.number_in(o, prefix, "duration_weeks", std::nullopt, 0, true, std::nullopt);
  const toml::node* by_month = o.get("places_by_month");
  // Places by month replace the constant number, which may then be left out.
  offer.places =
      c.number_in(o, prefix, "places", by_month ? std::optional(0.0) : std::nullopt, 0, false, std::nullopt);
  if (const toml::node* node = o.get("places_by_jobcentre")) {
    offer.places_by_jobcentre = c.numbers_by_jobcentre(*node, prefix + ".places_by_jobcentre");
  }
  if (by_month)
    offer.places_by_month = c.numbers_by_month(*by_month, prefix + ".places_by_month", run_months);
  offer.lock_in_multiplier = c.number_in(o, prefix, "lock_in_multiplier", 1.0, 0, true, std::nullopt);
  offer.post_multiplier = c.number_in(o, prefix, "post_multiplier", 1.0, 0, true, std::nullopt);
  offer.post_months = c.number_in(o, prefix, "post_months", 0.0, 0, false, std::nullopt);
  offer.weekly_cost_dkk = c.number_in(o, prefix, "weekly_cost_dkk", 0.0, 0, false, std::nullopt);
  offer.company_based = c.boolean_or(o, prefix, "company_based", false);
  offer.activation = c.boolean_or(o, prefix, "activation", true);
  const toml::node* elasticity = o.get("places_cycle_elasticity");
  offer.places_cycle_elasticity = elasticity ? c.number(*elasticity, prefix + ".places_cycle_elasticity")
                                             : (offer.company_based ? 1.0 : 0.0);
  offer.add_on = c.boolean_or(o, prefix, "add_on", false);
  offer.add_on_share = c.number_in(o, prefix, "add_on_share", 0.0, 0, false, 1.0);
  if (offer.add_on && offer.add_on_share > 0) {
    c.require(false, *o.get("add_on_share"), prefix + ".add_on_share",
              fmt::format("must be 0 because {}.add_on = true", prefix));
  }
  if (const toml::node* node = o.get("hours_steps")) {
    offer.hours_steps = hours_steps(c, *node, prefix + ".hours_steps");
  }
  offer.relapse_probability = c.number_in(o, prefix, "relapse_probability", 0.0, 0, false, 1.0);
  if (const toml::node* node = o.get("completion_state")) {
    offer.completion_state = c.declared(*node, prefix + ".completion_state", c.state_names(), "state");
  }
  eligibility(c, o, prefix, offer);
  c.locate("offers." + name, o.source());
  return offer;
}

}  // namespace

std::vector<OfferSpec> offers(ScenarioChecks& c, const toml::table* t, int run_months) {
  std::vector<OfferSpec> specs;
  if (!t) return specs;
  const Entries entries = c.order().entries(*t);
  if (entries.size() > kMaxOffers) {
    throw InputError(fmt::format("{}: offers declares {} offers; at most {} are allowed", c.where_table(*t),
                                 entries.size(), kMaxOffers));
  }
  std::vector<const toml::table*> tables;
  const OfferSpec* add_on = nullptr;
  for (const auto& [key, node] : entries) {
    const toml::table& o = c.table(*node, join_key("offers", key->str()));
    specs.push_back(offer(c, o, std::string(key->str()), run_months));
    tables.push_back(&o);
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (!specs[i].add_on) continue;
    if (add_on) {
      const std::string key = join_key("offers", specs[i].name) + ".add_on";
      c.require(false, *tables[i]->get("add_on"), key,
                fmt::format("must be false because {} already has add_on = true: at most one offer may",
                            join_key("offers", add_on->name)));
    }
    add_on = &specs[i];
  }
  for (std::size_t i = 0; i < specs.size() && !add_on; ++i) {
    if (specs[i].add_on_share > 0) {
      const std::string key = join_key("offers", specs[i].name) + ".add_on_share";
      c.require(false, *tables[i]->get("add_on_share"), key, "needs an offer with add_on = true");
    }
  }
  return specs;
}

}  // namespace labsim::models::detail
