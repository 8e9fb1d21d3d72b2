// Typed reads of a merged TOML document; each failure names the value's source, its key and the broken rule.
#include "models/toml_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "models/did_you_mean.hpp"
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

double TomlChecks::number_in(const toml::table& table, const std::string& prefix, std::string_view name,
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

}  // namespace labsim::models::detail
