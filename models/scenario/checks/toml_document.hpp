// One TOML document merged from a file, its `extends` parents and --set.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace labsim::models::detail {

// An override is parsed as a tiny TOML document whose source "path" is the override itself, so every node it
// contributes carries that through the merge. Errors about such nodes print it in place of "file:line": a
// command line has no line numbers.
inline constexpr std::string_view kOverridePrefix = "--set ";

std::string_view type_name(toml::node_type type);

// A value as it appears in messages: `-3`, `0.5`, `"sick"`, `2011-01-15`.
std::string show(const toml::node& node);

// "file:line", or the override's text for nodes that came from --set.
std::string where(const toml::source_region& source, const std::string& fallback);

using Entries = std::vector<std::pair<const toml::key*, const toml::node*>>;

// Tables are maps sorted by key; states, offers and errors follow the files instead: parents first, then the
// extending file, then overrides, each in line order.
class SourceOrder {
 public:
  void add(const std::string& source) { ranks_.emplace(source, static_cast<int>(ranks_.size())); }

  Entries entries(const toml::table& table) const;

  // The value that was set last (an override beats the file it overrides), e.g. to blame for a bad total.
  const toml::node* latest_value(const toml::table& table) const;

 private:
  std::tuple<int, unsigned, unsigned> rank(const toml::source_region& source) const;

  std::map<std::string, int, std::less<>> ranks_;
};

// Where the loader gets the text of an input file (a scenario file or a CSV table) by its path as shown in
// messages: the disk, or copies held in memory (ScenarioDocument). Throws sim::InputError if it cannot.
using ReadText = std::function<std::string(const std::string& path)>;

// Reads `path` and the files it `extends` through `read_text`, then applies `overrides` ("key.path=value")
// in order, recording in `order` where each source ranks. Throws sim::InputError naming the file, line or
// override at fault.
toml::table read_document(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                          SourceOrder& order, const ReadText& read_text);

}  // namespace labsim::models::detail
