// Reads a scenario: turns the merged TOML document into a Scenario, checking every key and value.
#include "models/scenario/scenario_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/checks/caseworker_checks.hpp"
#include "models/scenario/checks/cohort_checks.hpp"
#include "models/scenario/checks/contact_checks.hpp"
#include "models/scenario/checks/jobcentre_table.hpp"
#include "models/scenario/checks/money_checks.hpp"
#include "models/scenario/checks/offer_checks.hpp"
#include "models/scenario/checks/programme_checks.hpp"
#include "models/scenario/checks/scenario_checks.hpp"
#include "models/scenario/checks/state_checks.hpp"
#include "models/scenario/checks/toml_checks.hpp"
#include "models/scenario/checks/toml_document.hpp"
#include "models/scenario/checks/transition_checks.hpp"
#include "models/scenario/checks/trial_checks.hpp"
#include "models/scenario/csv_table.hpp"
#include "models/scenario/state_graph.hpp"
#include "sim/input_error.hpp"

namespace labsim::models {
namespace {

using detail::join_key;
using detail::kOverridePrefix;
using detail::SourceOrder;
using sim::InputError;
namespace fs = std::filesystem;

// Reads the whole document; the sections with many keys have their own files (see the includes above).
class Checker : public detail::ScenarioChecks {
 public:
  using ScenarioChecks::ScenarioChecks;

  Scenario check();

 private:
  RunSettings run(const toml::table& table) const;
  void population(const toml::table& table, Scenario& scenario) const;
  Covariates covariates(const toml::table* table) const;
  BusinessCycle business_cycle(const toml::table* table) const;
  Calibration calibration(const toml::table* table);
  const toml::table* optional_table(std::string_view key) const;
};

RunSettings Checker::run(const toml::table& t) const {
  known_entries(t, "run", {"start", "months", "replications", "seed"});
  RunSettings run;
  const toml::node& start = required(t, "run", "start");
  run.start = date(start, "run.start");
  require(run.start.day() == std::chrono::day{1}, start, "run.start", "must be the 1st of a month");

  const toml::node& months = required(t, "run", "months");
  const std::int64_t m = integer(months, "run.months");
  require(m >= 1 && m <= 1200, months, "run.months", "must be in [1, 1200]");
  run.months = static_cast<int>(m);

  const toml::node& replications = required(t, "run", "replications");
  const std::int64_t r = integer(replications, "run.replications");
  require(r >= 1 && r <= 100000, replications, "run.replications", "must be in [1, 100000]");
  run.replications = static_cast<int>(r);

  const toml::node& seed = required(t, "run", "seed");
  const std::int64_t s = integer(seed, "run.seed");
  require(s >= 0, seed, "run.seed", "must be >= 0");
  run.seed = static_cast<std::uint64_t>(s);
  return run;
}

Covariates Checker::covariates(const toml::table* t) const {
  Covariates covariates;
  if (!t) return covariates;
  for (const auto& [key, node] : known_entries(*t, "covariates", {"under_30", "non_western"})) {
    const std::string prefix = join_key("covariates", key->str());
    const toml::table& effect_table = table(*node, prefix);
    known_entries(effect_table, prefix, {"job_finding", "other"});
    CovariateEffect& effect = key->str() == "under_30" ? covariates.under_30 : covariates.non_western;
    effect.job_finding = number_in(effect_table, prefix, "job_finding", 1.0, 0, true, std::nullopt);
    effect.other = number_in(effect_table, prefix, "other", 1.0, 0, true, std::nullopt);
  }
  return covariates;
}

// The jobcentre CSV is relative to the file that declared it; an override's path is relative to the working
// directory, like every other path typed on the command line.
void Checker::population(const toml::table& population, Scenario& scenario) const {
  known_entries(population, "population", {"jobcentres", "initial_durations"});
  const toml::node& node = required(population, "population", "jobcentres");
  const std::string& file = string(node, "population.jobcentres");
  require(!file.empty(), node, "population.jobcentres", "must name a file");
  const auto& source = node.source().path;
  const bool relative_to_file = source && !source->starts_with(kOverridePrefix);
  scenario.jobcentres_path = relative_to_file ? (fs::path(*source).parent_path() / file).string() : file;
  if (const toml::node* durations = population.get("initial_durations")) {
    scenario.initial_durations = static_cast<InitialDurations>(
        choice(*durations, "population.initial_durations", {"zero", "stationary"}));
  }
}

BusinessCycle Checker::business_cycle(const toml::table* t) const {
  BusinessCycle cycle;
  if (!t) return cycle;
  known_entries(*t, "business_cycle", {"index", "volatility_per_month"});
  if (const toml::node* index = t->get("index")) {
    cycle.index = numbers_in(*index, "business_cycle.index", 0, true, std::nullopt);
    if (cycle.index.empty()) fail(*index, "business_cycle.index must have at least one value");
  }
  cycle.volatility_per_month = number_in(*t, "business_cycle", "volatility_per_month", 0.0, 0, false, 1.0);
  return cycle;
}

Calibration Checker::calibration(const toml::table* t) {
  Calibration calibration;
  if (!t) return calibration;
  const auto multipliers = [&](const toml::node& node, const std::string& key) {
    return numbers_by_name(node, key, &state_names(), "state", 0, true, std::nullopt);
  };
  for (const auto& [key, node] :
       known_entries(*t, "calibration",
                     {"exit_multiplier", "inflow_multiplier", "jobcentre_exit_multiplier", "turnover"})) {
    const std::string prefix = join_key("calibration", key->str());
    if (key->str() == "turnover") {
      calibration.turnover = number_in(*node, prefix, 0, true, std::nullopt);
    } else if (key->str() == "exit_multiplier") {
      calibration.exit_multiplier = multipliers(*node, prefix);
    } else if (key->str() == "inflow_multiplier") {
      calibration.inflow_multiplier = multipliers(*node, prefix);
    } else {
      for (const auto& [name, by_state] : order().entries(table(*node, prefix))) {
        const std::string jobcentre_key = join_key(prefix, name->str());
        uses_jobcentre(jobcentre_key, std::string(name->str()), name->source());
        calibration.jobcentre_exit_multiplier[std::string(name->str())] =
            multipliers(*by_state, jobcentre_key);
      }
    }
  }
  return calibration;
}

const toml::table* Checker::optional_table(std::string_view key) const {
  const toml::node* node = root().get(key);
  return node ? &table(*node, std::string(key)) : nullptr;
}

Scenario Checker::check() {
  known_entries(root(), "",
                {"name", "description", "extends", "run", "population", "covariates", "states", "transitions",
                 "offers", "business_cycle", "caseworkers", "money", "cohorts", "trial", "calibration",
                 "programmes", "contact_forms", "pools"});
  Scenario scenario;
  const toml::node* name = root().get("name");
  scenario.name = name ? string(*name, "name") : fs::path(root_path()).stem().string();
  if (const toml::node* description = root().get("description")) {
    scenario.description = string(*description, "description");
  }
  scenario.run = run(table(required(root(), "", "run"), "run"));
  population(table(required(root(), "", "population"), "population"), scenario);
  scenario.covariates = covariates(optional_table("covariates"));
  scenario.offers = detail::offers(*this, optional_table("offers"), scenario.run.months);
  scenario.states = detail::states(*this, table(required(root(), "", "states"), "states"), scenario.offers);
  scenario.pools = detail::pools(*this, optional_table("pools"), scenario.run.months);
  scenario.contact_forms = detail::contact_forms(*this, optional_table("contact_forms"), scenario.pools);
  scenario.programmes = detail::programmes(*this, optional_table("programmes"), scenario.states,
                                           scenario.offers, scenario.contact_forms);
  detail::choose_programmes(*this, scenario.states, scenario.programmes);
  std::vector<std::string> state_names;
  for (const StateSpec& state : scenario.states) state_names.push_back(state.name);
  scenario.transitions = detail::transitions(*this, root().get("transitions"), state_names);
  scenario.business_cycle = business_cycle(optional_table("business_cycle"));
  scenario.caseworkers = detail::caseworkers(*this, optional_table("caseworkers"), scenario.run.months);
  scenario.money = detail::money(*this, optional_table("money"));
  scenario.cohorts =
      detail::cohorts(*this, root().get("cohorts"), scenario.run, scenario.states, scenario.programmes);
  scenario.calibration = calibration(optional_table("calibration"));
  if (const toml::node* trial = root().get("trial"))
    scenario.trial =
        detail::trial(*this, *trial, scenario.states, scenario.offers, scenario.programmes, scenario.run);
  return scenario;
}

// load_scenario with its input files read through `read_text`.
Scenario load(const fs::path& path, const std::vector<std::string>& overrides,
              const detail::ReadText& read_text) {
  const std::string shown = path.string();
  try {
    SourceOrder order;
    toml::table root = detail::read_document(path, overrides, order, read_text);

    Checker checker(root, shown, order);
    Scenario scenario = checker.check();
    scenario.path = shown;
    scenario.jobcentres = detail::read_jobcentres(
        CsvTable::parse(read_text(scenario.jobcentres_path), scenario.jobcentres_path), scenario.states);
    checker.check_jobcentre_names(scenario.jobcentres, scenario.jobcentres_path);
    detail::check_caseworker_capacity(checker, scenario.caseworkers, scenario.jobcentres);
    validate_state_graph(scenario, [&checker, &shown](std::string_view key) {
      for (;; key = key.substr(0, key.rfind('.'))) {
        if (const auto it = checker.locations().find(key); it != checker.locations().end()) return it->second;
        if (key.find('.') == std::string_view::npos) return shown;
      }
    });

    // The provenance copy names the scenario even when the name came from the file stem.
    if (!root.contains("name")) root.insert("name", scenario.name);
    std::ostringstream text;
    // Full float precision (the default) so that the text reads back as exactly the values that were run.
    text << toml::toml_formatter{root,
                                 toml::toml_formatter::default_flags & ~toml::format_flags::indentation};
    scenario.resolved_text = text.str();
    return scenario;
  } catch (const fs::filesystem_error& e) {
    throw InputError(
        fmt::format("{}: {}", e.path1().empty() ? shown : e.path1().string(), e.code().message()));
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}: syntax error: {}", shown, e.description()));
  }
}

}  // namespace

Scenario load_scenario(const fs::path& path, const std::vector<std::string>& overrides) {
  return load(path, overrides, [](const std::string& file) { return read_text_file(file); });
}

ScenarioDocument ScenarioDocument::read(const fs::path& path, const std::vector<std::string>& overrides) {
  ScenarioDocument document;
  document.path_ = path;
  // The files are the ones a load reads, so a load through a recorder holds each of them once.
  load(path, overrides, [&document](const std::string& file) {
    return document.texts_.try_emplace(file, read_text_file(file)).first->second;
  });
  return document;
}

Scenario ScenarioDocument::compile(const std::vector<std::string>& overrides) const {
  return load(path_, overrides, [this](const std::string& file) { return text(file); });
}

std::string ScenarioDocument::text(const std::string& file) const {
  const auto held = texts_.find(file);
  return held != texts_.end() ? held->second : read_text_file(file);
}

}  // namespace labsim::models
