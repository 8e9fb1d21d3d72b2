// Builds the state graph and checks it: each state reachable and left (or absorbing), each offer used.
#include "models/state_graph.hpp"

#include <fmt/format.h>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/pending/queue.hpp>
#include <map>

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
  return graph;
}

std::vector<std::size_t> entry_states(const Scenario& scenario) {
  std::vector<std::size_t> entries;
  for (std::size_t i = 0; i < scenario.states.size(); ++i) {
    const std::string& name = scenario.states[i].name;
    for (const JobcentreSpec& jc : scenario.jobcentres) {
      if (positive_anywhere(jc.initial_persons, name) || positive_anywhere(jc.inflow_per_month, name)) {
        entries.push_back(i);
        break;
      }
    }
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
    const auto [first, last] = boost::out_edges(v, graph);
    if (state.absorbing && first != last) {
      fail(
          "states." + state.name + ".absorbing", "states." + state.name,
          fmt::format("is absorbing but transitions[{}] leaves it: remove the transition or absorbing = true",
                      graph[*first].transition));
    }
    if (!state.absorbing && first == last) {
      fail("states." + state.name, "states." + state.name,
           "has no way out: add a transition from it or declare absorbing = true");
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

  for (const OfferSpec& offer : scenario.offers) {
    bool offered = false;
    for (std::size_t v = 0; v < scenario.states.size() && !offered; ++v) {
      const StateSpec& state = scenario.states[v];
      offered = reachable(v) && state.has_follow_up &&
                positive_anywhere(state.follow_up.normal.offer_mix, offer.name);
    }
    if (!offered) {
      fail("offers." + offer.name, "offers." + offer.name,
           "is never offered: give it a weight > 0 in the follow_up.offer_mix of a state, or remove it");
    }
  }
}

}  // namespace labsim::models
