// Reads the jobcentres' caseworkers: interview capacity, how many there are, and what they cost.
#include "models/scenario/checks/caseworker_checks.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "sim/input_error.hpp"

namespace labsim::models::detail {

namespace {
constexpr std::string_view kCapacityKey = "caseworkers.interviews_per_week_each";
}  // namespace

Caseworkers caseworkers(ScenarioChecks& c, const toml::table* t, int run_months) {
  Caseworkers caseworkers;
  if (!t) return caseworkers;
  const std::string prefix = "caseworkers";
  c.known_entries(
      *t, prefix,
      {"interviews_per_week_each", "per_1000_in_follow_up", "by_jobcentre", "cost_dkk_per_year", "by_month"});
  caseworkers.interviews_per_week_each =
      c.number_in(*t, prefix, "interviews_per_week_each", 0.0, 0, false, std::nullopt);
  if (const toml::node* node = t->get("interviews_per_week_each"))
    c.locate(std::string(kCapacityKey), node->source());
  caseworkers.per_1000_in_follow_up =
      c.number_in(*t, prefix, "per_1000_in_follow_up", 0.0, 0, false, std::nullopt);
  if (const toml::node* node = t->get("by_jobcentre")) {
    const std::string key = prefix + ".by_jobcentre";
    caseworkers.by_jobcentre = c.numbers_by_jobcentre(*node, key);
    for (const auto& [name, value] : *node->as_table()) c.locate(join_key(key, name.str()), value.source());
  }
  caseworkers.cost_dkk_per_year = c.number_in(*t, prefix, "cost_dkk_per_year", 0.0, 0, false, std::nullopt);
  if (const toml::node* node = t->get("by_month"))
    caseworkers.by_month = c.numbers_by_month(*node, prefix + ".by_month", run_months);
  return caseworkers;
}

void check_caseworker_capacity(const ScenarioChecks& c, const Caseworkers& caseworkers,
                               const std::vector<JobcentreSpec>& jobcentres) {
  if (caseworkers.interviews_per_week_each <= 0) return;
  for (const JobcentreSpec& jc : jobcentres) {
    const std::string own_key = join_key("caseworkers.by_jobcentre", jc.name);
    const auto own = caseworkers.by_jobcentre.find(jc.name);
    if (own != caseworkers.by_jobcentre.end() && own->second <= 0) {
      throw sim::InputError(fmt::format("{}: {} = {} must be > 0 because {} = {} is > 0",
                                        c.locations().find(own_key)->second, own_key, own->second,
                                        kCapacityKey, caseworkers.interviews_per_week_each));
    }
    if (own == caseworkers.by_jobcentre.end() && caseworkers.per_1000_in_follow_up <= 0) {
      throw sim::InputError(
          fmt::format("{}: {} = {} needs caseworkers in every jobcentre, but jobcentre '{}' has none: give "
                      "caseworkers.per_1000_in_follow_up > 0 or {} > 0",
                      c.locations().find(kCapacityKey)->second, kCapacityKey,
                      caseworkers.interviews_per_week_each, jc.name, own_key));
    }
  }
}

}  // namespace labsim::models::detail
