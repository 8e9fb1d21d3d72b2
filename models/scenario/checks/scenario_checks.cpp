// Declared names and recorded locations shared by the scenario's section checks.
#include "models/scenario/checks/scenario_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "models/scenario/did_you_mean.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

std::vector<std::string> names_of(const toml::table& root, std::string_view key, const SourceOrder& order) {
  std::vector<std::string> names;
  if (const toml::table* table = root[key].as_table()) {
    for (const auto& [name, node] : order.entries(*table)) names.emplace_back(name->str());
  }
  return names;
}

}  // namespace

ScenarioChecks::ScenarioChecks(const toml::table& root, std::string root_path, const SourceOrder& order)
    : TomlChecks(root, std::move(root_path), order),
      state_names_(names_of(root, "states", order)),
      offer_names_(names_of(root, "offers", order)) {}

void ScenarioChecks::locate(const std::string& key, const toml::source_region& source) {
  locations_.emplace(key, where(source, root_path()));
}

void ScenarioChecks::uses_jobcentre(std::string subject, std::string name,
                                    const toml::source_region& source) {
  jobcentre_uses_.push_back({std::move(subject), std::move(name), where(source, root_path())});
}

std::map<std::string, double> ScenarioChecks::numbers_by_jobcentre(const toml::node& node,
                                                                   const std::string& key) {
  std::map<std::string, double> values = numbers_by_name(node, key, nullptr, "", 0, false, std::nullopt);
  for (const auto& [name, value] : order().entries(*node.as_table())) {
    uses_jobcentre(join_key(key, name->str()), std::string(name->str()), name->source());
  }
  return values;
}

void ScenarioChecks::check_jobcentre_names(const std::vector<JobcentreSpec>& jobcentres,
                                           const std::string& csv_path) const {
  std::vector<std::string> names;
  for (const JobcentreSpec& jc : jobcentres) names.push_back(jc.name);
  for (const JobcentreUse& use : jobcentre_uses_) {
    if (std::find(names.begin(), names.end(), use.name) == names.end()) {
      throw sim::InputError(fmt::format("{}: {} is not a jobcentre in {}{}", use.where, use.subject, csv_path,
                                        did_you_mean(use.name, names)));
    }
  }
}

}  // namespace labsim::models::detail
