// Reads the trial's arms: their size, follow-up, programmes, jobcentres, planted effect and birth days.
#include "models/scenario/checks/arm_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "models/scenario/checks/follow_up_checks.hpp"
#include "models/scenario/checks/programme_checks.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

constexpr std::size_t kMaxArms = 16;

const FollowUpPolicy& named_policy(const FollowUp& f, Policy p) {
  if (p == Policy::intensive) return *f.intensive;
  if (p == Policy::risk_targeted) return *f.risk_targeted;
  return f.normal;
}

// The built-in policy the arm starts from and its changes to it.
void arm_policy(const ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                const StateSpec& target, const std::vector<OfferSpec>& offers, TrialArm& a) {
  const toml::node* policy = t.get("policy");
  const toml::node* follow_up = t.get("follow_up");
  const std::string follow_up_key = join_key("states", target.name) + ".follow_up";
  if ((policy || follow_up) && !target.has_follow_up) {
    c.fail(policy ? *policy : *follow_up,
           fmt::format("{}: an arm can change follow-up only when [{}] exists", prefix, follow_up_key));
  }
  if (!target.has_follow_up) return;
  if (policy) {
    a.policy = policy_named(c, *policy, prefix + ".policy");
    require_policy_table(c, target.follow_up, a.policy, follow_up_key, *policy, prefix + ".policy");
  }
  a.follow_up = named_policy(target.follow_up, a.policy);
  if (follow_up) {
    const std::string key = prefix + ".follow_up";
    const toml::table& table = c.table(*follow_up, key);
    c.known_entries(table, key, policy_keys());
    a.follow_up = policy_differing_from(c, table, key, a.follow_up, offers);
  }
}

// A jobcentre an arm names: one of `allowed` (the trial's or the arm's) when given, else one in the CSV.
void arm_jobcentre(ScenarioChecks& c, const toml::node& at, const std::string& subject,
                   const std::string& name, const std::vector<std::string>& allowed,
                   std::string_view allowed_key) {
  if (allowed.empty()) {
    c.uses_jobcentre(subject, name, at.source());
  } else if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
    c.fail(at, fmt::format("{} is not one of {}", subject, allowed_key));
  }
}

void arm_jobcentres(ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                    const TrialSpec& trial, TrialArm& a) {
  const toml::node* node = t.get("jobcentres");
  if (!node) return;
  const std::string key = prefix + ".jobcentres";
  const toml::array& names = c.array(*node, key);
  if (names.empty()) c.fail(*node, fmt::format("{} must name at least one jobcentre", key));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name_key = fmt::format("{}[{}]", key, i);
    a.jobcentres.push_back(c.string(names[i], name_key));
    arm_jobcentre(c, names[i], fmt::format("{} = {}", name_key, show(names[i])), a.jobcentres.back(),
                  trial.jobcentres, "trial.jobcentres");
  }
}

// programme and programme_by_jobcentre: programmes for the trial's state instead of the arm's policy.
void arm_programmes(ScenarioChecks& c, const toml::table& t, const std::string& prefix,
                    const TrialSpec& trial, const std::vector<Programme>& programmes, TrialArm& a) {
  if (const toml::node* node = t.get("programme")) {
    const std::string key = prefix + ".programme";
    for (const char* other : {"policy", "follow_up"}) {
      if (t.contains(other)) {
        c.fail(*node, fmt::format("{} replaces the arm's policy and follow_up: give {} or {}.{}, not both",
                                  key, key, prefix, other));
      }
    }
    a.programme = programme_for(c, *node, key, programmes, trial.state).name;
  }
  if (const toml::node* node = t.get("programme_by_jobcentre")) {
    const std::string table_key = prefix + ".programme_by_jobcentre";
    const bool own = !a.jobcentres.empty();
    for (const auto& [jobcentre, value] : c.order().entries(c.table(*node, table_key))) {
      const std::string key = join_key(table_key, jobcentre->str());
      const std::string name(jobcentre->str());
      a.programme_by_jobcentre.emplace(name, programme_for(c, *value, key, programmes, trial.state).name);
      arm_jobcentre(c, *value, key, name, own ? a.jobcentres : trial.jobcentres,
                    own ? prefix + ".jobcentres" : "trial.jobcentres");
    }
  }
}

// The planted effect from a step on: a step of every programme the arm uses, with the effect given.
void effect_from_step(const TomlChecks& c, const toml::table& t, const std::string& prefix,
                      const std::vector<Programme>& programmes, TrialArm& a) {
  const toml::node* node = t.get("effect_from_step");
  if (!node) return;
  const std::string key = prefix + ".effect_from_step";
  a.effect_from_step = c.string(*node, key);
  std::vector<std::string> used;
  if (!a.programme.empty()) used.push_back(a.programme);
  for (const auto& [jobcentre, name] : a.programme_by_jobcentre) used.push_back(name);
  if (used.empty())
    c.fail(*node, fmt::format("{} needs {}.programme or programme_by_jobcentre", key, prefix));
  if (!t.contains("job_finding_multiplier")) {
    c.fail(*node, fmt::format("{} needs {}.job_finding_multiplier, the effect it starts", key, prefix));
  }
  for (const std::string& name : used) {
    const Programme& p = *std::find_if(programmes.begin(), programmes.end(),
                                       [&name](const Programme& p) { return p.name == name; });
    std::vector<std::string> steps;
    for (const ProgrammeStep& s : p.steps) steps.push_back(s.name);
    c.declared(*node, key, steps, fmt::format("step of {}", join_key("programmes", p.name)));
  }
}

TrialArm arm(ScenarioChecks& c, const toml::table& t, const std::string& prefix, const TrialSpec& trial,
             const StateSpec& target, const std::vector<OfferSpec>& offers,
             const std::vector<Programme>& programmes) {
  c.known_entries(t, prefix,
                  {"name", "ratio", "policy", "follow_up", "job_finding_multiplier", "protocol", "programme",
                   "programme_by_jobcentre", "jobcentres", "other_actors", "effect_from_step", "birth_days"});
  TrialArm a;
  a.source_line = static_cast<int>(t.source().begin.line);
  const toml::node& name = c.required(t, prefix, "name");
  a.name = c.string(name, prefix + ".name");
  c.require(!a.name.empty(), name, prefix + ".name", "must not be empty");
  a.ratio = c.number_in(t, prefix, "ratio", 1.0, 0, true, std::nullopt);
  a.job_finding_multiplier = c.number_in(t, prefix, "job_finding_multiplier", 1.0, 0, true, std::nullopt);
  if (const toml::node* protocol = t.get("protocol"))
    a.protocol =
        static_cast<Protocol>(c.choice(*protocol, prefix + ".protocol", {"any", "interview", "offer"}));
  arm_policy(c, t, prefix, target, offers, a);
  arm_jobcentres(c, t, prefix, trial, a);
  arm_programmes(c, t, prefix, trial, programmes, a);
  effect_from_step(c, t, prefix, programmes, a);
  if (const toml::node* node = t.get("other_actors")) {
    const std::string key = prefix + ".other_actors";
    a.other_actors = c.boolean(*node, key);
    c.require(!a.other_actors || target.follow_up.other_actor_weeks > 0, *node, key,
              fmt::format("needs other actors: {}.follow_up.other_actor_weeks > 0",
                          join_key("states", target.name)));
  }
  return a;
}

// Whether two arms run in a jobcentre in common (an arm without jobcentres runs in all of the trial's).
bool share_a_jobcentre(const TrialArm& a, const TrialArm& b) {
  if (a.jobcentres.empty() || b.jobcentres.empty()) return true;
  return std::any_of(a.jobcentres.begin(), a.jobcentres.end(), [&](const std::string& j) {
    return std::find(b.jobcentres.begin(), b.jobcentres.end(), j) != b.jobcentres.end();
  });
}

// randomization = "date_of_birth": every arm has its own days of the month among the arms it shares a
// jobcentre with (arms in different regions may use the same days, as the 2008 trial's did); otherwise none
// has any.
void birth_days(const TomlChecks& c, const toml::array& list, const TrialSpec& trial,
                std::vector<TrialArm>& arms) {
  std::multimap<std::int64_t, std::size_t> owner;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const std::string prefix = fmt::format("trial.arms[{}]", i);
    const std::string key = prefix + ".birth_days";
    const toml::table& t = *list[i].as_table();
    const toml::node* node = t.get("birth_days");
    if (trial.randomization != Randomization::date_of_birth) {
      if (node) c.fail(*node, fmt::format("{} needs trial.randomization = \"date_of_birth\"", key));
      continue;
    }
    if (!node) {
      throw sim::InputError(fmt::format("{}: {} is required because trial.randomization = \"date_of_birth\"",
                                        c.where_table(t), key));
    }
    const toml::array& days = c.array(*node, key);
    if (days.empty()) c.fail(*node, fmt::format("{} must name at least one day", key));
    for (std::size_t d = 0; d < days.size(); ++d) {
      const std::string day_key = fmt::format("{}[{}]", key, d);
      const std::int64_t day = c.integer(days[d], day_key);
      c.require(day >= 1 && day <= 31, days[d], day_key, "must be a day of the month, 1 to 31");
      const auto [first, last] = owner.equal_range(day);
      for (auto it = first; it != last; ++it) {
        if (it->second == i) c.require(false, days[d], day_key, "repeats a day of this arm");
        if (share_a_jobcentre(arms[it->second], arms[i])) {
          c.require(false, days[d], day_key,
                    fmt::format("is a birth day of trial.arms[{}] too, which runs in a jobcentre of this arm",
                                it->second));
        }
      }
      owner.emplace(day, i);
      arms[i].birth_days.push_back(static_cast<int>(day));
    }
  }
}

}  // namespace

std::vector<TrialArm> arms(ScenarioChecks& c, const toml::table& t, const TrialSpec& trial,
                           const StateSpec& target, const std::vector<OfferSpec>& offers,
                           const std::vector<Programme>& programmes) {
  const toml::node& node = c.required(t, "trial", "arms");
  const toml::array& list = c.array(node, "trial.arms");
  if (list.size() < 2 || list.size() > kMaxArms)
    c.fail(node, fmt::format("trial.arms has {} arms; a trial needs 2 to {}", list.size(), kMaxArms));
  std::vector<TrialArm> arms;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = fmt::format("trial.arms[{}]", i);
    TrialArm a = arm(c, c.table(list[i], prefix), prefix, trial, target, offers, programmes);
    if (const auto [it, fresh] = seen.emplace(a.name, i); !fresh) {
      c.require(false, *list[i].as_table()->get("name"), prefix + ".name",
                fmt::format("repeats the name of trial.arms[{}]", it->second));
    }
    arms.push_back(std::move(a));
  }
  birth_days(c, list, trial, arms);
  return arms;
}

}  // namespace labsim::models::detail
