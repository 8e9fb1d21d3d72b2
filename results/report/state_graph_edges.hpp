// How the state graph chart routes its edges: curves from box border to box border, bent apart where two
// states are joined more than once and around other boxes, their ends spread along the borders, an arrowhead
// at the target, and each flow label placed where it reads as its own edge's.
#pragma once

#include <string>
#include <vector>

#include "results/report/state_graph_chart.hpp"
#include "results/report/state_graph_geometry.hpp"
#include "results/report/state_graph_layout.hpp"

namespace labsim::results::graph_chart {

inline constexpr double kEdgeFont = 11.5;
inline constexpr double kBorderGap = 3;  // between an edge's ends and the boxes
inline constexpr double kMinEdgeWidth = 1;
inline constexpr double kMaxEdgeWidth = 7;

struct EdgeShape {
  Quad curve;     // border to border once shape_edges returns it
  double t0 = 0;  // where it leaves the source box
  double t1 = 1;  // where it reaches the target box
  double width = kMinEdgeWidth;
  std::string label;  // "1,234/month", or "" for an unknown flow
  Rect label_rect{};  // set by place_labels
};

// Curves for all edges of `chart` between the placed `boxes`, in the order of chart.edges. Edges between the
// same two states (either way) bend apart, 44 pixels between their middles; a group also bends as a whole
// when that makes it pass fewer other boxes or keeps it in `area`. Each end lies kBorderGap outside its box.
std::vector<EdgeShape> shape_edges(const GraphChart& chart, const std::vector<Box>& boxes, const Rect& area);

// Puts each label on its own edge or just beside it, as near the middle as it can at the least cost; only
// where that would cover a box or an earlier label does it look further off the edge.
void place_labels(std::vector<EdgeShape>& shapes, const std::vector<Box>& boxes, const Rect& area);

// The width of the path that carries an edge's arrowhead: the head is 7 times as long and wide.
double marker_width(double edge_width);

// An edge as drawn: the wide line up to the arrowhead's base, and the short path from there that carries the
// arrowhead marker. The marker (svg::Canvas::arrow_marker) is 7 × that path's stroke width long and its tip
// lies 0.7 × the width beyond the path's end, so the tip reaches the end of the edge's curve.
struct Arrow {
  Quad body;
  Point base;             // where the body ends and the head's path starts
  Point tip_end;          // where the head's path ends
  double head_width = 0;  // the head's path's stroke width
};
Arrow arrow_of(const EdgeShape& s);

}  // namespace labsim::results::graph_chart
