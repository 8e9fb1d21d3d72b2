// Typed reads of a merged TOML document, failing with file:line and key.
#pragma once

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/scenario/checks/toml_document.hpp"

namespace labsim::models::detail {

// "prefix.key", with the key quoted when TOML would not accept it bare, so messages show keys as written.
std::string join_key(std::string_view prefix, std::string_view key);

// A date as TOML writes it: 2011-01-15.
std::string show_date(const std::chrono::year_month_day& date);

// Whether some value of a table of weights is > 0.
bool any_positive(const std::map<std::string, double>& weights);

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
  std::chrono::year_month_day date(const toml::node& node, const std::string& key) const;
  void require(bool ok, const toml::node& node, const std::string& key, std::string_view rule) const;

  // A number with a lower bound (open or closed) and an optional upper bound (closed).
  double number_in(const toml::node& node, const std::string& key, double low, bool low_open,
                   std::optional<double> high) const;
  // The same for a key of `table`, which when optional has a default.
  double number_in(const toml::table& table, const std::string& prefix, std::string_view name,
                   std::optional<double> fallback, double low, bool low_open,
                   std::optional<double> high) const;
  // An array of numbers, each in range as for number_in; "key[i]" in messages.
  std::vector<double> numbers_in(const toml::node& node, const std::string& key, double low, bool low_open,
                                 std::optional<double> high) const;
  // Strictly increasing numbers > 0, at most `max_count` of them ("key[i]" in messages): band breaks.
  std::vector<double> increasing_breaks(const toml::node& node, const std::string& key,
                                        std::size_t max_count) const;
  // Values by month from run.start, each >= 0: 1 to `run_months` of them (the last holds after).
  std::vector<double> numbers_by_month(const toml::node& node, const std::string& key, int run_months) const;
  // Optional keys of `table` with their defaults.
  bool boolean_or(const toml::table& table, const std::string& prefix, std::string_view name,
                  bool fallback) const;
  std::string string_or(const toml::table& table, const std::string& prefix, std::string_view name,
                        std::string fallback) const;

  // The index in `choices` of a string value, e.g. "zero" of {"zero", "stationary"}.
  std::size_t choice(const toml::node& node, const std::string& key,
                     const std::vector<std::string>& choices) const;
  // A string value that must name one of `names` (a declared state, offer, ...).
  const std::string& declared(const toml::node& node, const std::string& key,
                              const std::vector<std::string>& names, std::string_view what) const;
  // A table key that must name one of `names`; `full_key` is the key with its table's prefix.
  void declared_key(const toml::key& key, const std::string& full_key, const std::vector<std::string>& names,
                    std::string_view what) const;
  // A table { name = number }: each name one of `names` (any name when null), each number in range.
  std::map<std::string, double> numbers_by_name(const toml::node& node, const std::string& key,
                                                const std::vector<std::string>* names, std::string_view what,
                                                double low, bool low_open, std::optional<double> high) const;

 private:
  const toml::table& root_;
  std::string root_path_;
  const SourceOrder& order_;
};

}  // namespace labsim::models::detail
