// Reads a state's follow-up: the normal policy, the policy tables that differ from it, and who gets which.
#include "models/scenario/checks/follow_up_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

const std::vector<std::string> kPolicyKeys = {"first_interview_weeks",
                                              "first_interview_spread_weeks",
                                              "interview_every_weeks",
                                              "cadence_until_weeks",
                                              "offer_probability",
                                              "offer_mix",
                                              "first_offer_weeks",
                                              "deadline_compliance",
                                              "interview_job_finding_multiplier",
                                              "interview_effect_weeks"};

const std::vector<std::string> kRiskKeys = {"risk_threshold", "long_spell_weeks",
                                            "high_risk_interview_every_weeks",
                                            "low_risk_interview_every_weeks"};

const std::vector<std::string> kPolicyNames = {"normal", "intensive", "risk_targeted"};

// programme and programme_by_jobcentre are read once the programmes are (programme_checks).
const std::vector<std::string> kFollowUpKeys = {"policy",    "policy_by_jobcentre",   "other_actor_weeks",
                                                "intensive", "risk_targeted",         "other_actor",
                                                "programme", "programme_by_jobcentre"};

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void read_offer_mix(const TomlChecks& c, const toml::table& t, const std::string& prefix,
                    const std::vector<OfferSpec>& offers, FollowUpPolicy& policy) {
  const std::string mix_key = prefix + ".offer_mix";
  const toml::node* mix_node = t.get("offer_mix");
  if (mix_node) {
    std::vector<std::string> offer_names;
    for (const OfferSpec& offer : offers) offer_names.push_back(offer.name);
    policy.offer_mix = c.numbers_by_name(*mix_node, mix_key, &offer_names, "offer", 0, false, std::nullopt);
    for (const OfferSpec& offer : offers) {
      const auto it = policy.offer_mix.find(offer.name);
      if (offer.add_on && it != policy.offer_mix.end() && it->second > 0) {
        c.require(false, *mix_node->as_table()->get(offer.name), join_key(mix_key, offer.name),
                  fmt::format("must be 0 because offers.{} has add_on = true", offer.name));
      }
    }
  }
  if (policy.offer_probability > 0 && !any_positive(policy.offer_mix)) {
    const toml::node* blame = mix_node ? c.order().latest_value(*mix_node->as_table()) : nullptr;
    const std::string at = blame ? where(blame->source(), c.root_path()) : c.where_table(t);
    throw sim::InputError(fmt::format("{}: {} needs a weight > 0 because offer_probability = {} is > 0", at,
                                      mix_key, policy.offer_probability));
  }
}

// The policy keys of `t`; each one left out takes its value from `base`, except that the normal policy
// (`is_normal`) must give its first interview, cadence and offer probability.
FollowUpPolicy read_policy(const TomlChecks& c, const toml::table& t, const std::string& prefix,
                           const FollowUpPolicy& base, bool is_normal, const std::vector<OfferSpec>& offers) {
  const auto inherit = [is_normal](double value) {
    return is_normal ? std::nullopt : std::optional<double>(value);
  };
  FollowUpPolicy p = base;
  p.first_interview_weeks = c.number_in(t, prefix, "first_interview_weeks",
                                        inherit(base.first_interview_weeks), 0, true, std::nullopt);
  p.first_interview_spread_weeks = c.number_in(t, prefix, "first_interview_spread_weeks",
                                               base.first_interview_spread_weeks, 0, false, std::nullopt);
  if (const toml::node* spread = t.get("first_interview_spread_weeks")) {
    c.require(p.first_interview_spread_weeks <= p.first_interview_weeks, *spread,
              prefix + ".first_interview_spread_weeks",
              fmt::format("must be <= first_interview_weeks ({})", p.first_interview_weeks));
  } else {
    // An inherited spread may not reach before the spell: a table that moves the first interview earlier
    // keeps at most that much spread.
    p.first_interview_spread_weeks = std::min(p.first_interview_spread_weeks, p.first_interview_weeks);
  }
  p.interview_every_weeks = c.number_in(t, prefix, "interview_every_weeks",
                                        inherit(base.interview_every_weeks), 0, true, std::nullopt);
  p.offer_probability =
      c.number_in(t, prefix, "offer_probability", inherit(base.offer_probability), 0, false, 1.0);
  p.cadence_until_weeks =
      c.number_in(t, prefix, "cadence_until_weeks", base.cadence_until_weeks, 0, true, std::nullopt);
  if (const toml::node* node = t.get("first_offer_weeks")) {
    p.first_offer_weeks = weeks_by_age(c, *node, prefix + ".first_offer_weeks", base.first_offer_weeks);
  }
  p.deadline_compliance =
      c.number_in(t, prefix, "deadline_compliance", base.deadline_compliance, 0, false, 1.0);
  p.interview_job_finding_multiplier =
      c.number_in(t, prefix, "interview_job_finding_multiplier", base.interview_job_finding_multiplier, 0,
                  true, std::nullopt);
  p.interview_effect_weeks =
      c.number_in(t, prefix, "interview_effect_weeks", base.interview_effect_weeks, 0, false, std::nullopt);
  read_offer_mix(c, t, prefix, offers, p);
  p.high_risk_interview_every_weeks = p.interview_every_weeks;
  p.low_risk_interview_every_weeks = p.interview_every_weeks;
  return p;
}

void read_risk_keys(const TomlChecks& c, const toml::table& t, const std::string& prefix, FollowUpPolicy& p) {
  const std::string threshold_key = prefix + ".risk_threshold";
  const toml::node& threshold = c.required(t, prefix, "risk_threshold");
  p.risk_threshold = c.number(threshold, threshold_key);
  c.require(p.risk_threshold > 0 && p.risk_threshold < 1, threshold, threshold_key, "must be in (0, 1)");
  p.long_spell_weeks =
      c.number_in(t, prefix, "long_spell_weeks", FollowUpPolicy{}.long_spell_weeks, 0, true, std::nullopt);
  p.high_risk_interview_every_weeks = c.number_in(t, prefix, "high_risk_interview_every_weeks",
                                                  p.interview_every_weeks, 0, true, std::nullopt);
  p.low_risk_interview_every_weeks = c.number_in(t, prefix, "low_risk_interview_every_weeks",
                                                 p.interview_every_weeks, 0, true, std::nullopt);
}

std::optional<FollowUpPolicy> policy_table(const TomlChecks& c, const toml::table& follow_up,
                                           const std::string& prefix, std::string_view name,
                                           const FollowUpPolicy& normal,
                                           const std::vector<OfferSpec>& offers) {
  const toml::node* node = follow_up.get(name);
  if (!node) return std::nullopt;
  const std::string key = join_key(prefix, name);
  const toml::table& t = c.table(*node, key);
  const bool risk = name == "risk_targeted";
  c.known_entries(t, key, risk ? joined(kPolicyKeys, kRiskKeys) : kPolicyKeys);
  FollowUpPolicy policy = read_policy(c, t, key, normal, false, offers);
  if (risk) read_risk_keys(c, t, key, policy);
  return policy;
}

}  // namespace

WeeksByAge weeks_by_age(const TomlChecks& c, const toml::node& node, const std::string& key,
                        const WeeksByAge& fallback) {
  const toml::table& t = c.table(node, key);
  c.known_entries(t, key, {"under_30", "30_plus"});
  WeeksByAge weeks;
  weeks.under_30 = c.number_in(t, key, "under_30", fallback.under_30, 0, true, std::nullopt);
  weeks.age_30_plus = c.number_in(t, key, "30_plus", fallback.age_30_plus, 0, true, std::nullopt);
  return weeks;
}

const std::vector<std::string>& policy_names() {
  return kPolicyNames;
}

Policy policy_named(const TomlChecks& c, const toml::node& node, const std::string& key) {
  return static_cast<Policy>(c.choice(node, key, kPolicyNames));
}

void require_policy_table(const TomlChecks& c, const FollowUp& follow_up, Policy policy,
                          const std::string& follow_up_key, const toml::node& node, const std::string& key) {
  const bool present = policy == Policy::normal || (policy == Policy::intensive && follow_up.intensive) ||
                       (policy == Policy::risk_targeted && follow_up.risk_targeted);
  c.require(present, node, key,
            fmt::format("needs a [{}] table",
                        join_key(follow_up_key, kPolicyNames[static_cast<std::size_t>(policy)])));
}

const std::vector<std::string>& policy_keys() {
  return kPolicyKeys;
}

FollowUpPolicy policy_differing_from(const TomlChecks& c, const toml::table& t, const std::string& prefix,
                                     const FollowUpPolicy& base, const std::vector<OfferSpec>& offers) {
  FollowUpPolicy policy = read_policy(c, t, prefix, base, false, offers);
  // A risk-targeted base keeps its own cadences unless the arm sets one for everybody.
  if (!t.contains("interview_every_weeks")) {
    policy.high_risk_interview_every_weeks = base.high_risk_interview_every_weeks;
    policy.low_risk_interview_every_weeks = base.low_risk_interview_every_weeks;
  }
  return policy;
}

FollowUp follow_up(ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                   const Deadlines& deadlines, const std::vector<OfferSpec>& offers) {
  c.known_entries(t, prefix, joined(kPolicyKeys, kFollowUpKeys));
  FollowUp f;
  FollowUpPolicy defaults;
  defaults.first_offer_weeks = deadlines.first_offer_weeks;
  f.normal = read_policy(c, t, prefix, defaults, true, offers);
  f.intensive = policy_table(c, t, prefix, "intensive", f.normal, offers);
  f.risk_targeted = policy_table(c, t, prefix, "risk_targeted", f.normal, offers);
  f.other_actor = policy_table(c, t, prefix, "other_actor", f.normal, offers);

  if (const toml::node* node = t.get("policy")) {
    const std::string key = prefix + ".policy";
    f.policy = policy_named(c, *node, key);
    require_policy_table(c, f, f.policy, prefix, *node, key);
  }
  if (const toml::node* node = t.get("policy_by_jobcentre")) {
    const std::string table_key = prefix + ".policy_by_jobcentre";
    for (const auto& [jobcentre, value] : c.order().entries(c.table(*node, table_key))) {
      const std::string key = join_key(table_key, jobcentre->str());
      const Policy policy = policy_named(c, *value, key);
      require_policy_table(c, f, policy, prefix, *value, key);
      c.uses_jobcentre(key, std::string(jobcentre->str()), jobcentre->source());
      f.policy_by_jobcentre.emplace(jobcentre->str(), policy);
    }
  }
  f.other_actor_weeks = c.number_in(t, prefix, "other_actor_weeks", 0.0, 0, false, std::nullopt);
  if (f.other_actor_weeks > 0 && !f.other_actor) {
    c.require(false, *t.get("other_actor_weeks"), prefix + ".other_actor_weeks",
              fmt::format("needs a [{}.other_actor] table", prefix));
  }
  return f;
}

}  // namespace labsim::models::detail
