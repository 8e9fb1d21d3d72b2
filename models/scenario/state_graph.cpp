// Builds the state graph and checks it: each state reachable and left (or absorbing), each offer used.
#include "models/scenario/state_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/pending/queue.hpp>
#include <map>
#include <vector>

#include "sim/input_error.hpp"

namespace labsim::models {
namespace {

using sim::InputError;

std::map<std::string_view, std::size_t> index_states(const Scenario& scenario) {
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < scenario.states.size(); ++i) index.emplace(scenario.states[i].name, i);
  return index;
}

bool positive_anywhere(const std::map<std::string, double>& values, const std::string& state) {
  const auto it = values.find(state);
  return it != values.end() && it->second > 0;
}

// For each offer, whether some follow-up of `state` gives it: a weight > 0 in the offer_mix of a policy, a
// step of a programme for the state, or a trial arm's follow-up when the trial is in the state; or for the
// add-on offer, a given offer with add_on_share > 0. An offer open only to other states is not given in this
// one.
std::vector<bool> offers_given(const Scenario& scenario, const StateSpec& state) {
  std::vector<bool> given(scenario.offers.size(), false);
  if (!state.has_follow_up) return given;
  const FollowUp& f = state.follow_up;
  std::vector<const FollowUpPolicy*> policies = {&f.normal};
  for (const auto* policy : {&f.intensive, &f.risk_targeted, &f.other_actor}) {
    if (*policy) policies.push_back(&**policy);
  }
  for (const Programme& programme : scenario.programmes) {
    if (programme.state != state.name) continue;
    for (const ProgrammeStep& step : programme.steps) policies.push_back(&step.follow_up);
  }
  if (scenario.trial && scenario.trial->state == state.name) {
    for (const TrialArm& arm : scenario.trial->arms) policies.push_back(&arm.follow_up);
  }
  const auto open_here = [&state](const OfferSpec& offer) {
    return offer.states.empty() ||
           std::find(offer.states.begin(), offer.states.end(), state.name) != offer.states.end();
  };
  bool with_add_on = false;
  for (std::size_t o = 0; o < scenario.offers.size(); ++o) {
    for (const FollowUpPolicy* policy : policies) {
      given[o] = given[o] || positive_anywhere(policy->offer_mix, scenario.offers[o].name);
    }
    given[o] = given[o] && open_here(scenario.offers[o]);
    with_add_on = with_add_on || (given[o] && scenario.offers[o].add_on_share > 0);
  }
  for (std::size_t o = 0; o < scenario.offers.size(); ++o) {
    given[o] = given[o] || (with_add_on && scenario.offers[o].add_on && open_here(scenario.offers[o]));
  }
  return given;
}

std::size_t state_index(const std::map<std::string_view, std::size_t>& index, const std::string& name,
                        const std::string& path, std::string_view key) {
  const auto it = index.find(name);
  if (it == index.end()) {
    throw InputError(fmt::format("{}: {} = \"{}\" is not a declared state", path, key, name));
  }
  return it->second;
}

// What leaves a state declared absorbing, and what to remove.
std::string way_out(const Scenario& scenario, const TransitionEdge& edge) {
  switch (edge.kind) {
    case EdgeKind::transition:
      return fmt::format("transitions[{}] leaves it: remove the transition or absorbing = true",
                         edge.transition);
    case EdgeKind::benefit_limit:
      return "its benefit_limit moves persons out: remove the benefit_limit or absorbing = true";
    case EdgeKind::completion:
      break;
  }
  return fmt::format(
      "offers.{} moves persons out when it ends (completion_state): stop offering it there or remove "
      "absorbing = true",
      scenario.offers[edge.offer].name);
}

}  // namespace

StateGraph build_state_graph(const Scenario& scenario) {
  StateGraph graph(scenario.states.size());
  for (std::size_t i = 0; i < scenario.states.size(); ++i) graph[i].name = scenario.states[i].name;
  const auto index = index_states(scenario);
  for (std::size_t t = 0; t < scenario.transitions.size(); ++t) {
    const TransitionSpec& spec = scenario.transitions[t];
    const auto from = index.find(spec.from);
    const auto to = index.find(spec.to);
    if (from == index.end() || to == index.end()) {
      const bool bad_from = from == index.end();
      throw InputError(fmt::format("{}:{}: transitions[{}].{} = \"{}\" is not a declared state",
                                   scenario.path, spec.source_line, t, bad_from ? "from" : "to",
                                   bad_from ? spec.from : spec.to));
    }
    boost::add_edge(from->second, to->second, TransitionEdge{t}, graph);
  }
  for (std::size_t v = 0; v < scenario.states.size(); ++v) {
    const StateSpec& state = scenario.states[v];
    if (state.benefit_limit) {
      for (const auto& [name, weight] : state.benefit_limit->to) {
        const std::size_t to =
            state_index(index, name, scenario.path, "states." + state.name + ".benefit_limit.to");
        if (weight > 0 && to != v) boost::add_edge(v, to, TransitionEdge{0, EdgeKind::benefit_limit}, graph);
      }
    }
    const std::vector<bool> given = offers_given(scenario, state);
    for (std::size_t o = 0; o < scenario.offers.size(); ++o) {
      const OfferSpec& offer = scenario.offers[o];
      if (!given[o] || offer.completion_state.empty()) continue;
      const std::size_t to = state_index(index, offer.completion_state, scenario.path,
                                         "offers." + offer.name + ".completion_state");
      if (to != v) boost::add_edge(v, to, TransitionEdge{0, EdgeKind::completion, o}, graph);
    }
  }
  return graph;
}

std::vector<std::size_t> entry_states(const Scenario& scenario) {
  std::vector<std::size_t> entries;
  for (std::size_t i = 0; i < scenario.states.size(); ++i) {
    const std::string& name = scenario.states[i].name;
    const bool from_jobcentre =
        std::any_of(scenario.jobcentres.begin(), scenario.jobcentres.end(), [&](const JobcentreSpec& jc) {
          return positive_anywhere(jc.initial_persons, name) || positive_anywhere(jc.inflow_per_month, name);
        });
    const bool from_cohort =
        std::any_of(scenario.cohorts.begin(), scenario.cohorts.end(),
                    [&](const Cohort& cohort) { return positive_anywhere(cohort.entry, name); });
    if (from_jobcentre || from_cohort) entries.push_back(i);
  }
  return entries;
}

void validate_state_graph(const Scenario& scenario) {
  validate_state_graph(scenario, [&scenario](std::string_view key) {
    for (const StateSpec& state : scenario.states) {
      const std::string prefix = "states." + state.name;
      if (key == prefix || (key.starts_with(prefix) && key[prefix.size()] == '.')) {
        return fmt::format("{}:{}", scenario.path, state.source_line);
      }
    }
    return scenario.path;
  });
}

void validate_state_graph(const Scenario& scenario, const SourceLocator& locate) {
  const StateGraph graph = build_state_graph(scenario);
  // `at` may be more precise than `key`: the absorbing flag rather than its state.
  const auto fail = [&](const std::string& at, const std::string& key, std::string_view what) {
    throw InputError(fmt::format("{}: {} {}", locate(at), key, what));
  };

  for (std::size_t v = 0; v < scenario.states.size(); ++v) {
    const StateSpec& state = scenario.states[v];
    const std::string key = "states." + state.name;
    const auto [first, last] = boost::out_edges(v, graph);
    if (state.absorbing && first != last) {
      fail(key + ".absorbing", key, "is absorbing but " + way_out(scenario, graph[*first]));
    }
    const bool left =
        std::any_of(first, last, [&graph](const auto& e) { return graph[e].kind != EdgeKind::completion; });
    if (!state.absorbing && !left) {
      fail(key, key, "has no way out: add a transition from it or declare absorbing = true");
    }
  }

  // One search from all entry states at once: whatever stays white cannot be reached.
  const std::vector<std::size_t> entries = entry_states(scenario);
  std::vector<boost::two_bit_color_type> colors(scenario.states.size(), boost::two_bit_white);
  const auto color_map =
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
  boost::queue<std::size_t> buffer;
  boost::breadth_first_visit(graph, entries.begin(), entries.end(), buffer, boost::default_bfs_visitor{},
                             color_map);
  const auto reachable = [&](std::size_t v) { return colors[v] != boost::two_bit_white; };

  for (std::size_t v = 0; v < scenario.states.size(); ++v) {
    if (!reachable(v)) {
      fail("states." + scenario.states[v].name, "states." + scenario.states[v].name,
           "is unreachable: no jobcentre has persons or inflow in it or in any state that leads to it");
    }
  }

  std::vector<bool> offered(scenario.offers.size(), false);
  for (std::size_t v = 0; v < scenario.states.size(); ++v) {
    if (!reachable(v)) continue;
    const std::vector<bool> given = offers_given(scenario, scenario.states[v]);
    for (std::size_t o = 0; o < given.size(); ++o) offered[o] = offered[o] || given[o];
  }
  for (std::size_t o = 0; o < scenario.offers.size(); ++o) {
    const OfferSpec& offer = scenario.offers[o];
    if (offered[o]) continue;
    fail("offers." + offer.name, "offers." + offer.name,
         offer.add_on
             ? "is never offered: it is the add-on offer, so give an offer that is offered "
               "add_on_share > 0, or remove it"
             : "is never offered: give it a weight > 0 in an offer_mix in a state it is open to (the "
               "state's follow_up, a programme step or a trial arm), or remove it");
  }
}

}  // namespace labsim::models
