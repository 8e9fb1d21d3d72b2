// Reads the benefit states: flags and labels, the law's deadlines, exempted cases, benefit limits, follow-up.
#include "models/scenario/checks/state_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "models/scenario/checks/follow_up_checks.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

using sim::InputError;

Deadlines deadlines(const TomlChecks& c, const toml::node& node, const std::string& key) {
  const toml::table& t = c.table(node, key);
  c.known_entries(t, key, {"first_interview_weeks", "first_offer_weeks"});
  Deadlines deadlines;
  if (const toml::node* weeks = t.get("first_interview_weeks")) {
    deadlines.first_interview_weeks = weeks_by_age(c, *weeks, key + ".first_interview_weeks", {});
  }
  if (const toml::node* weeks = t.get("first_offer_weeks")) {
    deadlines.first_offer_weeks = weeks_by_age(c, *weeks, key + ".first_offer_weeks", {});
  }
  return deadlines;
}

Exemption exemption(const TomlChecks& c, const toml::node& node, const std::string& key) {
  const toml::table& t = c.table(node, key);
  c.known_entries(t, key, {"share", "job_finding_multiplier", "other_multiplier"});
  Exemption exemption;
  exemption.share = c.number_in(t, key, "share", std::nullopt, 0, false, 1.0);
  exemption.job_finding_multiplier =
      c.number_in(t, key, "job_finding_multiplier", 1.0, 0, true, std::nullopt);
  exemption.other_multiplier = c.number_in(t, key, "other_multiplier", 1.0, 0, true, std::nullopt);
  return exemption;
}

// The older limit's three keys come together or not at all.
void old_rule(const TomlChecks& c, const toml::table& t, const std::string& key, BenefitLimit& limit) {
  constexpr std::array<std::string_view, 3> kOldKeys = {"old_rule_until", "old_max_weeks",
                                                        "old_rule_ends_weeks_after"};
  const auto given = std::find_if(kOldKeys.begin(), kOldKeys.end(),
                                  [&t](std::string_view name) { return t.contains(name); });
  if (given == kOldKeys.end()) return;
  for (const std::string_view name : kOldKeys) {
    if (!t.contains(name)) {
      throw InputError(
          fmt::format("{}: {} is required because {} is given: give old_rule_until, old_max_weeks "
                      "and old_rule_ends_weeks_after, or none of them",
                      c.where_table(t), join_key(key, name), *given));
    }
  }
  limit.old_rule_until = c.date(*t.get("old_rule_until"), key + ".old_rule_until");
  limit.old_max_weeks = c.number_in(t, key, "old_max_weeks", std::nullopt, 0, true, std::nullopt);
  c.require(limit.old_max_weeks >= limit.max_weeks, *t.get("old_max_weeks"), key + ".old_max_weeks",
            fmt::format("must be >= max_weeks ({})", limit.max_weeks));
  limit.old_rule_ends_weeks_after =
      c.number_in(t, key, "old_rule_ends_weeks_after", std::nullopt, 0, true, std::nullopt);
}

BenefitLimit benefit_limit(const ScenarioChecks& c, const toml::node& node, const std::string& key,
                           const std::string& state) {
  const toml::table& t = c.table(node, key);
  c.known_entries(t, key,
                  {"max_weeks", "to", "extension_share", "extension_weeks", "old_rule_until", "old_max_weeks",
                   "old_rule_ends_weeks_after"});
  BenefitLimit limit;
  limit.max_weeks = c.number_in(t, key, "max_weeks", std::nullopt, 0, true, std::nullopt);

  const std::string to_key = key + ".to";
  const toml::node& to = c.required(t, key, "to");
  limit.to = c.numbers_by_name(to, to_key, &c.state_names(), "state", 0, false, std::nullopt);
  if (const toml::node* self = to.as_table()->get(state)) {
    c.fail(*self, fmt::format("{} names the state whose benefit runs out; the limit moves persons to another "
                              "state",
                              join_key(to_key, state)));
  }
  if (!any_positive(limit.to)) {
    const toml::node* blame = c.order().latest_value(*to.as_table());
    c.fail(blame ? *blame : to, fmt::format("{} needs a weight > 0", to_key));
  }

  limit.extension_share = c.number_in(t, key, "extension_share", 0.0, 0, false, 1.0);
  if (const toml::node* weeks = t.get("extension_weeks")) {
    limit.extension_weeks = c.number_in(*weeks, key + ".extension_weeks", 0, true, std::nullopt);
  } else if (limit.extension_share > 0) {
    throw InputError(fmt::format("{}: {}.extension_weeks is required because extension_share = {} is > 0",
                                 c.where_table(t), key, limit.extension_share));
  }
  old_rule(c, t, key, limit);
  return limit;
}

StateSpec state(ScenarioChecks& c, const toml::table& s, const std::string& name,
                const std::vector<OfferSpec>& offers) {
  const std::string prefix = join_key("states", name);
  c.known_entries(s, prefix,
                  {"label", "absorbing", "on_support", "permanent_support", "benefit_group", "deadlines",
                   "exempt", "benefit_limit", "follow_up"});
  StateSpec state;
  state.name = name;
  state.label = c.string_or(s, prefix, "label", name);
  if (const toml::node* absorbing = s.get("absorbing")) {
    state.absorbing = c.boolean(*absorbing, prefix + ".absorbing");
    // An extending file may set only this flag on an inherited state; point there, not at the parent.
    c.locate("states." + name + ".absorbing", absorbing->source());
  }
  state.on_support = c.boolean_or(s, prefix, "on_support", true);
  state.permanent_support = c.boolean_or(s, prefix, "permanent_support", false);
  state.benefit_group = c.string_or(s, prefix, "benefit_group", name);
  if (const toml::node* node = s.get("deadlines"))
    state.deadlines = deadlines(c, *node, prefix + ".deadlines");
  if (const toml::node* node = s.get("exempt")) state.exemption = exemption(c, *node, prefix + ".exempt");
  if (const toml::node* node = s.get("benefit_limit")) {
    state.benefit_limit = benefit_limit(c, *node, prefix + ".benefit_limit", name);
    c.locate("states." + name + ".benefit_limit", node->source());
  }
  if (const toml::node* node = s.get("follow_up")) {
    const std::string key = prefix + ".follow_up";
    state.has_follow_up = true;
    state.follow_up = follow_up(c, c.table(*node, key), key, state.deadlines, offers);
  }
  state.source_line = static_cast<int>(s.source().begin.line);
  c.locate("states." + name, s.source());
  return state;
}

}  // namespace

std::vector<StateSpec> states(ScenarioChecks& c, const toml::table& t, const std::vector<OfferSpec>& offers) {
  const Entries entries = c.order().entries(t);
  if (entries.empty())
    throw InputError(fmt::format("{}: states must declare at least one state", c.where_table(t)));
  if (entries.size() > kMaxStates) {
    throw InputError(fmt::format("{}: states declares {} states; at most {} are allowed", c.where_table(t),
                                 entries.size(), kMaxStates));
  }
  std::vector<StateSpec> specs;
  for (const auto& [key, node] : entries) {
    specs.push_back(
        state(c, c.table(*node, join_key("states", key->str())), std::string(key->str()), offers));
  }
  return specs;
}

}  // namespace labsim::models::detail
