// Draws the state graph chart: the boxes of state_graph_layout and the edges of state_graph_edges as SVG,
// with fills by kind of support, dashes by kind of edge, tooltips and the legend.
#include "results/report/state_graph_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "results/report/chart_axes.hpp"
#include "results/report/state_graph_edges.hpp"
#include "results/report/state_graph_layout.hpp"
#include "results/report/svg_canvas.hpp"
#include "results/text/numbers.hpp"

namespace labsim::results::graph_chart {

namespace {

constexpr double kCornerRadius = 7;

constexpr std::string_view kTextColour = "#1A1A1A";
constexpr std::string_view kGreyText = "#666666";
constexpr std::string_view kZeroColour = "#AAAAAA";
constexpr std::string_view kTransitionColour = "#4D4D4D";

using chart::text_width;

// One decimal, for tooltips; "0" for zero.
std::string one_decimal(double value) {
  return value == 0 ? "0" : with_separators(fmt::format("{:.1f}", value));
}

enum class Support { temporary, permanent, off };

Support support_of(const GraphChartState& s) {
  if (!s.on_support) return Support::off;
  return s.permanent_support ? Support::permanent : Support::temporary;
}

// A light tint of a palette colour: `share` of the colour, the rest white.
std::string tint(std::string_view hex, double share) {
  std::string out = "#";
  for (std::size_t i = 1; i + 1 < hex.size(); i += 2) {
    const int c = std::stoi(std::string(hex.substr(i, 2)), nullptr, 16);
    out += fmt::format("{:02X}", static_cast<int>(std::lround(255 - share * (255 - c))));
  }
  return out;
}

std::string fill_of(Support s) {
  switch (s) {
    case Support::temporary:
      return tint(svg::series_colour(5), 0.3);
    case Support::permanent:
      return tint(svg::series_colour(4), 0.3);
    case Support::off:
      return tint(svg::series_colour(2), 0.25);
  }
  return "#FFFFFF";
}

std::string_view support_name(Support s) {
  switch (s) {
    case Support::temporary:
      return "temporary support";
    case Support::permanent:
      return "permanent support";
    case Support::off:
      return "off public support";
  }
  return "";
}

std::string node_tooltip(const GraphChartState& s) {
  std::string out = s.label.empty() ? s.code : fmt::format("{} ({})", s.label, s.code);
  out += fmt::format(", {}", support_name(support_of(s)));
  if (s.absorbing) out += ", absorbing";
  if (std::isfinite(s.mean_stock))
    out += fmt::format(": {} full-time persons", readable_number(s.mean_stock));
  return out;
}

std::string_view edge_colour(const GraphChartEdge& e) {
  if (e.persons_per_month == 0) return kZeroColour;
  switch (e.kind) {
    case GraphEdgeKind::transition:
      return kTransitionColour;
    case GraphEdgeKind::benefit_limit:
      return svg::series_colour(1);
    case GraphEdgeKind::completion:
      return svg::series_colour(2);
  }
  return kTransitionColour;
}

std::string_view kind_name(GraphEdgeKind kind) {
  switch (kind) {
    case GraphEdgeKind::transition:
      return "transition";
    case GraphEdgeKind::benefit_limit:
      return "benefit runs out";
    case GraphEdgeKind::completion:
      return "offer completed";
  }
  return "";
}

std::string dash_of(GraphEdgeKind kind, double width) {
  switch (kind) {
    case GraphEdgeKind::transition:
      return "";
    case GraphEdgeKind::benefit_limit:
      return fmt::format("{} {}", svg::coordinate(std::max(7.0, 3 * width)),
                         svg::coordinate(std::max(4.0, 2 * width)));
    case GraphEdgeKind::completion:
      return fmt::format("{} {}", svg::coordinate(std::max(2.0, width)),
                         svg::coordinate(std::max(3.0, 1.6 * width)));
  }
  return "";
}

std::string edge_tooltip(const GraphChart& chart, const GraphChartEdge& e) {
  std::string out = fmt::format("{} → {}", chart.states[e.from].code, chart.states[e.to].code);
  out += std::isfinite(e.persons_per_month)
             ? fmt::format(": {} persons per month", one_decimal(e.persons_per_month))
             : std::string(": flow not known");
  if (e.kind != GraphEdgeKind::transition) out += fmt::format(" ({})", kind_name(e.kind));
  return out;
}

void draw_edge(svg::Canvas& canvas, const EdgeShape& s, GraphEdgeKind kind, std::string_view colour,
               const std::string& marker) {
  const Arrow arrow = arrow_of(s);
  const Quad& body = arrow.body;
  const std::string dash = dash_of(kind, s.width);
  canvas.path(fmt::format("M{},{} Q{},{} {},{}", svg::coordinate(body.p0.x), svg::coordinate(body.p0.y),
                          svg::coordinate(body.c.x), svg::coordinate(body.c.y), svg::coordinate(body.p2.x),
                          svg::coordinate(body.p2.y)),
              {colour, s.width, dash});
  canvas.path(fmt::format("M{},{} L{},{}", svg::coordinate(arrow.base.x), svg::coordinate(arrow.base.y),
                          svg::coordinate(arrow.tip_end.x), svg::coordinate(arrow.tip_end.y)),
              {colour, arrow.head_width}, "none", marker);
  if (!s.label.empty()) {
    const Rect& r = s.label_rect;
    canvas.rect({r.left, r.top}, r.right - r.left, r.bottom - r.top, "#FFFFFF");
    canvas.text({(r.left + r.right) / 2, (r.top + r.bottom) / 2 + 0.36 * kEdgeFont}, s.label,
                {kEdgeFont, svg::Anchor::middle, false, colour == kZeroColour ? kGreyText : colour});
  }
}

std::string rounded_rect(const Rect& r, double radius) {
  const auto c = [](double v) { return svg::coordinate(v); };
  const std::string a = fmt::format("A{},{} 0 0 1", c(radius), c(radius));
  return fmt::format("M{},{} H{} {} {},{} V{} {} {},{} H{} {} {},{} V{} {} {},{} Z", c(r.left + radius),
                     c(r.top), c(r.right - radius), a, c(r.right), c(r.top + radius), c(r.bottom - radius), a,
                     c(r.right - radius), c(r.bottom), c(r.left + radius), a, c(r.left), c(r.bottom - radius),
                     c(r.top + radius), a, c(r.left + radius), c(r.top));
}

constexpr double kOutlineWidth = 1;
constexpr double kAbsorbingOutlineWidth = 2.6;
constexpr std::string_view kOutlineColour = "#8C8C8C";
constexpr std::string_view kAbsorbingOutlineColour = "#222222";

void draw_node(svg::Canvas& canvas, const GraphChartState& s, const Box& box) {
  canvas.open_group(node_tooltip(s));
  const svg::Stroke outline = s.absorbing ? svg::Stroke{kAbsorbingOutlineColour, kAbsorbingOutlineWidth}
                                          : svg::Stroke{kOutlineColour, kOutlineWidth};
  canvas.path(rounded_rect(box.rect(), kCornerRadius), outline, fill_of(support_of(s)));
  double y = box.rect().top + 5;
  for (const auto& line : box.lines) {
    canvas.text({box.centre.x, y + line.pitch() / 2 + 0.36 * line.size}, line.text,
                {line.size, svg::Anchor::middle, false, line.muted ? kGreyText : kTextColour});
    y += line.pitch();
  }
  canvas.close_group();
}

// Two rows under the graph: the box fills and outline in use, then the edge kinds in use.
void draw_legend(svg::Canvas& canvas, const GraphChart& chart, double top) {
  std::set<Support> supports;
  bool absorbing = false;
  for (const auto& s : chart.states) supports.insert(support_of(s)), absorbing = absorbing || s.absorbing;
  std::set<GraphEdgeKind> kinds;
  for (const auto& e : chart.edges) kinds.insert(e.kind);

  const svg::Font font{kSmallFont, svg::Anchor::start, false, kTextColour};
  double x = kMargin;
  double y = top + 14;
  const svg::Stroke outline{kOutlineColour, kOutlineWidth};
  for (const Support s : supports) {
    canvas.path(rounded_rect({x, y - 9, x + 22, y + 3}, 3), outline, fill_of(s));
    canvas.text({x + 28, y}, support_name(s), font);
    x += 28 + text_width(support_name(s), kSmallFont) + 18;
  }
  if (absorbing) {
    const std::string_view name = "absorbing (no way out)";
    canvas.path(rounded_rect({x, y - 9, x + 22, y + 3}, 3), {kAbsorbingOutlineColour, kAbsorbingOutlineWidth},
                "#FFFFFF");
    canvas.text({x + 28, y}, name, font);
  }
  if (kinds.empty()) return;
  x = kMargin;
  y += 20;
  for (const GraphEdgeKind k : kinds) {
    const GraphChartEdge sample{0, 0, k, 1};
    const std::string dash = dash_of(k, 2.5);
    canvas.line({x, y - 4}, {x + 26, y - 4}, {edge_colour(sample), 2.5, dash});
    canvas.text({x + 32, y}, kind_name(k), font);
    x += 32 + text_width(kind_name(k), kSmallFont) + 18;
  }
  canvas.text({x, y}, "line width grows with the flow (by its square root)",
              {kSmallFont, svg::Anchor::start, false, kGreyText});
}

void check(const GraphChart& chart) {
  for (std::size_t i = 0; i < chart.edges.size(); ++i) {
    const auto& e = chart.edges[i];
    if (e.from >= chart.states.size() || e.to >= chart.states.size()) {
      throw std::invalid_argument(
          fmt::format("state graph chart '{}': edge {} names state {}, but there are {} states", chart.id, i,
                      std::max(e.from, e.to), chart.states.size()));
    }
    if (e.from == e.to) {
      throw std::invalid_argument(fmt::format("state graph chart '{}': edge {} leads from '{}' to itself",
                                              chart.id, i, chart.states[e.from].code));
    }
  }
}

}  // namespace
}  // namespace labsim::results::graph_chart

namespace labsim::results {

std::string render_state_graph_chart(const GraphChart& chart) {
  using namespace graph_chart;
  check(chart);
  const Layout layout = lay_out(chart);
  const double height = layout.height;

  svg::Canvas canvas(kChartWidth, height, chart.title, chart.id);
  if (!chart.title.empty()) canvas.text({12, 22}, chart.title, {15, svg::Anchor::start, true, kTextColour});

  std::vector<EdgeShape> shapes = shape_edges(chart, layout.boxes, layout.area);
  place_labels(shapes, layout.boxes, layout.area);
  std::map<std::string_view, std::string> markers;
  for (std::size_t i = 0; i < chart.edges.size(); ++i) {
    const auto& e = chart.edges[i];
    const std::string_view colour = edge_colour(e);
    auto marker = markers.find(colour);
    if (marker == markers.end()) marker = markers.emplace(colour, canvas.arrow_marker(colour)).first;
    canvas.open_group(edge_tooltip(chart, e));
    draw_edge(canvas, shapes[i], e.kind, colour, marker->second);
    canvas.close_group();
  }
  for (std::size_t i = 0; i < chart.states.size(); ++i) draw_node(canvas, chart.states[i], layout.boxes[i]);
  draw_legend(canvas, chart, height - kLegendHeight);
  return canvas.str();
}

}  // namespace labsim::results
