// The benefit-state graph drawn as an SVG picture, with each edge's monthly flow.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace labsim::results {

struct GraphChartState {
  std::string code;   // e.g. "sick_leave"
  std::string label;  // Danish name, e.g. "sygedagpenge"; empty: the box shows the code only
  bool absorbing = false;
  bool permanent_support = false;
  bool on_support = true;  // false for e.g. "employed"
  // Mean full-time persons on the state over the horizon; NaN: not known, not shown.
  double mean_stock = std::numeric_limits<double>::quiet_NaN();
};

// Why persons move along an edge (as models::EdgeKind): drawn solid, dashed and dotted.
enum class GraphEdgeKind { transition, benefit_limit, completion };

struct GraphChartEdge {
  std::size_t from = 0;  // index into GraphChart::states
  std::size_t to = 0;
  GraphEdgeKind kind = GraphEdgeKind::transition;
  // Mean monthly flow over the horizon, whole region; NaN: not known (drawn thin, unlabelled).
  double persons_per_month = std::numeric_limits<double>::quiet_NaN();
};

struct GraphChart {
  // e.g. "Flows between benefit states, persons per month (mean over 2011-01 to 2012-12)"
  std::string title;
  std::string id;  // the svg element's id
  std::vector<GraphChartState> states;
  std::vector<GraphChartEdge> edges;
};

// A complete <svg> element, about 900 × 600 pixels (taller when many large boxes need the room). The same
// chart always gives the same text. Throws std::invalid_argument if an edge names a state index out of range
// or leads from a state to itself.
std::string render_state_graph_chart(const GraphChart& chart);

}  // namespace labsim::results
