// The benefit-state graph of a scenario (Boost.Graph) and the checks that each state is reached and left.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

struct StateVertex {
  std::string name;
};

// Why persons move along an edge.
enum class EdgeKind : std::uint8_t {
  transition,     // a [[transitions]] entry
  benefit_limit,  // the state's benefit runs out: StateSpec::benefit_limit's `to`, weight > 0
  completion,     // an offer the state's follow-up gives ends as planned: OfferSpec::completion_state
};

struct TransitionEdge {
  std::size_t transition = 0;  // index into Scenario::transitions (EdgeKind::transition)
  EdgeKind kind = EdgeKind::transition;
  std::size_t offer = 0;  // index into Scenario::offers (EdgeKind::completion)
};

// Vertex i is Scenario::states[i]. Edges: one per transition, in file order; then, state by state, one per
// benefit-limit target and one per completion_state of an offer the state's follow-up gives (any policy; the
// add-on offer when an offer given there has add_on_share > 0); those two kinds never loop back to the state.
using StateGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, StateVertex, TransitionEdge>;

// Throws sim::InputError if a transition, benefit limit or completion_state names an undeclared state
// (load_scenario has ruled that out).
StateGraph build_state_graph(const Scenario& scenario);

// Indices of the states that persons enter from outside: initial persons or inflow > 0 in some jobcentre, or
// a share > 0 of a cohort's entry.
std::vector<std::size_t> entry_states(const Scenario& scenario);

// Where a state or offer was declared, as an error prefix ("file:line"), given "states.NAME" or "offers.NAME"
// (or a key inside one, e.g. "states.NAME.absorbing", which the locator may resolve to its table).
// The loader knows the file each table came from (a parent reached via `extends` has its own file).
using SourceLocator = std::function<std::string(std::string_view dotted_key)>;

// Throws sim::InputError for: an absorbing state with a way out, a non-absorbing state without one (a
// transition or a benefit limit; an offer's completion reaches only some), a state not reachable from the
// entry states, an offer that no reachable state offers. The one-argument form locates
// states by Scenario::path and StateSpec::source_line, and offers by Scenario::path alone.
void validate_state_graph(const Scenario& scenario);
void validate_state_graph(const Scenario& scenario, const SourceLocator& locate);

}  // namespace labsim::models
