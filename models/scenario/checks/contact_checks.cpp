// Reads the capacity pools (slots per week, by month and by jobcentre) and the contact forms that use them.
#include "models/scenario/checks/contact_checks.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

namespace labsim::models::detail {
namespace {

// A number for every month, or an array by month from run.start.
std::vector<double> slots(const ScenarioChecks& c, const toml::node& node, const std::string& key,
                          int run_months) {
  if (node.is_array()) return c.numbers_by_month(node, key, run_months);
  return {c.number_in(node, key, 0, false, std::nullopt)};
}

CapacityPool pool(ScenarioChecks& c, const toml::table& t, const std::string& name, int run_months) {
  const std::string prefix = join_key("pools", name);
  c.known_entries(t, prefix, {"label", "slots_per_week", "slots_by_jobcentre"});
  CapacityPool pool;
  pool.name = name;
  pool.label = c.string_or(t, prefix, "label", name);
  pool.slots_per_week =
      slots(c, c.required(t, prefix, "slots_per_week"), prefix + ".slots_per_week", run_months);
  if (const toml::node* node = t.get("slots_by_jobcentre")) {
    const std::string table_key = prefix + ".slots_by_jobcentre";
    for (const auto& [jobcentre, value] : c.order().entries(c.table(*node, table_key))) {
      const std::string key = join_key(table_key, jobcentre->str());
      pool.slots_by_jobcentre.emplace(jobcentre->str(), slots(c, *value, key, run_months));
      c.uses_jobcentre(key, std::string(jobcentre->str()), jobcentre->source());
    }
  }
  pool.source_line = static_cast<int>(t.source().begin.line);
  c.locate("pools." + name, t.source());
  return pool;
}

ContactForm contact_form(const ScenarioChecks& c, const toml::table& t, const std::string& name,
                         const std::vector<std::string>& pool_names) {
  const std::string prefix = join_key("contact_forms", name);
  c.known_entries(t, prefix, {"label", "pool", "cost_dkk", "persons_per_contact"});
  ContactForm form;
  form.name = name;
  form.label = c.string_or(t, prefix, "label", name);
  if (const toml::node* node = t.get("pool"))
    form.pool = c.declared(*node, prefix + ".pool", pool_names, "pool");
  form.cost_dkk = c.number_in(t, prefix, "cost_dkk", 0.0, 0, false, std::nullopt);
  form.persons_per_contact = c.number_in(t, prefix, "persons_per_contact", 1.0, 1, false, std::nullopt);
  form.source_line = static_cast<int>(t.source().begin.line);
  return form;
}

}  // namespace

std::vector<CapacityPool> pools(ScenarioChecks& c, const toml::table* t, int run_months) {
  std::vector<CapacityPool> specs;
  if (!t) return specs;
  for (const auto& [key, node] : c.order().entries(*t)) {
    if (key->str() == kCaseworkerPool) {
      c.fail(*node,
             fmt::format("pools.{0} is the jobcentre's caseworkers: set their capacity in [caseworkers] "
                         "and name pool = \"{0}\" in a contact form",
                         kCaseworkerPool));
    }
    specs.push_back(
        pool(c, c.table(*node, join_key("pools", key->str())), std::string(key->str()), run_months));
  }
  return specs;
}

std::vector<ContactForm> contact_forms(const ScenarioChecks& c, const toml::table* t,
                                       const std::vector<CapacityPool>& pools) {
  std::vector<ContactForm> specs;
  if (!t) return specs;
  std::vector<std::string> pool_names = {std::string(kCaseworkerPool)};
  for (const CapacityPool& pool : pools) pool_names.push_back(pool.name);
  for (const auto& [key, node] : c.order().entries(*t)) {
    specs.push_back(contact_form(c, c.table(*node, join_key("contact_forms", key->str())),
                                 std::string(key->str()), pool_names));
  }
  return specs;
}

}  // namespace labsim::models::detail
