// Reads the cohorts: who enters, when, where and into which states, and how they are followed up.
#include "models/scenario/checks/cohort_checks.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>

#include "models/scenario/checks/follow_up_checks.hpp"

namespace labsim::models::detail {
namespace {

std::chrono::year_month_day run_end(const RunSettings& run) {
  const std::chrono::year_month first = run.start.year() / run.start.month();
  return (first + std::chrono::months{run.months}) / std::chrono::day{1};
}

// A built-in policy for the members in every state with follow-up (its table there), or a programme for one
// state that the cohort enters.
void follow_up_choice(const TomlChecks& c, const toml::node& node, const std::string& key,
                      const std::vector<StateSpec>& states, const std::vector<Programme>& programmes,
                      Cohort& cohort) {
  std::vector<std::string> choices = policy_names();
  for (const Programme& p : programmes) choices.push_back(p.name);
  const std::size_t chosen = c.choice(node, key, choices);
  if (chosen >= kPolicyCount) {
    const Programme& p = programmes[chosen - kPolicyCount];
    const auto share = cohort.entry.find(p.state);
    c.require(share != cohort.entry.end() && share->second > 0, node, key,
              fmt::format("is a programme for {}, which the cohort's entry gives no share",
                          join_key("states", p.state)));
    cohort.programme = p.name;
    return;
  }
  cohort.policy = static_cast<Policy>(chosen);
  for (const StateSpec& state : states) {
    if (state.has_follow_up) {
      require_policy_table(c, state.follow_up, *cohort.policy, join_key("states", state.name) + ".follow_up",
                           node, key);
    }
  }
}

Grant grant_table(const TomlChecks& c, const toml::node& node, const std::string& key,
                  const RunSettings& run) {
  const toml::table& t = c.table(node, key);
  c.known_entries(t, key, {"amount_dkk", "results_share", "goal_percent", "goal_month"});
  Grant grant;
  grant.amount_dkk = c.number_in(t, key, "amount_dkk", std::nullopt, 0, false, std::nullopt);
  grant.results_share = c.number_in(t, key, "results_share", std::nullopt, 0, false, 1.0);
  grant.goal_percent = c.number_in(t, key, "goal_percent", std::nullopt, 0, false, 100.0);
  if (const toml::node* month = t.get("goal_month")) {
    const std::string month_key = key + ".goal_month";
    grant.goal_month = c.date(*month, month_key);
    c.require(grant.goal_month->day() == std::chrono::day{1}, *month, month_key,
              "must be the first day of a month");
    c.require(*grant.goal_month >= run.start && *grant.goal_month < run_end(run), *month, month_key,
              fmt::format("must be a month of the run ({} to before {})", show_date(run.start),
                          show_date(run_end(run))));
  }
  return grant;
}

Cohort cohort(ScenarioChecks& c, const toml::table& t, const std::string& prefix, const RunSettings& run,
              const std::vector<StateSpec>& states, const std::vector<Programme>& programmes) {
  c.known_entries(t, prefix,
                  {"name", "date", "jobcentre", "persons", "entry", "spread_weeks", "job_finding_multiplier",
                   "trade", "policy", "bonus_per_job_dkk", "grant"});
  Cohort cohort;
  cohort.source_line = static_cast<int>(t.source().begin.line);
  const toml::node& name = c.required(t, prefix, "name");
  cohort.name = c.string(name, prefix + ".name");
  c.require(!cohort.name.empty(), name, prefix + ".name", "must not be empty");

  const std::string date_key = prefix + ".date";
  const toml::node& date = c.required(t, prefix, "date");
  cohort.date = c.date(date, date_key);
  c.require(cohort.date >= run.start, date, date_key,
            fmt::format("must be on or after run.start ({})", show_date(run.start)));
  c.require(cohort.date < run_end(run), date, date_key,
            fmt::format("must be before the end of the run ({})", show_date(run_end(run))));

  const std::string jobcentre_key = prefix + ".jobcentre";
  const toml::node& jobcentre = c.required(t, prefix, "jobcentre");
  cohort.jobcentre = c.string(jobcentre, jobcentre_key);
  c.uses_jobcentre(fmt::format("{} = {}", jobcentre_key, show(jobcentre)), cohort.jobcentre,
                   jobcentre.source());

  cohort.persons = c.number_in(t, prefix, "persons", std::nullopt, 0, true, std::nullopt);

  const std::string entry_key = prefix + ".entry";
  const toml::node& entry = c.required(t, prefix, "entry");
  cohort.entry = c.numbers_by_name(entry, entry_key, &c.state_names(), "state", 0, false, std::nullopt);
  for (const StateSpec& state : states) {
    const auto it = cohort.entry.find(state.name);
    if (state.absorbing && it != cohort.entry.end() && it->second > 0) {
      c.require(false, *entry.as_table()->get(state.name), join_key(entry_key, state.name),
                fmt::format("must be 0 because {} is absorbing", join_key("states", state.name)));
    }
  }
  if (!any_positive(cohort.entry)) {
    const toml::node* blame = c.order().latest_value(*entry.as_table());
    c.fail(blame ? *blame : entry, fmt::format("{} needs a share > 0", entry_key));
  }

  cohort.spread_weeks = c.number_in(t, prefix, "spread_weeks", 0.0, 0, false, std::nullopt);
  cohort.job_finding_multiplier =
      c.number_in(t, prefix, "job_finding_multiplier", 1.0, 0, true, std::nullopt);
  cohort.trade = c.string_or(t, prefix, "trade", "");
  if (const toml::node* policy = t.get("policy"))
    follow_up_choice(c, *policy, prefix + ".policy", states, programmes, cohort);
  cohort.bonus_per_job_dkk = c.number_in(t, prefix, "bonus_per_job_dkk", 0.0, 0, false, std::nullopt);
  if (const toml::node* grant = t.get("grant")) cohort.grant = grant_table(c, *grant, prefix + ".grant", run);
  return cohort;
}

}  // namespace

std::vector<Cohort> cohorts(ScenarioChecks& c, const toml::node* node, const RunSettings& run,
                            const std::vector<StateSpec>& states, const std::vector<Programme>& programmes) {
  std::vector<Cohort> specs;
  if (!node) return specs;
  const toml::array& entries = c.array(*node, "cohorts");
  if (entries.size() > kMaxCohorts) {
    c.fail(*node, fmt::format("cohorts has {} entries; at most {} are allowed", entries.size(), kMaxCohorts));
  }
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string prefix = fmt::format("cohorts[{}]", i);
    Cohort spec = cohort(c, c.table(entries[i], prefix), prefix, run, states, programmes);
    if (const auto [it, fresh] = seen.emplace(spec.name, i); !fresh) {
      const toml::node& name = *entries[i].as_table()->get("name");
      c.require(false, name, prefix + ".name", fmt::format("repeats the name of cohorts[{}]", it->second));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

}  // namespace labsim::models::detail
