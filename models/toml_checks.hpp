// Internal to the scenario loader: typed reads of a merged TOML document, failing with file:line and key.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/toml_document.hpp"

namespace labsim::models::detail {

// "prefix.key", with the key quoted when TOML would not accept it bare, so messages show keys as written.
std::string join_key(std::string_view prefix, std::string_view key);

// Every failed check throws sim::InputError "<where>: <message>", <where> being the file:line (or --set) that
// supplied the value, so a user can go straight to it however many files were merged.
class TomlChecks {
 public:
  TomlChecks(const toml::table& root, std::string root_path, const SourceOrder& order)
      : root_(root), root_path_(std::move(root_path)), order_(order) {}

  const toml::table& root() const { return root_; }
  const std::string& root_path() const { return root_path_; }
  const SourceOrder& order() const { return order_; }

  [[noreturn]] void fail(const toml::node& at, std::string_view message) const;
  // Missing keys are reported at their enclosing table, and at line 1 for the root.
  std::string where_table(const toml::table& table) const;

  Entries known_entries(const toml::table& table, const std::string& prefix,
                        const std::vector<std::string>& allowed) const;
  const toml::node& required(const toml::table& table, const std::string& prefix, std::string_view key) const;
  const toml::table& table(const toml::node& node, const std::string& key) const;
  const toml::array& array(const toml::node& node, const std::string& key) const;
  const std::string& string(const toml::node& node, const std::string& key) const;
  bool boolean(const toml::node& node, const std::string& key) const;
  std::int64_t integer(const toml::node& node, const std::string& key) const;
  double number(const toml::node& node, const std::string& key) const;
  void require(bool ok, const toml::node& node, const std::string& key, std::string_view rule) const;
  // A number with a lower bound (open or closed), an optional upper bound and, when optional, a default.
  double number_in(const toml::table& table, const std::string& prefix, std::string_view name,
                   std::optional<double> fallback, double low, bool low_open,
                   std::optional<double> high) const;

 private:
  const toml::table& root_;
  std::string root_path_;
  const SourceOrder& order_;
};

}  // namespace labsim::models::detail
