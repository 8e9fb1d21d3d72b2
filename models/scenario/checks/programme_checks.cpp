// Reads the programmes: their steps' windows, events, contact forms and follow-up, and who follows which.
#include "models/scenario/checks/programme_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "models/scenario/checks/follow_up_checks.hpp"

namespace labsim::models::detail {
namespace {

// By StepEvent.
constexpr std::array<std::string_view, kStepEvents> kEventKeys = {"on_placement", "on_offer_start",
                                                                  "on_offer_end"};

// A step's own keys and every policy key but cadence_until_weeks, whose work the steps' windows do.
std::vector<std::string> step_keys() {
  std::vector<std::string> keys = {"name",
                                   "until_weeks",
                                   "for_weeks",
                                   "then",
                                   "contact_form",
                                   "repeat_offer_within_weeks",
                                   "job_finding_multiplier"};
  keys.insert(keys.end(), kEventKeys.begin(), kEventKeys.end());
  for (const std::string& key : policy_keys()) {
    if (key != "cadence_until_weeks") keys.push_back(key);
  }
  return keys;
}

template <typename Spec>
std::vector<std::string> names_of(const std::vector<Spec>& specs) {
  std::vector<std::string> names;
  for (const Spec& spec : specs) names.push_back(spec.name);
  return names;
}

// The steps' names, each given once, before the steps are read: `then` and the events may name later steps.
std::vector<std::string> step_names(const TomlChecks& c, const toml::array& steps,
                                    const std::string& prefix) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string step = fmt::format("{}[{}]", prefix, i);
    const toml::table& t = c.table(steps[i], step);
    const toml::node& name = c.required(t, step, "name");
    names.push_back(c.string(name, step + ".name"));
    c.require(!names.back().empty(), name, step + ".name", "must not be empty");
    const auto first = std::find(names.begin(), names.end(), names.back());
    if (first + 1 != names.end()) {
      c.require(false, name, step + ".name",
                fmt::format("repeats the name of {}[{}]", prefix, first - names.begin()));
    }
  }
  return names;
}

struct StepContext {
  const std::string& programme_key;  // programmes.NAME
  const std::vector<std::string>& steps;
  const std::vector<std::string>& forms;
  const std::vector<OfferSpec>& offers;
};

ProgrammeStep step(const TomlChecks& c, const toml::table& t, const std::string& prefix, bool last,
                   const FollowUpPolicy& base, const StepContext& context) {
  if (const toml::node* cadence = t.get("cadence_until_weeks")) {
    c.fail(*cadence,
           fmt::format("{}.cadence_until_weeks is not a step key: end the step with until_weeks and "
                       "give the next step its own interview_every_weeks",
                       prefix));
  }
  c.known_entries(t, prefix, step_keys());
  const std::string step_of = fmt::format("step of {}", context.programme_key);
  ProgrammeStep s;
  s.name = t.get("name")->as_string()->get();
  s.source_line = static_cast<int>(t.source().begin.line);
  s.follow_up = policy_differing_from(c, t, prefix, base, context.offers);
  s.follow_up.cadence_until_weeks = kNoDeadline;
  s.books_first_contact = t.contains("first_interview_weeks");
  s.sets_offer_deadline = t.contains("first_offer_weeks");
  s.until_weeks = c.number_in(t, prefix, "until_weeks", kNoDeadline, 0, true, std::nullopt);
  s.for_weeks = c.number_in(t, prefix, "for_weeks", kNoDeadline, 0, true, std::nullopt);
  const bool window = t.contains("until_weeks") || t.contains("for_weeks");
  if (const toml::node* then = t.get("then")) {
    s.then = c.declared(*then, prefix + ".then", context.steps, step_of);
    if (!window)
      c.fail(*then, fmt::format("{}.then needs until_weeks or for_weeks: a window to end", prefix));
  } else if (window && last) {
    const toml::node& end = *t.get(t.contains("until_weeks") ? "until_weeks" : "for_weeks");
    c.fail(end,
           fmt::format("{}: the last step's window needs a `then` naming the step that follows it", prefix));
  }
  for (std::size_t e = 0; e < kStepEvents; ++e) {
    if (const toml::node* next = t.get(kEventKeys[e]))
      s.on[e] = c.declared(*next, join_key(prefix, kEventKeys[e]), context.steps, step_of);
  }
  if (const toml::node* form = t.get("contact_form"))
    s.contact_form = c.declared(*form, prefix + ".contact_form", context.forms, "contact form");
  s.repeat_offer_within_weeks =
      c.number_in(t, prefix, "repeat_offer_within_weeks", kNoDeadline, 0, true, std::nullopt);
  s.job_finding_multiplier = c.number_in(t, prefix, "job_finding_multiplier", 1.0, 0, true, std::nullopt);
  return s;
}

// A step with until_weeks ends at once when entered after that spell duration (with for_weeks too: the window
// ends at whichever comes first). Following `then` through such steps must reach one that waits (for_weeks
// alone) or lasts (no window); a loop of them would move a person round it forever at one instant.
void check_windows_wait(const TomlChecks& c, const Programme& p, const toml::array& tables,
                        const std::string& prefix) {
  const auto index = [&p](const std::string& name) {
    const auto it = std::find_if(p.steps.begin(), p.steps.end(),
                                 [&name](const ProgrammeStep& s) { return s.name == name; });
    return static_cast<std::size_t>(it - p.steps.begin());
  };
  // A windowed last step has a `then`, so i + 1 is a step.
  const auto next = [&](std::size_t i) { return p.steps[i].then.empty() ? i + 1 : index(p.steps[i].then); };
  const auto ends_at_once = [&p](std::size_t i) { return p.steps[i].until_weeks != kNoDeadline; };
  for (std::size_t first = 0; first < p.steps.size(); ++first) {
    std::vector<std::size_t> chain;
    std::size_t i = first;
    while (ends_at_once(i) && std::find(chain.begin(), chain.end(), i) == chain.end()) {
      chain.push_back(i);
      i = next(i);
    }
    if (!ends_at_once(i)) continue;
    // Shown from its first step listed; the `then` going back to that step is to blame.
    std::vector<std::size_t> loop(std::find(chain.begin(), chain.end(), i), chain.end());
    std::rotate(loop.begin(), std::min_element(loop.begin(), loop.end()), loop.end());
    std::string shown;
    for (const std::size_t step : loop) shown += p.steps[step].name + " -> ";
    shown += p.steps[loop.front()].name;
    const std::string key = fmt::format("{}[{}].then", prefix, loop.back());
    c.fail(*tables[loop.back()].as_table()->get("then"),
           fmt::format("{} = \"{}\": steps {} form a loop that never waits: each ends at once when entered "
                       "past its until_weeks; give one of them for_weeks alone, or no window",
                       key, p.steps[loop.front()].name, shown));
  }
}

Programme programme(ScenarioChecks& c, const toml::table& t, const std::string& name,
                    const std::vector<StateSpec>& states, const std::vector<OfferSpec>& offers,
                    const std::vector<ContactForm>& forms) {
  const std::string prefix = join_key("programmes", name);
  c.known_entries(t, prefix, {"label", "state", "steps"});
  Programme p;
  p.name = name;
  p.label = c.string_or(t, prefix, "label", name);
  p.source_line = static_cast<int>(t.source().begin.line);
  const toml::node& state_node = c.required(t, prefix, "state");
  p.state = c.declared(state_node, prefix + ".state", c.state_names(), "state");
  const StateSpec& state =
      *std::find_if(states.begin(), states.end(), [&p](const StateSpec& s) { return s.name == p.state; });
  c.require(state.has_follow_up, state_node, prefix + ".state",
            fmt::format("must be a state with follow-up ([{}.follow_up])", join_key("states", p.state)));

  const std::string steps_key = prefix + ".steps";
  const toml::node& steps_node = c.required(t, prefix, "steps");
  const toml::array& tables = c.array(steps_node, steps_key);
  if (tables.empty()) c.fail(steps_node, fmt::format("{} needs at least one step", steps_key));
  if (tables.size() > kMaxSteps) {
    c.fail(steps_node,
           fmt::format("{} has {} steps; at most {} are allowed", steps_key, tables.size(), kMaxSteps));
  }
  const std::vector<std::string> names = step_names(c, tables, steps_key);
  const std::vector<std::string> form_names = names_of(forms);
  const StepContext context{prefix, names, form_names, offers};
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const FollowUpPolicy& base = i == 0 ? state.follow_up.normal : p.steps.back().follow_up;
    p.steps.push_back(step(c, *tables[i].as_table(), fmt::format("{}[{}]", steps_key, i),
                           i + 1 == tables.size(), base, context));
  }
  check_windows_wait(c, p, tables, steps_key);
  c.locate("programmes." + name, t.source());
  return p;
}

}  // namespace

std::vector<Programme> programmes(ScenarioChecks& c, const toml::table* t,
                                  const std::vector<StateSpec>& states, const std::vector<OfferSpec>& offers,
                                  const std::vector<ContactForm>& forms) {
  std::vector<Programme> specs;
  if (!t) return specs;
  std::vector<std::string> reserved = policy_names();
  reserved.push_back("other_actor");
  for (const auto& [key, node] : c.order().entries(*t)) {
    const std::string prefix = join_key("programmes", key->str());
    if (std::find(reserved.begin(), reserved.end(), key->str()) != reserved.end()) {
      c.fail(*node,
             fmt::format("{}: \"{}\" is the name of a built-in policy; give the programme another name",
                         prefix, key->str()));
    }
    specs.push_back(programme(c, c.table(*node, prefix), std::string(key->str()), states, offers, forms));
  }
  return specs;
}

const Programme& programme_for(const TomlChecks& c, const toml::node& node, const std::string& key,
                               const std::vector<Programme>& programmes, const std::string& state) {
  const std::string& name = c.declared(node, key, names_of(programmes), "programme");
  const Programme& p = *std::find_if(programmes.begin(), programmes.end(),
                                     [&name](const Programme& p) { return p.name == name; });
  c.require(p.state == state, node, key,
            fmt::format("must be a programme for {}, but {}.state = \"{}\"", join_key("states", state),
                        join_key("programmes", p.name), p.state));
  return p;
}

void choose_programmes(ScenarioChecks& c, std::vector<StateSpec>& states,
                       const std::vector<Programme>& programmes) {
  for (StateSpec& state : states) {
    if (!state.has_follow_up) continue;
    const toml::table& t = *c.root()["states"][state.name]["follow_up"].as_table();
    const std::string prefix = join_key("states", state.name) + ".follow_up";
    FollowUp& f = state.follow_up;
    if (const toml::node* node = t.get("programme"))
      f.programme = programme_for(c, *node, prefix + ".programme", programmes, state.name).name;
    const toml::node* by_jobcentre = t.get("programme_by_jobcentre");
    if (!by_jobcentre) continue;
    const std::string table_key = prefix + ".programme_by_jobcentre";
    for (const auto& [jobcentre, value] : c.order().entries(c.table(*by_jobcentre, table_key))) {
      const std::string key = join_key(table_key, jobcentre->str());
      const std::string name(jobcentre->str());
      f.programme_by_jobcentre.emplace(name, programme_for(c, *value, key, programmes, state.name).name);
      if (f.policy_by_jobcentre.contains(name)) {
        c.fail(*value,
               fmt::format("{}: {}.policy_by_jobcentre names the jobcentre too; give it a policy or a "
                           "programme, not both",
                           key, prefix));
      }
      c.uses_jobcentre(key, name, jobcentre->source());
    }
  }
}

}  // namespace labsim::models::detail
