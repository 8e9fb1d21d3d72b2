// Reads the competing risks between states: duration bands, hazards and business-cycle elasticities.
#include "models/scenario/checks/transition_checks.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

namespace labsim::models::detail {
namespace {

TransitionSpec transition(const TomlChecks& c, const toml::table& t, const std::string& prefix,
                          const std::vector<std::string>& state_names) {
  c.known_entries(
      t, prefix,
      {"from", "to", "job_finding", "duration_breaks_months", "hazard_per_month", "cycle_elasticity"});
  TransitionSpec spec;
  spec.source_line = static_cast<int>(t.source().begin.line);
  for (const std::string_view end : {"from", "to"}) {
    const std::string key = join_key(prefix, end);
    const std::string& state = c.declared(c.required(t, prefix, end), key, state_names, "state");
    (end == "from" ? spec.from : spec.to) = state;
  }
  if (spec.from == spec.to) {
    c.require(false, *t.get("to"), prefix + ".to", fmt::format("must differ from {}.from", prefix));
  }
  spec.job_finding = c.boolean_or(t, prefix, "job_finding", false);

  const std::string breaks_key = prefix + ".duration_breaks_months";
  if (const toml::node* breaks_node = t.get("duration_breaks_months"))
    spec.duration_breaks_months = c.increasing_breaks(*breaks_node, breaks_key, kMaxHazardBands - 1);

  const std::string hazard_key = prefix + ".hazard_per_month";
  const toml::node& hazard_node = c.required(t, prefix, "hazard_per_month");
  spec.hazard_per_month = c.numbers_in(hazard_node, hazard_key, 0, false, std::nullopt);
  const std::size_t bands = spec.duration_breaks_months.size() + 1;
  if (spec.hazard_per_month.size() != bands) {
    c.fail(hazard_node, fmt::format("{} has {} values but needs {}: one per band of duration_breaks_months",
                                    hazard_key, spec.hazard_per_month.size(), bands));
  }
  // Job finding follows the business cycle unless told otherwise; other moves do not.
  const toml::node* elasticity = t.get("cycle_elasticity");
  spec.cycle_elasticity =
      elasticity ? c.number(*elasticity, prefix + ".cycle_elasticity") : (spec.job_finding ? 1.0 : 0.0);
  return spec;
}

}  // namespace

std::vector<TransitionSpec> transitions(const TomlChecks& c, const toml::node* node,
                                        const std::vector<std::string>& state_names) {
  std::vector<TransitionSpec> specs;
  if (!node) return specs;
  const toml::array& entries = c.array(*node, "transitions");
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string prefix = fmt::format("transitions[{}]", i);
    TransitionSpec spec = transition(c, c.table(entries[i], prefix), prefix, state_names);
    const auto [it, fresh] = seen.emplace(std::pair{spec.from, spec.to}, i);
    if (!fresh) {
      c.fail(entries[i], fmt::format("{} repeats from = \"{}\", to = \"{}\" of transitions[{}]", prefix,
                                     spec.from, spec.to, it->second));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace labsim::models::detail
