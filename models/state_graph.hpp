// The benefit-state graph of a scenario (Boost.Graph) and the checks that each state is reached and left.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario.hpp"

namespace labsim::models {

struct StateVertex {
  std::string name;
};

struct TransitionEdge {
  std::size_t transition = 0;  // index into Scenario::transitions
};

// Vertex i is Scenario::states[i]; one edge per transition, in file order.
using StateGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, StateVertex, TransitionEdge>;

// Throws sim::InputError if a transition names an undeclared state (load_scenario has ruled that out).
StateGraph build_state_graph(const Scenario& scenario);

// Indices of the states that persons enter from outside: initial persons or inflow > 0 in some jobcentre.
std::vector<std::size_t> entry_states(const Scenario& scenario);

// Where a state or offer was declared, as an error prefix ("file:line"), given "states.NAME" or "offers.NAME"
// (or a key inside one, e.g. "states.NAME.absorbing", which the locator may resolve to its table).
// The loader knows the file each table came from (a parent reached via `extends` has its own file).
using SourceLocator = std::function<std::string(std::string_view dotted_key)>;

// Throws sim::InputError for: an absorbing state with a way out, a non-absorbing state without one, a state
// not reachable from the entry states, an offer that no reachable state offers. The one-argument form locates
// states by Scenario::path and StateSpec::source_line, and offers by Scenario::path alone.
void validate_state_graph(const Scenario& scenario);
void validate_state_graph(const Scenario& scenario, const SourceLocator& locate);

}  // namespace labsim::models
