// Typed reads of a merged TOML document; each failure names the value's source, its key and the broken rule.
#include "models/scenario/checks/toml_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "models/scenario/did_you_mean.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {

using sim::InputError;

std::string join_key(std::string_view prefix, std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  const std::string shown = bare ? std::string(key) : fmt::format("\"{}\"", key);
  return prefix.empty() ? shown : fmt::format("{}.{}", prefix, shown);
}

std::string show_date(const std::chrono::year_month_day& date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

bool any_positive(const std::map<std::string, double>& weights) {
  return std::any_of(weights.begin(), weights.end(), [](const auto& entry) { return entry.second > 0; });
}

void TomlChecks::fail(const toml::node& at, std::string_view message) const {
  throw InputError(fmt::format("{}: {}", where(at.source(), root_path_), message));
}

std::string TomlChecks::where_table(const toml::table& table) const {
  return &table == &root_ ? fmt::format("{}:1", root_path_) : where(table.source(), root_path_);
}

void TomlChecks::require(bool ok, const toml::node& node, const std::string& key,
                         std::string_view rule) const {
  if (!ok) fail(node, fmt::format("{} = {} {}", key, show(node), rule));
}

Entries TomlChecks::known_entries(const toml::table& table, const std::string& prefix,
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

const toml::node& TomlChecks::required(const toml::table& table, const std::string& prefix,
                                       std::string_view key) const {
  if (const toml::node* node = table.get(key)) return *node;
  throw InputError(fmt::format("{}: {} is required", where_table(table), join_key(prefix, key)));
}

const toml::table& TomlChecks::table(const toml::node& node, const std::string& key) const {
  if (const auto* t = node.as_table()) return *t;
  fail(node, fmt::format("{} must be a table, not {}", key, type_name(node.type())));
}

const toml::array& TomlChecks::array(const toml::node& node, const std::string& key) const {
  if (const auto* a = node.as_array()) return *a;
  fail(node, fmt::format("{} must be an array, not {}", key, type_name(node.type())));
}

const std::string& TomlChecks::string(const toml::node& node, const std::string& key) const {
  if (const auto* s = node.as_string()) return s->get();
  fail(node, fmt::format("{} must be a string, not {}", key, type_name(node.type())));
}

bool TomlChecks::boolean(const toml::node& node, const std::string& key) const {
  if (const auto* b = node.as_boolean()) return b->get();
  fail(node, fmt::format("{} must be true or false, not {}", key, type_name(node.type())));
}

std::int64_t TomlChecks::integer(const toml::node& node, const std::string& key) const {
  if (const auto* i = node.as_integer()) return i->get();
  fail(node, fmt::format("{} must be an integer, not {}", key, type_name(node.type())));
}

double TomlChecks::number(const toml::node& node, const std::string& key) const {
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

std::chrono::year_month_day TomlChecks::date(const toml::node& node, const std::string& key) const {
  const auto* d = node.as_date();
  if (!d) fail(node, fmt::format("{} must be a date, not {}", key, type_name(node.type())));
  return std::chrono::year_month_day{std::chrono::year{d->get().year}, std::chrono::month{d->get().month},
                                     std::chrono::day{d->get().day}};
}

double TomlChecks::number_in(const toml::node& node, const std::string& key, double low, bool low_open,
                             std::optional<double> high) const {
  const double value = number(node, key);
  if (high) {
    require((low_open ? value > low : value >= low) && value <= *high, node, key,
            fmt::format("must be in {}{}, {}]", low_open ? '(' : '[', low, *high));
  } else if (low_open) {
    require(value > low, node, key, fmt::format("must be > {}", low));
  } else {
    require(value >= low, node, key, fmt::format("must be >= {}", low));
  }
  return value;
}

double TomlChecks::number_in(const toml::table& table, const std::string& prefix, std::string_view name,
                             std::optional<double> fallback, double low, bool low_open,
                             std::optional<double> high) const {
  const toml::node* found = table.get(name);
  if (!found && fallback) return *fallback;
  const toml::node& node = found ? *found : required(table, prefix, name);
  return number_in(node, join_key(prefix, name), low, low_open, high);
}

std::vector<double> TomlChecks::numbers_in(const toml::node& node, const std::string& key, double low,
                                           bool low_open, std::optional<double> high) const {
  std::vector<double> values;
  const toml::array& entries = array(node, key);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    values.push_back(number_in(entries[i], fmt::format("{}[{}]", key, i), low, low_open, high));
  }
  return values;
}

std::vector<double> TomlChecks::increasing_breaks(const toml::node& node, const std::string& key,
                                                  std::size_t max_count) const {
  const toml::array& breaks = array(node, key);
  if (breaks.size() > max_count) {
    fail(node, fmt::format("{} has {} breaks; at most {} are allowed", key, breaks.size(), max_count));
  }
  std::vector<double> out;
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", key, i);
    const double value = number_in(breaks[i], at, 0, true, std::nullopt);
    if (i > 0)
      require(value > out.back(), breaks[i], at,
              fmt::format("must be > the break before it ({})", out.back()));
    out.push_back(value);
  }
  return out;
}

std::vector<double> TomlChecks::numbers_by_month(const toml::node& node, const std::string& key,
                                                 int run_months) const {
  std::vector<double> values = numbers_in(node, key, 0, false, std::nullopt);
  if (values.empty()) fail(node, fmt::format("{} must have at least one value", key));
  if (values.size() > static_cast<std::size_t>(run_months)) {
    fail(node, fmt::format("{} has {} values; at most {} are allowed (one per month of the run)", key,
                           values.size(), run_months));
  }
  return values;
}

bool TomlChecks::boolean_or(const toml::table& table, const std::string& prefix, std::string_view name,
                            bool fallback) const {
  const toml::node* node = table.get(name);
  return node ? boolean(*node, join_key(prefix, name)) : fallback;
}

std::string TomlChecks::string_or(const toml::table& table, const std::string& prefix, std::string_view name,
                                  std::string fallback) const {
  const toml::node* node = table.get(name);
  return node ? string(*node, join_key(prefix, name)) : fallback;
}

std::size_t TomlChecks::choice(const toml::node& node, const std::string& key,
                               const std::vector<std::string>& choices) const {
  const std::string& value = string(node, key);
  const auto it = std::find(choices.begin(), choices.end(), value);
  if (it != choices.end()) return static_cast<std::size_t>(it - choices.begin());
  std::string listed;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const char* separator = i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ";
    listed += fmt::format("{}\"{}\"", separator, choices[i]);
  }
  fail(node, fmt::format("{} = {} must be {}{}", key, show(node), listed, did_you_mean(value, choices)));
}

const std::string& TomlChecks::declared(const toml::node& node, const std::string& key,
                                        const std::vector<std::string>& names, std::string_view what) const {
  const std::string& name = string(node, key);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    fail(node,
         fmt::format("{} = {} is not a declared {}{}", key, show(node), what, did_you_mean(name, names)));
  }
  return name;
}

void TomlChecks::declared_key(const toml::key& key, const std::string& full_key,
                              const std::vector<std::string>& names, std::string_view what) const {
  if (std::find(names.begin(), names.end(), key.str()) == names.end()) {
    throw InputError(fmt::format("{}: {} is not a declared {}{}", where(key.source(), root_path_), full_key,
                                 what, did_you_mean(key.str(), names)));
  }
}

std::map<std::string, double> TomlChecks::numbers_by_name(const toml::node& node, const std::string& key,
                                                          const std::vector<std::string>* names,
                                                          std::string_view what, double low, bool low_open,
                                                          std::optional<double> high) const {
  std::map<std::string, double> values;
  for (const auto& [name, value] : order_.entries(table(node, key))) {
    const std::string name_key = join_key(key, name->str());
    if (names) declared_key(*name, name_key, *names, what);
    values.emplace(name->str(), number_in(*value, name_key, low, low_open, high));
  }
  return values;
}

}  // namespace labsim::models::detail
