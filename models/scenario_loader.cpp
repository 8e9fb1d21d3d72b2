// Reads a scenario: parses TOML, merges `extends` parents and --set overrides, checks every key and value.
#include "models/scenario_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>
#include <utility>

#include "models/csv_table.hpp"
#include "models/state_graph.hpp"
#include "sim/input_error.hpp"

namespace labsim::models {
namespace {

using sim::InputError;
namespace fs = std::filesystem;

// An override is parsed as a tiny TOML document whose source "path" is the override itself, so every node it
// contributes carries that through the merge. Errors about such nodes print it in place of "file:line": a
// command line has no line numbers.
constexpr std::string_view kOverridePrefix = "--set ";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string join_key(std::string_view prefix, std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  const std::string shown = bare ? std::string(key) : fmt::format("\"{}\"", key);
  return prefix.empty() ? shown : fmt::format("{}.{}", prefix, shown);
}

// Optimal string alignment distance: a swapped pair of letters counts as one typo.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// " (did you mean 'x'?)" when one candidate is within about a third of the word's length, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best ? fmt::format(" (did you mean '{}'?)", *best) : std::string{};
}

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// A value as it appears in messages: `-3`, `0.5`, `"sick"`, `2011-01-15`.
std::string show(const toml::node& node) {
  if (const auto* v = node.as_integer()) return fmt::format("{}", v->get());
  if (const auto* v = node.as_floating_point()) return fmt::format("{}", v->get());
  if (const auto* v = node.as_string()) return fmt::format("\"{}\"", v->get());
  if (const auto* v = node.as_boolean()) return v->get() ? "true" : "false";
  if (const auto* v = node.as_date()) {
    return fmt::format("{:04}-{:02}-{:02}", v->get().year, v->get().month, v->get().day);
  }
  return std::string(type_name(node.type()));
}

// "file:line", or the override's text for nodes that came from --set.
std::string where(const toml::source_region& source, const std::string& fallback) {
  if (!source.path) return fallback;
  if (source.path->starts_with(kOverridePrefix)) return *source.path;
  return fmt::format("{}:{}", *source.path, source.begin.line);
}

using Entries = std::vector<std::pair<const toml::key*, const toml::node*>>;

// Tables are maps sorted by key; states, offers and errors follow the files instead: parents first, then the
// extending file, then overrides, each in line order.
class SourceOrder {
 public:
  void add(const std::string& source) { ranks_.emplace(source, static_cast<int>(ranks_.size())); }

  Entries entries(const toml::table& table) const {
    Entries entries;
    for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
    std::stable_sort(entries.begin(), entries.end(), [this](const auto& a, const auto& b) {
      return rank(a.first->source()) < rank(b.first->source());
    });
    return entries;
  }

  // The value that was set last (an override beats the file it overrides), e.g. to blame for a bad total.
  const toml::node* latest_value(const toml::table& table) const {
    const toml::node* latest = nullptr;
    for (auto&& [key, node] : table) {
      if (!latest || rank(latest->source()) < rank(node.source())) latest = &node;
    }
    return latest;
  }

 private:
  std::tuple<int, unsigned, unsigned> rank(const toml::source_region& source) const {
    const auto it = source.path ? ranks_.find(*source.path) : ranks_.end();
    const int file = it == ranks_.end() ? static_cast<int>(ranks_.size()) : it->second;
    return {file, source.begin.line, source.begin.column};
  }

  std::map<std::string, int, std::less<>> ranks_;
};

// --- Reading and merging documents -------------------------------------------------------------------------

toml::table parse_document(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, std::string_view{source});
  } catch (const toml::parse_error& e) {
    std::string description(e.description());
    if (!description.empty()) description[0] = static_cast<char>(std::tolower(description[0]));
    throw InputError(fmt::format("{}:{}: syntax error: {}", source, e.source().begin.line, description));
  }
}

bool same_pair(const toml::node& a, const toml::node& b) {
  const auto* ta = a.as_table();
  const auto* tb = b.as_table();
  if (!ta || !tb) return false;
  const auto from = (*ta)["from"].value<std::string>();
  const auto to = (*ta)["to"].value<std::string>();
  return from && to && from == (*tb)["from"].value<std::string>() && to == (*tb)["to"].value<std::string>();
}

// A child's transition with the (from, to) of an inherited one replaces it in place; others are appended.
void merge_transitions(toml::array& base, toml::array&& top) {
  const std::size_t inherited = base.size();
  std::vector<bool> replaced(inherited, false);
  for (toml::node& entry : top) {
    std::optional<std::size_t> match;
    for (std::size_t i = 0; i < inherited && !match; ++i) {
      if (!replaced[i] && same_pair(base[i], entry)) match = i;
    }
    if (match) {
      base.replace(base.cbegin() + static_cast<std::ptrdiff_t>(*match), std::move(entry));
      replaced[*match] = true;
    } else {
      base.push_back(std::move(entry));
    }
  }
}

// Tables merge key by key; anything else is replaced. Nodes are moved, never copied, because a copied toml++
// node loses its source region, and errors must still name the file each value came from.
void merge_into(toml::table& base, toml::table&& top, bool transitions_by_pair) {
  for (auto&& [key, node] : top) {
    toml::node* existing = base.get(key.str());
    if (existing && existing->is_table() && node.is_table()) {
      merge_into(*existing->as_table(), std::move(*node.as_table()), false);
    } else if (transitions_by_pair && key.str() == "transitions" && existing && existing->is_array() &&
               node.is_array()) {
      merge_transitions(*existing->as_array(), std::move(*node.as_array()));
    } else {
      base.insert_or_assign(key, std::move(node));
    }
  }
}

fs::path file_identity(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? fs::absolute(path).lexically_normal() : canonical;
}

struct ChainLink {
  fs::path identity;
  std::string shown;
};

toml::table load_with_parents(const std::string& shown, std::vector<ChainLink>& chain, SourceOrder& order) {
  toml::table doc = parse_document(read_text_file(shown), shown);
  toml::node* extends = doc.get("extends");
  if (!extends) {
    order.add(shown);
    return doc;
  }
  const auto* parent_name = extends->as_string();
  if (!parent_name || parent_name->get().empty()) {
    throw InputError(fmt::format("{}: extends must be a file name, not {}", where(extends->source(), shown),
                                 parent_name ? "an empty string" : type_name(extends->type())));
  }
  const std::string parent = (fs::path(shown).parent_path() / parent_name->get()).string();
  const fs::path identity = file_identity(parent);
  if (std::any_of(chain.begin(), chain.end(),
                  [&](const ChainLink& link) { return link.identity == identity; })) {
    std::string cycle;
    for (const ChainLink& link : chain) cycle += link.shown + " -> ";
    throw InputError(fmt::format("{}: extends = {} makes a cycle: {}{}", where(extends->source(), shown),
                                 show(*extends), cycle, parent));
  }
  chain.push_back({identity, parent});
  toml::table base = load_with_parents(parent, chain, order);
  chain.pop_back();

  // A name and description describe one file; inheriting them would give two scenarios the same name.
  base.erase("name");
  base.erase("description");
  doc.erase("extends");
  merge_into(base, std::move(doc), true);
  order.add(shown);
  return base;
}

// "v = <text>" if that is one TOML value, else <text> as a string; either way a node whose source is
// `source`.
toml::table parse_override_value(const std::string& text, const std::string& source) {
  try {
    toml::table doc = toml::parse(fmt::format("v = {}", text), std::string_view{source});
    if (doc.size() == 1 && doc.contains("v")) return doc;
  } catch (const toml::parse_error&) {
  }
  std::ostringstream quoted;
  quoted << toml::toml_formatter{toml::table{{"v", text}}};
  return parse_document(quoted.str(), source);
}

void apply_override(toml::table& root, const std::string& text, SourceOrder& order) {
  const std::string source = fmt::format("{}{}", kOverridePrefix, text);
  const auto equals = text.find('=');
  const std::string key(trim(std::string_view(text).substr(0, equals)));
  if (equals == std::string::npos || key.empty()) {
    throw InputError(fmt::format("{}: expected key=value, e.g. --set run.months=12", source));
  }
  // The key path is parsed as TOML too (quoted keys work), and must be one chain of tables ending in a value.
  toml::table doc;
  try {
    doc = toml::parse(fmt::format("{} = 0", key), std::string_view{source});
  } catch (const toml::parse_error&) {
  }
  toml::table* leaf_table = &doc;
  while (leaf_table->size() == 1 && leaf_table->begin()->second.is_table()) {
    leaf_table = leaf_table->begin()->second.as_table();
  }
  if (leaf_table->size() != 1) throw InputError(fmt::format("{}: '{}' is not a valid key", source, key));
  if (doc.contains("extends")) {
    throw InputError(
        fmt::format("{}: extends cannot be overridden; write a scenario that extends the file", source));
  }
  toml::table value =
      parse_override_value(std::string(trim(std::string_view(text).substr(equals + 1))), source);
  leaf_table->insert_or_assign(leaf_table->begin()->first, std::move(*value.get("v")));
  merge_into(root, std::move(doc), false);
  order.add(source);
}

// --- Checking the merged document --------------------------------------------------------------------------

class Checker {
 public:
  Checker(const toml::table& root, std::string root_path, const SourceOrder& order)
      : root_(root), root_path_(std::move(root_path)), order_(order) {}

  Scenario check();
  const std::map<std::string, std::string, std::less<>>& locations() const { return locations_; }

 private:
  [[noreturn]] void fail(const toml::node& at, std::string_view message) const {
    throw InputError(fmt::format("{}: {}", where(at.source(), root_path_), message));
  }
  // Missing keys are reported at their enclosing table, and at line 1 for the root.
  std::string where_table(const toml::table& table) const {
    return &table == &root_ ? fmt::format("{}:1", root_path_) : where(table.source(), root_path_);
  }

  Entries known_entries(const toml::table& table, const std::string& prefix,
                        const std::vector<std::string>& allowed) const;
  const toml::node& required(const toml::table& table, const std::string& prefix, std::string_view key) const;
  const toml::table& table(const toml::node& node, const std::string& key) const;
  const toml::array& array(const toml::node& node, const std::string& key) const;
  const std::string& string(const toml::node& node, const std::string& key) const;
  bool boolean(const toml::node& node, const std::string& key) const;
  std::int64_t integer(const toml::node& node, const std::string& key) const;
  double number(const toml::node& node, const std::string& key) const;
  void require(bool ok, const toml::node& node, const std::string& key, std::string_view rule) const {
    if (!ok) fail(node, fmt::format("{} = {} {}", key, show(node), rule));
  }
  double number_in(const toml::table& table, const std::string& prefix, std::string_view name,
                   std::optional<double> fallback, double low, bool low_open,
                   std::optional<double> high) const;

  RunSettings run(const toml::table& table) const;
  Covariates covariates(const toml::table* table) const;
  std::vector<OfferSpec> offers(const toml::table* table);
  std::vector<StateSpec> states(const toml::table& table, const std::vector<std::string>& offer_names);
  FollowUp follow_up(const toml::table& table, const std::string& prefix,
                     const std::vector<std::string>& offer_names) const;
  std::vector<TransitionSpec> transitions(const toml::node* node,
                                          const std::vector<std::string>& state_names) const;
  TransitionSpec transition(const toml::table& table, const std::string& prefix,
                            const std::vector<std::string>& state_names) const;
  std::string jobcentres_path(const toml::table& population) const;

  const toml::table& root_;
  std::string root_path_;
  const SourceOrder& order_;
  std::map<std::string, std::string, std::less<>> locations_;  // "states.X" / "offers.X" -> "file:line"
};

Entries Checker::known_entries(const toml::table& table, const std::string& prefix,
                               const std::vector<std::string>& allowed) const {
  Entries entries = order_.entries(table);
  for (const auto& [key, node] : entries) {
    if (std::find(allowed.begin(), allowed.end(), key->str()) == allowed.end()) {
      throw InputError(fmt::format("{}: unknown key '{}'{}", where(key->source(), root_path_),
                                   join_key(prefix, key->str()), did_you_mean(key->str(), allowed)));
    }
  }
  return entries;
}

const toml::node& Checker::required(const toml::table& table, const std::string& prefix,
                                    std::string_view key) const {
  if (const toml::node* node = table.get(key)) return *node;
  throw InputError(fmt::format("{}: {} is required", where_table(table), join_key(prefix, key)));
}

const toml::table& Checker::table(const toml::node& node, const std::string& key) const {
  if (const auto* t = node.as_table()) return *t;
  fail(node, fmt::format("{} must be a table, not {}", key, type_name(node.type())));
}

const toml::array& Checker::array(const toml::node& node, const std::string& key) const {
  if (const auto* a = node.as_array()) return *a;
  fail(node, fmt::format("{} must be an array, not {}", key, type_name(node.type())));
}

const std::string& Checker::string(const toml::node& node, const std::string& key) const {
  if (const auto* s = node.as_string()) return s->get();
  fail(node, fmt::format("{} must be a string, not {}", key, type_name(node.type())));
}

bool Checker::boolean(const toml::node& node, const std::string& key) const {
  if (const auto* b = node.as_boolean()) return b->get();
  fail(node, fmt::format("{} must be true or false, not {}", key, type_name(node.type())));
}

std::int64_t Checker::integer(const toml::node& node, const std::string& key) const {
  if (const auto* i = node.as_integer()) return i->get();
  fail(node, fmt::format("{} must be an integer, not {}", key, type_name(node.type())));
}

double Checker::number(const toml::node& node, const std::string& key) const {
  double value = 0;
  if (const auto* i = node.as_integer()) {
    value = static_cast<double>(i->get());
  } else if (const auto* f = node.as_floating_point()) {
    value = f->get();
  } else {
    fail(node, fmt::format("{} must be a number, not {}", key, type_name(node.type())));
  }
  require(std::isfinite(value), node, key, "must be finite");
  return value;
}

// A number with a lower bound (open or closed), an optional upper bound and, when optional, a default.
double Checker::number_in(const toml::table& table, const std::string& prefix, std::string_view name,
                          std::optional<double> fallback, double low, bool low_open,
                          std::optional<double> high) const {
  const std::string key = join_key(prefix, name);
  const toml::node* found = table.get(name);
  if (!found && fallback) return *fallback;
  const toml::node& node = found ? *found : required(table, prefix, name);
  const double value = number(node, key);
  if (high) {
    require(value >= low && value <= *high, node, key, fmt::format("must be in [{}, {}]", low, *high));
  } else if (low_open) {
    require(value > low, node, key, fmt::format("must be > {}", low));
  } else {
    require(value >= low, node, key, fmt::format("must be >= {}", low));
  }
  return value;
}

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
  const Entries entries = order_.entries(*t);
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
    locations_.emplace("offers." + offer.name, where(o.source(), root_path_));
    offers.push_back(std::move(offer));
  }
  return offers;
}

FollowUp Checker::follow_up(const toml::table& t, const std::string& prefix,
                            const std::vector<std::string>& offer_names) const {
  known_entries(t, prefix,
                {"first_interview_weeks", "interview_every_weeks", "offer_probability", "offer_mix"});
  FollowUp follow_up;
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
    for (const auto& [key, node] : order_.entries(mix)) {
      const std::string offer_key = join_key(mix_key, key->str());
      if (std::find(offer_names.begin(), offer_names.end(), key->str()) == offer_names.end()) {
        throw InputError(fmt::format("{}: {} is not a declared offer{}", where(key->source(), root_path_),
                                     offer_key, did_you_mean(key->str(), offer_names)));
      }
      const double weight = number(*node, offer_key);
      require(weight >= 0, *node, offer_key, "must be >= 0");
      follow_up.offer_mix.emplace(key->str(), weight);
      any_weight = any_weight || weight > 0;
    }
  }
  if (follow_up.offer_probability > 0 && !any_weight) {
    const toml::node* blame = mix_node ? order_.latest_value(*mix_node->as_table()) : nullptr;
    const std::string at = blame ? where(blame->source(), root_path_) : where_table(t);
    throw InputError(fmt::format("{}: {} needs a weight > 0 because offer_probability = {} is > 0", at,
                                 mix_key, follow_up.offer_probability));
  }
  return follow_up;
}

std::vector<StateSpec> Checker::states(const toml::table& t, const std::vector<std::string>& offer_names) {
  const Entries entries = order_.entries(t);
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
      locations_.emplace("states." + state.name + ".absorbing", where(absorbing->source(), root_path_));
    }
    if (const toml::node* on_support = s.get("on_support")) {
      state.on_support = boolean(*on_support, prefix + ".on_support");
    }
    if (const toml::node* follow_up_node = s.get("follow_up")) {
      const std::string follow_up_key = prefix + ".follow_up";
      state.has_follow_up = true;
      state.follow_up = follow_up(table(*follow_up_node, follow_up_key), follow_up_key, offer_names);
    }
    state.source_line = static_cast<int>(s.source().begin.line);
    locations_.emplace("states." + state.name, where(s.source(), root_path_));
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
  known_entries(root_, "",
                {"name", "description", "extends", "run", "population", "covariates", "states", "transitions",
                 "offers"});
  Scenario scenario;
  const toml::node* name = root_.get("name");
  scenario.name = name ? string(*name, "name") : fs::path(root_path_).stem().string();
  if (const toml::node* description = root_.get("description")) {
    scenario.description = string(*description, "description");
  }
  scenario.run = run(table(required(root_, "", "run"), "run"));
  scenario.jobcentres_path = jobcentres_path(table(required(root_, "", "population"), "population"));
  const toml::node* covariates_node = root_.get("covariates");
  scenario.covariates = covariates(covariates_node ? &table(*covariates_node, "covariates") : nullptr);
  const toml::node* offers_node = root_.get("offers");
  scenario.offers = offers(offers_node ? &table(*offers_node, "offers") : nullptr);

  std::vector<std::string> offer_names;
  for (const OfferSpec& offer : scenario.offers) offer_names.push_back(offer.name);
  scenario.states = states(table(required(root_, "", "states"), "states"), offer_names);
  std::vector<std::string> state_names;
  for (const StateSpec& state : scenario.states) state_names.push_back(state.name);
  scenario.transitions = transitions(root_.get("transitions"), state_names);
  return scenario;
}

// --- The jobcentre table -----------------------------------------------------------------------------------

std::vector<JobcentreSpec> read_jobcentres(const std::string& path, const std::vector<StateSpec>& states) {
  const CsvTable csv = CsvTable::read(path);
  constexpr std::string_view kInflowSuffix = "_inflow_per_month";
  std::vector<std::string> known = {"jobcentre", "under_30_share", "non_western_share"};
  for (const StateSpec& state : states) {
    known.push_back(state.name);
    known.push_back(state.name + std::string(kInflowSuffix));
  }
  for (const std::string& column : csv.columns()) {
    if (std::find(known.begin(), known.end(), column) == known.end()) {
      throw InputError(
          fmt::format("{}: unknown column '{}'{}", csv.where_header(), column, did_you_mean(column, known)));
    }
  }
  const auto name_column = csv.find_column("jobcentre");
  if (!name_column) throw InputError(fmt::format("{}: missing column 'jobcentre'", csv.where_header()));
  if (csv.row_count() == 0) throw InputError(fmt::format("{}: no jobcentre rows", csv.where_header()));

  const auto value = [&csv](std::size_t row, std::optional<std::size_t> column, double high) {
    if (!column) return 0.0;
    const double v = csv.number(row, *column);
    if (v < 0 || v > high) {
      const std::string rule = std::isinf(high) ? "must be >= 0" : fmt::format("must be in [0, {}]", high);
      throw InputError(fmt::format("{}: column '{}' = {} {}", csv.where(row), csv.columns()[*column],
                                   csv.text(row, *column), rule));
    }
    return v;
  };
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();

  std::vector<JobcentreSpec> jobcentres;
  std::map<std::string, int, std::less<>> first_line;
  bool anyone = false;
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    JobcentreSpec jc;
    jc.name = csv.text(row, *name_column);
    jc.source_line = csv.line(row);
    if (jc.name.empty()) throw InputError(fmt::format("{}: column 'jobcentre' is empty", csv.where(row)));
    if (const auto [it, fresh] = first_line.emplace(jc.name, jc.source_line); !fresh) {
      throw InputError(fmt::format("{}: jobcentre '{}' appears twice (first on line {})", csv.where(row),
                                   jc.name, it->second));
    }
    for (const StateSpec& state : states) {
      const double persons = value(row, csv.find_column(state.name), kUnbounded);
      const double inflow = value(row, csv.find_column(state.name + std::string(kInflowSuffix)), kUnbounded);
      jc.initial_persons.emplace(state.name, persons);
      jc.inflow_per_month.emplace(state.name, inflow);
      anyone = anyone || persons > 0 || inflow > 0;
    }
    jc.under_30_share = value(row, csv.find_column("under_30_share"), 1.0);
    jc.non_western_share = value(row, csv.find_column("non_western_share"), 1.0);
    jobcentres.push_back(std::move(jc));
  }
  if (!anyone) {
    throw InputError(
        fmt::format("{}: every count and inflow is 0, so there is nobody to simulate", csv.where_header()));
  }
  return jobcentres;
}

}  // namespace

Scenario load_scenario(const fs::path& path, const std::vector<std::string>& overrides) {
  const std::string shown = path.string();
  try {
    SourceOrder order;
    std::vector<ChainLink> chain{{file_identity(path), shown}};
    toml::table root = load_with_parents(shown, chain, order);
    for (const std::string& override_text : overrides) apply_override(root, override_text, order);

    Checker checker(root, shown, order);
    Scenario scenario = checker.check();
    scenario.path = shown;
    scenario.jobcentres = read_jobcentres(scenario.jobcentres_path, scenario.states);
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
