// The state graph of a scenario as Graphviz DOT, for `labsim graph`.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace labsim::models {

// How many persons move between each pair of states, e.g. the mean per month of a run's flows over the
// whole region: persons_per_month[from][to], indexed like Scenario::states, every kind of move together.
struct StateFlows {
  std::vector<std::vector<double>> persons_per_month;
  std::string source;  // one line for the graph's title, e.g. "mean per month 2011-01 to 2012-12, out/x.h5"
};

// build_state_graph(scenario) as a DOT digraph, written with boost::write_graphviz. Each state is a node
// whose id is its code, labelled with its Danish label above the code; an entry state (entry_states) has a
// thick border, an absorbing state a double one; permanent-support states are filled red, states off public
// support green. Each edge is styled by its kind: a transition solid, a benefit limit dashed and labelled
// "benefit limit", an offer's completion dotted and labelled with the offer's label. With `flows`, the first
// edge between two states is labelled with the flow between them ("1,234 persons/month", "... in all" where
// more than one edge joins the pair) and drawn as wide as the flow, up to 8 points for the largest.
// Throws std::invalid_argument if `flows` is not states x states.
void write_state_graph_dot(const Scenario& scenario, std::ostream& out,
                           const std::optional<StateFlows>& flows = std::nullopt);

// "1,234" for 1234.4, "12.3", "0.37": three significant digits or whole numbers, with thousands separated.
std::string flow_text(double persons_per_month);

}  // namespace labsim::models
