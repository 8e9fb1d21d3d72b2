// The state graph chart's edges: curves between placed boxes, their arrowheads and their flow labels.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "results/report/state_graph_edges.hpp"
#include "results/report/state_graph_geometry.hpp"
#include "results/report/state_graph_layout.hpp"

namespace {

using namespace labsim::results;
using namespace labsim::results::graph_chart;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The distance from `p` to the nearest point of `r` (0 inside).
double distance(Point p, const Rect& r) {
  return std::hypot(std::max({r.left - p.x, 0.0, p.x - r.right}),
                    std::max({r.top - p.y, 0.0, p.y - r.bottom}));
}

GraphChartState named(const char* code) {
  GraphChartState s;
  s.code = code;
  return s;
}

// Boxes of the given states, centred by hand.
std::vector<Box> placed(const GraphChart& c, const std::vector<Point>& centres) {
  std::vector<Box> boxes;
  for (std::size_t i = 0; i < c.states.size(); ++i) {
    boxes.push_back(box_of(c.states[i]));
    boxes.back().centre = centres.at(i);
  }
  return boxes;
}

// Five states on a cross around a middle one, joined both ways and across, with flows from none to large.
GraphChart cross() {
  GraphChart c;
  c.id = "cross";
  for (const char* code : {"middle", "north", "east", "south", "west"}) c.states.push_back(named(code));
  c.edges = {{0, 1, GraphEdgeKind::transition, 400},  {1, 0, GraphEdgeKind::transition, 120},
             {0, 2, GraphEdgeKind::transition, 0},    {2, 0, GraphEdgeKind::benefit_limit, 30},
             {0, 3, GraphEdgeKind::transition, kNaN}, {4, 0, GraphEdgeKind::completion, 2.5},
             {1, 2, GraphEdgeKind::transition, 60},   {3, 4, GraphEdgeKind::transition, 1234.4}};
  return c;
}

const std::vector<Point> kCross = {{450, 300}, {450, 100}, {750, 300}, {450, 500}, {150, 300}};
const Rect kArea{14, 44, 886, 542};

}  // namespace

TEST_CASE("state_graph_geometry: a part of a curve runs along the curve", "[results]") {
  const Quad q{{0, 0}, {50, 100}, {100, 0}};
  const Quad p = q.part(0.2, 0.7);
  for (const double s : {0.0, 0.25, 0.5, 1.0}) {
    INFO(s);
    CHECK(p.at(s).x == Approx(q.at(0.2 + 0.5 * s).x));
    CHECK(p.at(s).y == Approx(q.at(0.2 + 0.5 * s).y));
  }
}

TEST_CASE("state_graph_edges: edges start and end just outside their boxes' borders", "[results]") {
  const GraphChart c = cross();
  const auto boxes = placed(c, kCross);
  const auto shapes = shape_edges(c, boxes, kArea);
  REQUIRE(shapes.size() == c.edges.size());
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    INFO("edge " << i);
    // On the border padded by kBorderGap: that far from a side, at most sqrt(2) times that at a corner.
    const double from = distance(shapes[i].curve.at(shapes[i].t0), boxes[c.edges[i].from].rect());
    const double to = distance(shapes[i].curve.at(shapes[i].t1), boxes[c.edges[i].to].rect());
    CHECK(from >= kBorderGap - 1e-6);
    CHECK(from <= std::sqrt(2.0) * kBorderGap + 1e-6);
    CHECK(to >= kBorderGap - 1e-6);
    CHECK(to <= std::sqrt(2.0) * kBorderGap + 1e-6);
  }
}

TEST_CASE("state_graph_edges: widths grow with the flow, labels give it per month", "[results]") {
  const GraphChart c = cross();
  const auto shapes = shape_edges(c, placed(c, kCross), kArea);
  CHECK(shapes[7].width == kMaxEdgeWidth);  // the largest flow
  CHECK(shapes[2].width == kMinEdgeWidth);  // none
  CHECK(shapes[4].width == kMinEdgeWidth);  // not known
  CHECK(shapes[0].width > shapes[1].width);
  CHECK(shapes[1].width > shapes[3].width);
  CHECK(shapes[7].label == "1,234/month");
  CHECK(shapes[5].label == "2.5/month");
  CHECK(shapes[2].label == "0/month");
  CHECK(shapes[4].label.empty());
}

TEST_CASE("state_graph_edges: an edge bends around a box in its way", "[results]") {
  GraphChart c;
  c.id = "row";
  c.states = {named("left"), named("between"), named("right")};
  c.edges = {{0, 2, GraphEdgeKind::transition, 10}};
  const auto boxes = placed(c, {{100, 300}, {450, 300}, {800, 300}});
  const auto shapes = shape_edges(c, boxes, kArea);
  REQUIRE(shapes.size() == 1);
  const Rect between = boxes[1].rect();
  for (int k = 0; k <= 100; ++k) {
    const Point p = shapes[0].curve.at(k / 100.0);
    INFO(p.x << ", " << p.y);
    CHECK_FALSE(between.contains(p));
    CHECK(kArea.contains(p));
  }
}

TEST_CASE("state_graph_edges: the arrowhead ends where the curve does", "[results]") {
  const GraphChart c = cross();
  const auto shapes = shape_edges(c, placed(c, kCross), kArea);
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    INFO("edge " << i);
    const EdgeShape& s = shapes[i];
    const Arrow arrow = arrow_of(s);
    const Point start = s.curve.at(s.t0);
    const Point end = s.curve.at(s.t1);
    CHECK(arrow.body.p0.x == Approx(start.x));
    CHECK(arrow.body.p0.y == Approx(start.y));
    CHECK(arrow.base.x == arrow.body.p2.x);
    CHECK(arrow.base.y == arrow.body.p2.y);
    CHECK(arrow.head_width <= marker_width(s.width));
    // The marker's tip lies 0.7 head widths beyond the path's end, in the path's direction: on the curve's
    // end.
    const Point along = arrow.tip_end - arrow.base;
    const Point tip = arrow.tip_end + (0.7 * arrow.head_width / length(along)) * along;
    CHECK(tip.x == Approx(end.x).margin(1e-6));
    CHECK(tip.y == Approx(end.y).margin(1e-6));
    // The head, 7 head widths long, starts a pixel short of the body's end so that they join.
    CHECK(length(end - arrow.base) == Approx(7 * arrow.head_width - 1).margin(1e-3));
  }
}

TEST_CASE("state_graph_edges: flow labels cover no box, no other label, and stay in the area", "[results]") {
  const GraphChart c = cross();
  const auto boxes = placed(c, kCross);
  auto shapes = shape_edges(c, boxes, kArea);
  place_labels(shapes, boxes, kArea);
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    if (shapes[i].label.empty()) continue;
    INFO("label " << i);
    const Rect& r = shapes[i].label_rect;
    CHECK(r.right - r.left > 20);
    CHECK(r.left >= kArea.left);
    CHECK(r.right <= kArea.right);
    CHECK(r.top >= kArea.top);
    CHECK(r.bottom <= kArea.bottom);
    for (const auto& b : boxes) CHECK_FALSE(r.overlaps(b.rect()));
    for (std::size_t j = i + 1; j < shapes.size(); ++j) {
      if (!shapes[j].label.empty()) CHECK_FALSE(r.overlaps(shapes[j].label_rect));
    }
  }
}
