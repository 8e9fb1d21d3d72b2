// Walks the merged scenario document along a dotted key.
#include "models/scenario/scenario_number.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "models/scenario/checks/toml_document.hpp"
#include "models/scenario/csv_table.hpp"
#include "sim/input_error.hpp"

namespace labsim::models {

std::vector<std::string> key_parts(const std::string& key, const std::string& context) {
  // The key is parsed by TOML itself, so quoting follows the same rules as in a scenario file and in --set.
  toml::table doc;
  try {
    doc = toml::parse(fmt::format("{} = 0", key));
  } catch (const toml::parse_error&) {
    throw sim::InputError(fmt::format("{}: '{}' is not a valid key", context, key));
  }
  std::vector<std::string> parts;
  const toml::table* at = &doc;
  while (at->size() == 1) {
    const auto only = at->begin();
    parts.emplace_back(only->first.str());
    if (!only->second.is_table()) return parts;
    at = only->second.as_table();
  }
  throw sim::InputError(fmt::format("{}: '{}' is not a valid key", context, key));
}

namespace {

std::optional<double> number_at(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                                const std::string& key, const std::string& context,
                                const detail::ReadText& read_text) {
  const std::vector<std::string> parts = key_parts(key, context);
  detail::SourceOrder order;
  const toml::table root = detail::read_document(path, overrides, order, read_text);
  const toml::node* node = &root;
  for (const std::string& part : parts) {
    const toml::table* table = node->as_table();
    if (!table) {
      throw sim::InputError(fmt::format("{}: {} runs through a value that is not a table", context, key));
    }
    node = table->get(part);
    if (!node) return std::nullopt;
  }
  if (const auto* v = node->as_floating_point()) return v->get();
  if (const auto* v = node->as_integer()) return static_cast<double>(v->get());
  throw sim::InputError(fmt::format("{}: {} is {} in {}, not a number", context, key,
                                    detail::type_name(node->type()), path.string()));
}

}  // namespace

std::optional<double> scenario_number(const std::filesystem::path& path,
                                      const std::vector<std::string>& overrides, const std::string& key,
                                      const std::string& context) {
  return number_at(path, overrides, key, context,
                   [](const std::string& file) { return read_text_file(file); });
}

std::optional<double> scenario_number(const ScenarioDocument& document,
                                      const std::vector<std::string>& overrides, const std::string& key,
                                      const std::string& context) {
  return number_at(document.path(), overrides, key, context,
                   [&document](const std::string& file) { return document.text(file); });
}

}  // namespace labsim::models
