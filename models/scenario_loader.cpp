// Reads a scenario: turns the merged TOML document into a Scenario, checking every key and value.
#include "models/scenario_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "models/did_you_mean.hpp"
#include "models/jobcentre_table.hpp"
#include "models/state_graph.hpp"
#include "models/toml_checks.hpp"
#include "models/toml_document.hpp"
#include "sim/input_error.hpp"

namespace labsim::models {
namespace {

using detail::did_you_mean;
using detail::Entries;
using detail::join_key;
using detail::kOverridePrefix;
using detail::show;
using detail::SourceOrder;
using detail::type_name;
using detail::where;
using sim::InputError;
namespace fs = std::filesystem;

// One method per section of the scenario; the typed reads they share live in TomlChecks.
class Checker : detail::TomlChecks {
 public:
  using TomlChecks::TomlChecks;

  Scenario check();
  const std::map<std::string, std::string, std::less<>>& locations() const { return locations_; }

 private:
  RunSettings run(const toml::table& table) const;
  Covariates covariates(const toml::table* table) const;
  std::vector<OfferSpec> offers(const toml::table* table);
  std::vector<StateSpec> states(const toml::table& table, const std::vector<std::string>& offer_names);
  FollowUpPolicy follow_up(const toml::table& table, const std::string& prefix,
                           const std::vector<std::string>& offer_names) const;
  std::vector<TransitionSpec> transitions(const toml::node* node,
                                          const std::vector<std::string>& state_names) const;
  TransitionSpec transition(const toml::table& table, const std::string& prefix,
                            const std::vector<std::string>& state_names) const;
  std::string jobcentres_path(const toml::table& population) const;

  std::map<std::string, std::string, std::less<>> locations_;  // "states.X" / "offers.X" -> "file:line"
};

RunSettings Checker::run(const toml::table& t) const {
  known_entries(t, "run", {"start", "months", "replications", "seed"});
  RunSettings run;
  const toml::node& start = required(t, "run", "start");
  const auto* date = start.as_date();
  if (!date) fail(start, fmt::format("run.start must be a date, not {}", type_name(start.type())));
  require(date->get().day == 1, start, "run.start", "must be the 1st of a month");
  run.start = std::chrono::year_month_day{std::chrono::year{date->get().year},
                                          std::chrono::month{date->get().month}, std::chrono::day{1}};

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

std::vector<OfferSpec> Checker::offers(const toml::table* t) {
  std::vector<OfferSpec> offers;
  if (!t) return offers;
  const Entries entries = order().entries(*t);
  if (entries.size() > kMaxOffers) {
    throw InputError(fmt::format("{}: offers declares {} offers; at most {} are allowed", where_table(*t),
                                 entries.size(), kMaxOffers));
  }
  for (const auto& [key, node] : entries) {
    const std::string prefix = join_key("offers", key->str());
    const toml::table& o = table(*node, prefix);
    known_entries(
        o, prefix,
        {"label", "duration_weeks", "places", "lock_in_multiplier", "post_multiplier", "post_months"});
    OfferSpec offer;
    offer.name = key->str();
    const toml::node* label = o.get("label");
    offer.label = label ? string(*label, prefix + ".label") : offer.name;
    offer.duration_weeks = number_in(o, prefix, "duration_weeks", std::nullopt, 0, true, std::nullopt);
    offer.places = number_in(o, prefix, "places", std::nullopt, 0, false, std::nullopt);
    offer.lock_in_multiplier = number_in(o, prefix, "lock_in_multiplier", 1.0, 0, true, std::nullopt);
    offer.post_multiplier = number_in(o, prefix, "post_multiplier", 1.0, 0, true, std::nullopt);
    offer.post_months = number_in(o, prefix, "post_months", 0.0, 0, false, std::nullopt);
    locations_.emplace("offers." + offer.name, where(o.source(), root_path()));
    offers.push_back(std::move(offer));
  }
  return offers;
}

FollowUpPolicy Checker::follow_up(const toml::table& t, const std::string& prefix,
                                  const std::vector<std::string>& offer_names) const {
  known_entries(t, prefix,
                {"first_interview_weeks", "interview_every_weeks", "offer_probability", "offer_mix"});
  FollowUpPolicy follow_up;
  follow_up.first_interview_weeks =
      number_in(t, prefix, "first_interview_weeks", std::nullopt, 0, true, std::nullopt);
  follow_up.interview_every_weeks =
      number_in(t, prefix, "interview_every_weeks", std::nullopt, 0, true, std::nullopt);
  follow_up.offer_probability = number_in(t, prefix, "offer_probability", std::nullopt, 0, false, 1.0);

  const std::string mix_key = prefix + ".offer_mix";
  const toml::node* mix_node = t.get("offer_mix");
  bool any_weight = false;
  if (mix_node) {
    const toml::table& mix = table(*mix_node, mix_key);
    for (const auto& [key, node] : order().entries(mix)) {
      const std::string offer_key = join_key(mix_key, key->str());
      if (std::find(offer_names.begin(), offer_names.end(), key->str()) == offer_names.end()) {
        throw InputError(fmt::format("{}: {} is not a declared offer{}", where(key->source(), root_path()),
                                     offer_key, did_you_mean(key->str(), offer_names)));
      }
      const double weight = number(*node, offer_key);
      require(weight >= 0, *node, offer_key, "must be >= 0");
      follow_up.offer_mix.emplace(key->str(), weight);
      any_weight = any_weight || weight > 0;
    }
  }
  if (follow_up.offer_probability > 0 && !any_weight) {
    const toml::node* blame = mix_node ? order().latest_value(*mix_node->as_table()) : nullptr;
    const std::string at = blame ? where(blame->source(), root_path()) : where_table(t);
    throw InputError(fmt::format("{}: {} needs a weight > 0 because offer_probability = {} is > 0", at,
                                 mix_key, follow_up.offer_probability));
  }
  return follow_up;
}

std::vector<StateSpec> Checker::states(const toml::table& t, const std::vector<std::string>& offer_names) {
  const Entries entries = order().entries(t);
  if (entries.empty())
    throw InputError(fmt::format("{}: states must declare at least one state", where_table(t)));
  if (entries.size() > kMaxStates) {
    throw InputError(fmt::format("{}: states declares {} states; at most {} are allowed", where_table(t),
                                 entries.size(), kMaxStates));
  }
  std::vector<StateSpec> states;
  for (const auto& [key, node] : entries) {
    const std::string prefix = join_key("states", key->str());
    const toml::table& s = table(*node, prefix);
    known_entries(s, prefix, {"label", "absorbing", "on_support", "follow_up"});
    StateSpec state;
    state.name = key->str();
    const toml::node* label = s.get("label");
    state.label = label ? string(*label, prefix + ".label") : state.name;
    if (const toml::node* absorbing = s.get("absorbing")) {
      state.absorbing = boolean(*absorbing, prefix + ".absorbing");
      // An extending file may set only this flag on an inherited state; point there, not at the parent.
      locations_.emplace("states." + state.name + ".absorbing", where(absorbing->source(), root_path()));
    }
    if (const toml::node* on_support = s.get("on_support")) {
      state.on_support = boolean(*on_support, prefix + ".on_support");
    }
    if (const toml::node* follow_up_node = s.get("follow_up")) {
      const std::string follow_up_key = prefix + ".follow_up";
      state.has_follow_up = true;
      state.follow_up.normal = follow_up(table(*follow_up_node, follow_up_key), follow_up_key, offer_names);
    }
    state.source_line = static_cast<int>(s.source().begin.line);
    locations_.emplace("states." + state.name, where(s.source(), root_path()));
    states.push_back(std::move(state));
  }
  return states;
}

TransitionSpec Checker::transition(const toml::table& t, const std::string& prefix,
                                   const std::vector<std::string>& state_names) const {
  known_entries(t, prefix, {"from", "to", "job_finding", "duration_breaks_months", "hazard_per_month"});
  TransitionSpec spec;
  spec.source_line = static_cast<int>(t.source().begin.line);
  for (const std::string_view end : {"from", "to"}) {
    const std::string key = join_key(prefix, end);
    const toml::node& node = required(t, prefix, end);
    const std::string& state = string(node, key);
    if (std::find(state_names.begin(), state_names.end(), state) == state_names.end()) {
      fail(node, fmt::format("{} = {} is not a declared state{}", key, show(node),
                             did_you_mean(state, state_names)));
    }
    (end == "from" ? spec.from : spec.to) = state;
  }
  if (spec.from == spec.to) {
    require(false, *t.get("to"), prefix + ".to", fmt::format("must differ from {}.from", prefix));
  }
  if (const toml::node* job_finding = t.get("job_finding"))
    spec.job_finding = boolean(*job_finding, prefix + ".job_finding");

  const std::string breaks_key = prefix + ".duration_breaks_months";
  if (const toml::node* breaks_node = t.get("duration_breaks_months")) {
    const toml::array& breaks = array(*breaks_node, breaks_key);
    if (breaks.size() + 1 > kMaxHazardBands) {
      fail(*breaks_node, fmt::format("{} has {} breaks; at most {} are allowed", breaks_key, breaks.size(),
                                     kMaxHazardBands - 1));
    }
    for (std::size_t i = 0; i < breaks.size(); ++i) {
      const std::string key = fmt::format("{}[{}]", breaks_key, i);
      const double value = number(breaks[i], key);
      require(value > 0, breaks[i], key, "must be > 0");
      if (i > 0) {
        require(value > spec.duration_breaks_months.back(), breaks[i], key,
                fmt::format("must be > the break before it ({})", spec.duration_breaks_months.back()));
      }
      spec.duration_breaks_months.push_back(value);
    }
  }

  const std::string hazard_key = prefix + ".hazard_per_month";
  const toml::node& hazard_node = required(t, prefix, "hazard_per_month");
  const toml::array& hazards = array(hazard_node, hazard_key);
  for (std::size_t i = 0; i < hazards.size(); ++i) {
    const std::string key = fmt::format("{}[{}]", hazard_key, i);
    const double value = number(hazards[i], key);
    require(value >= 0, hazards[i], key, "must be >= 0");
    spec.hazard_per_month.push_back(value);
  }
  const std::size_t bands = spec.duration_breaks_months.size() + 1;
  if (hazards.size() != bands) {
    fail(hazard_node, fmt::format("{} has {} values but needs {}: one per band of duration_breaks_months",
                                  hazard_key, hazards.size(), bands));
  }
  return spec;
}

std::vector<TransitionSpec> Checker::transitions(const toml::node* node,
                                                 const std::vector<std::string>& state_names) const {
  std::vector<TransitionSpec> specs;
  if (!node) return specs;
  const toml::array& entries = array(*node, "transitions");
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string prefix = fmt::format("transitions[{}]", i);
    TransitionSpec spec = transition(table(entries[i], prefix), prefix, state_names);
    const auto [it, fresh] = seen.emplace(std::pair{spec.from, spec.to}, i);
    if (!fresh) {
      fail(entries[i], fmt::format("{} repeats from = \"{}\", to = \"{}\" of transitions[{}]", prefix,
                                   spec.from, spec.to, it->second));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

// Relative to the file that declared it; an override's path is relative to the working directory, like every
// other path typed on the command line.
std::string Checker::jobcentres_path(const toml::table& population) const {
  known_entries(population, "population", {"jobcentres"});
  const toml::node& node = required(population, "population", "jobcentres");
  const std::string& file = string(node, "population.jobcentres");
  require(!file.empty(), node, "population.jobcentres", "must name a file");
  const auto& source = node.source().path;
  if (!source || source->starts_with(kOverridePrefix)) return file;
  return (fs::path(*source).parent_path() / file).string();
}

Scenario Checker::check() {
  known_entries(root(), "",
                {"name", "description", "extends", "run", "population", "covariates", "states", "transitions",
                 "offers"});
  Scenario scenario;
  const toml::node* name = root().get("name");
  scenario.name = name ? string(*name, "name") : fs::path(root_path()).stem().string();
  if (const toml::node* description = root().get("description")) {
    scenario.description = string(*description, "description");
  }
  scenario.run = run(table(required(root(), "", "run"), "run"));
  scenario.jobcentres_path = jobcentres_path(table(required(root(), "", "population"), "population"));
  const toml::node* covariates_node = root().get("covariates");
  scenario.covariates = covariates(covariates_node ? &table(*covariates_node, "covariates") : nullptr);
  const toml::node* offers_node = root().get("offers");
  scenario.offers = offers(offers_node ? &table(*offers_node, "offers") : nullptr);

  std::vector<std::string> offer_names;
  for (const OfferSpec& offer : scenario.offers) offer_names.push_back(offer.name);
  scenario.states = states(table(required(root(), "", "states"), "states"), offer_names);
  std::vector<std::string> state_names;
  for (const StateSpec& state : scenario.states) state_names.push_back(state.name);
  scenario.transitions = transitions(root().get("transitions"), state_names);
  return scenario;
}

}  // namespace

Scenario load_scenario(const fs::path& path, const std::vector<std::string>& overrides) {
  const std::string shown = path.string();
  try {
    SourceOrder order;
    toml::table root = detail::read_document(path, overrides, order);

    Checker checker(root, shown, order);
    Scenario scenario = checker.check();
    scenario.path = shown;
    scenario.jobcentres = detail::read_jobcentres(scenario.jobcentres_path, scenario.states);
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

}  // namespace labsim::models
