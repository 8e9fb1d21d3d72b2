// Builds one TOML document from a scenario file, the files it extends and --set overrides, keeping sources.
#include "models/scenario/checks/toml_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <sstream>

#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

using sim::InputError;
namespace fs = std::filesystem;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

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

toml::table load_with_parents(const std::string& shown, std::vector<ChainLink>& chain, SourceOrder& order,
                              const ReadText& read_text) {
  toml::table doc = parse_document(read_text(shown), shown);
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
  toml::table base = load_with_parents(parent, chain, order, read_text);
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

}  // namespace

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

std::string where(const toml::source_region& source, const std::string& fallback) {
  if (!source.path) return fallback;
  if (source.path->starts_with(kOverridePrefix)) return *source.path;
  return fmt::format("{}:{}", *source.path, source.begin.line);
}

Entries SourceOrder::entries(const toml::table& table) const {
  Entries entries;
  for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(), [this](const auto& a, const auto& b) {
    return rank(a.first->source()) < rank(b.first->source());
  });
  return entries;
}

const toml::node* SourceOrder::latest_value(const toml::table& table) const {
  const toml::node* latest = nullptr;
  for (auto&& [key, node] : table) {
    if (!latest || rank(latest->source()) < rank(node.source())) latest = &node;
  }
  return latest;
}

std::tuple<int, unsigned, unsigned> SourceOrder::rank(const toml::source_region& source) const {
  const auto it = source.path ? ranks_.find(*source.path) : ranks_.end();
  const int file = it == ranks_.end() ? static_cast<int>(ranks_.size()) : it->second;
  return {file, source.begin.line, source.begin.column};
}

toml::table read_document(const fs::path& path, const std::vector<std::string>& overrides, SourceOrder& order,
                          const ReadText& read_text) {
  const std::string shown = path.string();
  std::vector<ChainLink> chain{{file_identity(path), shown}};
  toml::table root = load_with_parents(shown, chain, order, read_text);
  for (const std::string& override_text : overrides) apply_override(root, override_text, order);
  return root;
}

}  // namespace labsim::models::detail
