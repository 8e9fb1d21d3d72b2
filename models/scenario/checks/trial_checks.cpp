// Reads [trial]: the target population and enrolment window, the arms, and the outcomes.
#include "models/scenario/checks/trial_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "models/scenario/checks/arm_checks.hpp"
#include "models/scenario/trial_outcomes.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {
namespace {

constexpr std::size_t kMaxCheckpoints = 4;

const StateSpec& state_named(const std::vector<StateSpec>& states, const std::string& name) {
  return *std::find_if(states.begin(), states.end(), [&](const StateSpec& s) { return s.name == name; });
}

std::vector<std::string> state_list(const TomlChecks& c, const toml::node& node, const std::string& key,
                                    const std::vector<std::string>& names) {
  std::vector<std::string> out;
  const toml::array& list = c.array(node, key);
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back(c.declared(list[i], fmt::format("{}[{}]", key, i), names, "state"));
  return out;
}

void read_outcomes(ScenarioChecks& c, const toml::table* t, TrialSpec& trial,
                   const std::vector<StateSpec>& states, const std::vector<OfferSpec>& offers) {
  for (const StateSpec& s : states) {
    if (!s.on_support && !s.absorbing) trial.success_states.push_back(s.name);
  }
  if (t) {
    const std::string prefix = "trial.outcomes";
    c.known_entries(*t, prefix, {"checkpoint_weeks", "success_states", "unemployed_states", "primary"});
    if (const toml::node* node = t->get("checkpoint_weeks")) {
      trial.checkpoint_weeks =
          c.numbers_in(*node, prefix + ".checkpoint_weeks", 0, true, trial.horizon_weeks);
      if (trial.checkpoint_weeks.empty() || trial.checkpoint_weeks.size() > kMaxCheckpoints)
        c.fail(*node, fmt::format("{}.checkpoint_weeks needs 1 to {} values", prefix, kMaxCheckpoints));
      c.require(std::is_sorted(trial.checkpoint_weeks.begin(), trial.checkpoint_weeks.end()), *node,
                prefix + ".checkpoint_weeks", "must be increasing");
    }
    if (const toml::node* node = t->get("success_states")) {
      trial.success_states = state_list(c, *node, prefix + ".success_states", c.state_names());
      for (std::size_t i = 0; i < trial.success_states.size(); ++i) {
        c.require(!state_named(states, trial.success_states[i]).on_support, *node->as_array()->get(i),
                  fmt::format("{}.success_states[{}]", prefix, i), "must be a state with on_support = false");
      }
    }
    if (const toml::node* node = t->get("unemployed_states"))
      trial.unemployed_states = state_list(c, *node, prefix + ".unemployed_states", c.state_names());
  }
  if (trial.success_states.empty())
    throw sim::InputError(
        fmt::format("{}: trial.outcomes.success_states: the scenario has no state off "
                    "support that is not absorbing; name the self-sufficient states",
                    c.where_table(t ? *t : *c.root().get("trial")->as_table())));
  for (double& w : trial.checkpoint_weeks) {
    if (w > trial.horizon_weeks) w = trial.horizon_weeks;
  }
  std::vector<std::string> outcomes;
  for (const TrialOutcomeDef& o : trial_outcomes(trial, states, offers)) outcomes.push_back(o.name);
  trial.primary_outcome = outcomes[std::min<std::size_t>(1, trial.checkpoint_weeks.size() - 1)];
  if (t) {
    if (const toml::node* node = t->get("primary"))
      trial.primary_outcome = outcomes[c.choice(*node, "trial.outcomes.primary", outcomes)];
  }
}

// Whole months from `start` until `end` (both at midnight), rounded up.
int months_until(std::chrono::year_month_day start, std::chrono::sys_days end) {
  int months = 0;
  for (auto ym = start.year() / start.month(); std::chrono::sys_days{ym / std::chrono::day{1}} < end;
       ym += std::chrono::months{1})
    ++months;
  return months;
}

}  // namespace

TrialSpec trial(ScenarioChecks& c, const toml::node& node, const std::vector<StateSpec>& states,
                const std::vector<OfferSpec>& offers, const std::vector<Programme>& programmes,
                RunSettings& run) {
  const toml::table& t = c.table(node, "trial");
  c.known_entries(t, "trial",
                  {"state", "jobcentres", "enrolment_start", "enrolment_months", "enrolment_share",
                   "horizon_weeks", "randomization", "exempt_in_primary", "arms", "outcomes"});
  TrialSpec trial;
  trial.source_line = static_cast<int>(t.source().begin.line);
  trial.state = c.declared(c.required(t, "trial", "state"), "trial.state", c.state_names(), "state");
  const StateSpec& target = state_named(states, trial.state);
  c.require(target.on_support && !target.absorbing, *t.get("state"), "trial.state",
            "must be a benefit state (on support and not absorbing)");

  if (const toml::node* list = t.get("jobcentres")) {
    const toml::array& names = c.array(*list, "trial.jobcentres");
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string key = fmt::format("trial.jobcentres[{}]", i);
      trial.jobcentres.push_back(c.string(names[i], key));
      c.uses_jobcentre(fmt::format("{} = {}", key, show(names[i])), trial.jobcentres.back(),
                       names[i].source());
    }
    c.require(!trial.jobcentres.empty(), *list, "trial.jobcentres", "must name at least one jobcentre");
  }

  trial.enrolment_start = run.start;
  if (const toml::node* start = t.get("enrolment_start")) {
    trial.enrolment_start = c.date(*start, "trial.enrolment_start");
    c.require(trial.enrolment_start >= run.start, *start, "trial.enrolment_start",
              fmt::format("must be on or after run.start ({})", show_date(run.start)));
    c.require(trial.enrolment_start.day() == std::chrono::day{1}, *start, "trial.enrolment_start",
              "must be the 1st of a month");
  }
  const toml::node& enrolment_months = c.required(t, "trial", "enrolment_months");
  const std::int64_t m = c.integer(enrolment_months, "trial.enrolment_months");
  c.require(m >= 1 && m <= 120, enrolment_months, "trial.enrolment_months", "must be in [1, 120]");
  trial.enrolment_months = static_cast<int>(m);
  trial.enrolment_share = c.number_in(t, "trial", "enrolment_share", 1.0, 0, true, 1.0);
  trial.horizon_weeks = c.number_in(t, "trial", "horizon_weeks", 52.0, 0, true, 520.0);
  if (const toml::node* r = t.get("randomization"))
    trial.randomization = static_cast<Randomization>(
        c.choice(*r, "trial.randomization", {"individual", "cluster", "date_of_birth"}));
  trial.exempt_in_primary = c.boolean_or(t, "trial", "exempt_in_primary", false);

  trial.arms = arms(c, t, trial, target, offers, programmes);
  const toml::node* outcomes = t.get("outcomes");
  read_outcomes(c, outcomes ? &c.table(*outcomes, "trial.outcomes") : nullptr, trial, states, offers);

  using namespace std::chrono;
  const sys_days enrolment_end{
      (trial.enrolment_start.year() / trial.enrolment_start.month() + months{trial.enrolment_months}) /
      day{1}};
  const sys_days last_outcome = enrolment_end + days{static_cast<int>(std::ceil(trial.horizon_weeks * 7.0))};
  run.months = months_until(run.start, last_outcome);
  return trial;
}

}  // namespace labsim::models::detail
