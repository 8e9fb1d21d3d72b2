#include "results/report/state_graph_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/circle_layout.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/kamada_kawai_spring_layout.hpp>
#include <boost/graph/topology.hpp>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "results/report/chart_axes.hpp"
#include "results/report/svg_canvas.hpp"

namespace labsim::results {

namespace {

using svg::Point;

constexpr double kWidth = 900;
constexpr double kHeight = 600;
constexpr double kMargin = 14;
constexpr double kGraphTop = 44;      // below the title
constexpr double kLegendHeight = 50;  // two rows under the graph
constexpr double kHeightStep = 80;    // added when the boxes do not fit
constexpr int kMaxHeightSteps = 8;

constexpr double kLabelFont = 13;
constexpr double kSmallFont = 11;
constexpr double kEdgeFont = 11.5;
constexpr double kMaxLabelWidth = 170;  // wider labels wrap, unless the code is wider still
constexpr double kCornerRadius = 7;

// Layout lengths, in edge lengths: an edge is 1 long plus kDegreeLength for each edge at either end, so
// that busy states get room; hidden edges join the graph's pieces.
constexpr double kDegreeLength = 0.1;
constexpr double kHiddenEdgeLength = 2;

constexpr double kBorderGap = 3;     // between an edge's ends and the boxes
constexpr double kPairSpacing = 44;  // between the middles of edges joining the same two states
constexpr double kMinEdgeWidth = 1;
constexpr double kMaxEdgeWidth = 7;

constexpr std::string_view kTextColour = "#1A1A1A";
constexpr std::string_view kGreyText = "#666666";
constexpr std::string_view kZeroColour = "#AAAAAA";
constexpr std::string_view kTransitionColour = "#4D4D4D";

// ---------------------------------------------------------------------------------------------------------
// Text and numbers

using chart::text_width;
using chart::with_separators;

std::string readable(double value) {
  return chart::readable_number(value);
}

// One decimal, for tooltips; "0" for zero.
std::string one_decimal(double value) {
  return value == 0 ? "0" : with_separators(fmt::format("{:.1f}", value));
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The label on one line if it fits in `limit` pixels, else split at spaces into two or three lines whose
// widest is as narrow as can be.
std::vector<std::string> wrap(std::string_view label, double limit) {
  if (text_width(label, kLabelFont) <= limit) return {std::string(label)};
  const auto words = split_words(label);
  const std::size_t n = words.size();
  if (n < 2) return {std::string(label)};
  const auto widest = [&](const std::vector<std::size_t>& breaks) {
    double w = 0;
    for (std::size_t k = 0; k + 1 < breaks.size(); ++k) {
      w = std::max(w, text_width(join(words, breaks[k], breaks[k + 1]), kLabelFont));
    }
    return w;
  };
  std::vector<std::size_t> best;
  double best_width = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const std::vector<std::size_t> breaks = {0, i, n};
    const double w = widest(breaks);
    if (best.empty() || w < best_width) best = breaks, best_width = w;
  }
  if (best_width > limit && n >= 3) {
    for (std::size_t i = 1; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        const std::vector<std::size_t> breaks = {0, i, j, n};
        const double w = widest(breaks);
        if (w < best_width) best = breaks, best_width = w;
      }
    }
  }
  std::vector<std::string> lines;
  for (std::size_t k = 0; k + 1 < best.size(); ++k) lines.push_back(join(words, best[k], best[k + 1]));
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Geometry

Point operator+(Point a, Point b) {
  return {a.x + b.x, a.y + b.y};
}
Point operator-(Point a, Point b) {
  return {a.x - b.x, a.y - b.y};
}
Point operator*(double k, Point a) {
  return {k * a.x, k * a.y};
}
double length(Point a) {
  return std::hypot(a.x, a.y);
}

// A quadratic Bézier curve.
struct Quad {
  Point p0, c, p2;
  [[nodiscard]] Point at(double t) const { return (1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * c + t * t * p2; }
  // The same curve over [t0, t1], itself a quadratic Bézier.
  [[nodiscard]] Quad part(double t0, double t1) const {
    const Point control = (1 - t0) * (1 - t1) * p0 + ((1 - t0) * t1 + t0 * (1 - t1)) * c + t0 * t1 * p2;
    return {at(t0), control, at(t1)};
  }
};

struct Rect {
  double left = 0, top = 0, right = 0, bottom = 0;
  [[nodiscard]] bool contains(Point p, double pad = 0) const {
    return p.x > left - pad && p.x < right + pad && p.y > top - pad && p.y < bottom + pad;
  }
  [[nodiscard]] bool overlaps(const Rect& o) const {
    return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
  }
};

// ---------------------------------------------------------------------------------------------------------
// Nodes

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

struct TextLine {
  std::string text;
  double size = kLabelFont;
  std::string_view colour = kTextColour;
  [[nodiscard]] double pitch() const { return std::round(size * 1.25); }
};

struct Box {
  std::vector<TextLine> lines;
  double width = 0;
  double height = 0;
  Point centre{};
  [[nodiscard]] Rect rect() const {
    return {centre.x - width / 2, centre.y - height / 2, centre.x + width / 2, centre.y + height / 2};
  }
};

Box box_of(const GraphChartState& s) {
  Box box;
  const std::string stock =
      std::isfinite(s.mean_stock) ? readable(s.mean_stock) + " full-time persons" : std::string();
  if (s.label.empty()) {
    box.lines.push_back({s.code});
  } else {
    const double code_width = text_width(s.code, kSmallFont);
    const double stock_width = text_width(stock, kSmallFont);
    for (auto& line : wrap(s.label, std::max({kMaxLabelWidth, code_width, stock_width}))) {
      box.lines.push_back({std::move(line)});
    }
    box.lines.push_back({s.code, kSmallFont, kGreyText});
  }
  if (!stock.empty()) box.lines.push_back({stock, kSmallFont});
  double widest = 0;
  box.height = 10;
  for (const auto& line : box.lines) {
    widest = std::max(widest, text_width(line.text, line.size));
    box.height += line.pitch();
  }
  box.width = std::ceil(widest + 20);
  return box;
}

std::string node_tooltip(const GraphChartState& s) {
  std::string out = s.label.empty() ? s.code : fmt::format("{} ({})", s.label, s.code);
  out += fmt::format(", {}", support_name(support_of(s)));
  if (s.absorbing) out += ", absorbing";
  if (std::isfinite(s.mean_stock)) out += fmt::format(": {} full-time persons", readable(s.mean_stock));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Layout

// Stops Kamada-Kawai at Boost's relative tolerance or after a fixed number of steps, whichever comes first:
// the tolerance alone need not be reached.
struct CappedTolerance {
  boost::layout_tolerance<double> tolerance{0.0001};
  int global_steps = 0;
  int local_steps = 0;

  template <typename Graph>
  bool operator()(double delta, typename boost::graph_traits<Graph>::vertex_descriptor p, const Graph& g,
                  bool global) {
    if (global) {
      local_steps = 0;
      return ++global_steps > 2000 || tolerance(delta, p, g, true);
    }
    return ++local_steps > 100 || tolerance(delta, p, g, false);
  }
};

// The states as an undirected graph for the layout: one edge per pair of states with an edge either way,
// and the graph's pieces joined in a chain by hidden longer edges (Kamada-Kawai needs a connected graph).
using LayoutGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                          boost::property<boost::edge_weight_t, double>>;

LayoutGraph layout_graph(const GraphChart& chart) {
  const std::size_t n = chart.states.size();
  LayoutGraph g(n);
  std::vector<double> degree(n, 0);
  for (const auto& e : chart.edges) degree[e.from] += 1, degree[e.to] += 1;
  std::set<std::pair<std::size_t, std::size_t>> joined;
  for (const auto& e : chart.edges) {
    if (joined.insert(std::minmax(e.from, e.to)).second) {
      boost::add_edge(e.from, e.to, 1 + kDegreeLength * (degree[e.from] + degree[e.to]), g);
    }
  }
  std::vector<int> component(n);
  const int pieces = boost::connected_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::size_t> first_of(static_cast<std::size_t>(pieces), n);
  for (std::size_t v = n; v-- > 0;) first_of[static_cast<std::size_t>(component[v])] = v;
  for (std::size_t k = 1; k < first_of.size(); ++k) {
    boost::add_edge(first_of[k - 1], first_of[k], kHiddenEdgeLength, g);
  }
  return g;
}

// Positions in layout units: a circle in input order (starting at the top), refined by Kamada-Kawai. The
// circle stays if the refinement fails.
std::vector<Point> spring_layout(const LayoutGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  if (n == 0) return {};
  if (n == 1) return {{0, 0}};
  using Topology = boost::square_topology<>;
  std::vector<Topology::point_type> position(n);
  const auto position_map =
      boost::make_iterator_property_map(position.begin(), boost::get(boost::vertex_index, g));
  boost::circle_graph_layout(g, position_map, 1.0);
  std::vector<Point> circle(n);
  for (std::size_t v = 0; v < n; ++v) {
    // Boost starts at angle 0 (the right); turn a quarter so that the first state is at the top.
    circle[v] = {position[v][1], -position[v][0]};
    position[v][0] = circle[v].x;
    position[v][1] = circle[v].y;
  }
  const Topology topology;
  const bool converged =
      boost::kamada_kawai_spring_layout(g, position_map, boost::get(boost::edge_weight, g), topology,
                                        boost::edge_length(1.0), CappedTolerance{});
  std::vector<Point> out(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (!converged || !std::isfinite(position[v][0]) || !std::isfinite(position[v][1])) return circle;
    out[v] = {position[v][0], position[v][1]};
  }
  return out;
}

// Evens `start` out over a rectangle `columns` × `rows` box-sized cells large with Fruchterman-Reingold,
// which keeps the states in the rectangle and about a cell apart: for graphs too crowded for the spring
// layout's shape.
std::vector<Point> spread_layout(const LayoutGraph& g, const std::vector<Point>& start, double columns,
                                 double rows) {
  const std::size_t n = start.size();
  if (n < 2) return start;
  double lo_x = start.front().x, hi_x = lo_x, lo_y = start.front().y, hi_y = lo_y;
  for (const Point p : start) {
    lo_x = std::min(lo_x, p.x), hi_x = std::max(hi_x, p.x);
    lo_y = std::min(lo_y, p.y), hi_y = std::max(hi_y, p.y);
  }
  const double right = std::max(0.5, columns - 0.5);
  const double bottom = std::max(0.5, rows - 0.5);
  using Topology = boost::rectangle_topology<>;
  std::vector<Topology::point_type> position(n);
  for (std::size_t v = 0; v < n; ++v) {
    position[v][0] =
        hi_x - lo_x < 1e-9 ? 0.5 * (0.5 + right) : 0.5 + (start[v].x - lo_x) / (hi_x - lo_x) * (right - 0.5);
    position[v][1] = hi_y - lo_y < 1e-9 ? 0.5 * (0.5 + bottom)
                                        : 0.5 + (start[v].y - lo_y) / (hi_y - lo_y) * (bottom - 0.5);
  }
  const Topology topology(0.5, 0.5, right, bottom);
  const auto index = boost::get(boost::vertex_index, g);
  std::vector<Topology::point_difference_type> displacement(n);
  boost::fruchterman_reingold_force_directed_layout(
      g, boost::make_iterator_property_map(position.begin(), index), topology,
      boost::attractive_force(boost::square_distance_attractive_force())
          .cooling(boost::linear_cooling<double>(200, 0.5))
          .force_pairs(boost::all_force_pairs())
          .displacement_map(boost::make_iterator_property_map(displacement.begin(), index)));
  std::vector<Point> out(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (!std::isfinite(position[v][0]) || !std::isfinite(position[v][1])) return start;
    out[v] = {position[v][0], position[v][1]};
  }
  return out;
}

// Scales the layout so that the centres span `area` less half the largest box on each side.
void place(std::vector<Box>& boxes, const std::vector<Point>& unit, const Rect& area) {
  double half_w = 0, half_h = 0;
  double lo_x = unit.front().x, hi_x = lo_x, lo_y = unit.front().y, hi_y = lo_y;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    half_w = std::max(half_w, boxes[i].width / 2);
    half_h = std::max(half_h, boxes[i].height / 2);
    lo_x = std::min(lo_x, unit[i].x), hi_x = std::max(hi_x, unit[i].x);
    lo_y = std::min(lo_y, unit[i].y), hi_y = std::max(hi_y, unit[i].y);
  }
  const auto scale = [](double u, double lo, double hi, double from, double to) {
    if (hi - lo < 1e-9 || to <= from) return (from + to) / 2;
    return from + (u - lo) / (hi - lo) * (to - from);
  };
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    boxes[i].centre = {scale(unit[i].x, lo_x, hi_x, area.left + half_w, area.right - half_w),
                       scale(unit[i].y, lo_y, hi_y, area.top + half_h, area.bottom - half_h)};
  }
}

// The room kept free between boxes side by side (x) and one above the other (y): the first that fits.
struct Gap {
  double x = 0;
  double y = 0;
};
constexpr std::array<Gap, 4> kGaps = {{{120, 50}, {90, 45}, {60, 40}, {44, 32}}};

bool crowded(const Box& a, const Box& b, Gap gap) {
  return std::abs(a.centre.x - b.centre.x) < (a.width + b.width) / 2 + gap.x &&
         std::abs(a.centre.y - b.centre.y) < (a.height + b.height) / 2 + gap.y;
}

void clamp_into(Box& b, const Rect& area) {
  b.centre.x = std::clamp(b.centre.x, area.left + b.width / 2, std::max(area.left, area.right - b.width / 2));
  b.centre.y =
      std::clamp(b.centre.y, area.top + b.height / 2, std::max(area.top, area.bottom - b.height / 2));
}

// Pushes crowded boxes apart, pair by pair, along the axis that needs the shorter move. True when no two
// boxes are crowded any more.
bool separate(std::vector<Box>& boxes, const Rect& area, Gap gap) {
  for (int round = 0; round < 400; ++round) {
    bool moved = false;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        Box& a = boxes[i];
        Box& b = boxes[j];
        if (!crowded(a, b, gap)) continue;
        moved = true;
        const double dx = b.centre.x - a.centre.x;
        const double dy = b.centre.y - a.centre.y;
        const double ox = (a.width + b.width) / 2 + gap.x - std::abs(dx) + 0.5;
        const double oy = (a.height + b.height) / 2 + gap.y - std::abs(dy) + 0.5;
        if (ox < oy) {
          const double sign = dx < 0 ? -1 : 1;
          a.centre.x -= sign * ox / 2;
          b.centre.x += sign * ox / 2;
        } else {
          const double sign = dy < 0 ? -1 : 1;
          a.centre.y -= sign * oy / 2;
          b.centre.y += sign * oy / 2;
        }
        clamp_into(a, area);
        clamp_into(b, area);
      }
    }
    if (!moved) return true;
  }
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      if (crowded(boxes[i], boxes[j], gap)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Edges

struct EdgeShape {
  Quad curve;     // centre to centre, until cut to the boxes' borders
  double t0 = 0;  // where it leaves the source box
  double t1 = 1;  // where it reaches the target box
  double width = kMinEdgeWidth;
  std::string_view colour;
  std::string label;  // "1,234/month", or "" for an unknown flow
  Rect label_rect{};
};

double edge_width(double flow, double largest) {
  if (!std::isfinite(flow) || flow <= 0 || largest <= 0) return kMinEdgeWidth;
  return kMinEdgeWidth + (kMaxEdgeWidth - kMinEdgeWidth) * std::sqrt(std::min(1.0, flow / largest));
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

// Where the curve, inside `r` (padded) at t = 0, first leaves it.
double leaving(const Quad& q, const Rect& r, double pad) {
  constexpr int kSamples = 64;
  double inside = 0;
  double outside = 1;
  for (int k = 1; k <= kSamples; ++k) {
    const double t = static_cast<double>(k) / kSamples;
    if (!r.contains(q.at(t), pad)) {
      outside = t;
      break;
    }
    inside = t;
  }
  for (int k = 0; k < 40; ++k) {
    const double mid = (inside + outside) / 2;
    (r.contains(q.at(mid), pad) ? inside : outside) = mid;
  }
  return outside;
}

// From centre to centre, the middle `bend` pixels off the straight line along `normal`; the ends move a
// quarter of that, so that edges between the same two boxes stay apart all along.
Quad bent(Point from, Point to, Point normal, double bend) {
  const Point shift = (bend / 4) * normal;
  return {from + shift, (0.5 * (from + to)) + (1.75 * bend) * normal, to + shift};
}

void clip(EdgeShape& s, const Rect& from, const Rect& to) {
  s.t0 = leaving(s.curve, from, kBorderGap);
  s.t1 = 1 - leaving({s.curve.p2, s.curve.c, s.curve.p0}, to, kBorderGap);
  if (s.t1 < s.t0) s.t1 = s.t0;
}

// Points along the visible part of the edge.
std::vector<Point> samples(const EdgeShape& s, int count = 32) {
  std::vector<Point> out;
  for (int k = 0; k <= count; ++k) out.push_back(s.curve.at(s.t0 + (s.t1 - s.t0) * k / count));
  return out;
}

// How many boxes other than its ends the visible part of an edge runs through, and 2 more if it leaves
// `area`.
int boxes_crossed(const EdgeShape& s, const std::vector<Box>& boxes, std::size_t from, std::size_t to,
                  const Rect& area) {
  const auto points = samples(s);
  int crossed = std::all_of(points.begin(), points.end(), [&](Point p) { return area.contains(p); }) ? 0 : 2;
  for (std::size_t b = 0; b < boxes.size(); ++b) {
    if (b == from || b == to) continue;
    const Rect r = boxes[b].rect();
    if (std::any_of(points.begin(), points.end(), [&](Point p) { return r.contains(p, 4); })) ++crossed;
  }
  return crossed;
}

// The width of the path that carries an edge's arrowhead: the head is 7 times as long and wide.
double marker_width(double edge_width) {
  return 1.4 + 0.3 * edge_width;
}

// One end of an edge on the border of a box.
struct EdgeEnd {
  std::size_t edge = 0;
  bool start = true;     // the edge leaves here (else its arrow arrives)
  double along = 0;      // position along the border, clockwise from the top left corner
  double footprint = 0;  // room taken on the border: the line's width, or the arrowhead's
};

// Positions on the border of `r`, clockwise from its top left corner, and back.
double along_border(const Rect& r, Point p) {
  const double w = r.right - r.left, h = r.bottom - r.top;
  const std::array<double, 4> distance = {std::abs(p.y - r.top), std::abs(p.x - r.right),
                                          std::abs(p.y - r.bottom), std::abs(p.x - r.left)};
  switch (std::min_element(distance.begin(), distance.end()) - distance.begin()) {
    case 0:
      return std::clamp(p.x - r.left, 0.0, w);
    case 1:
      return w + std::clamp(p.y - r.top, 0.0, h);
    case 2:
      return w + h + std::clamp(r.right - p.x, 0.0, w);
    default:
      return 2 * w + h + std::clamp(r.bottom - p.y, 0.0, h);
  }
}

Point border_point(const Rect& r, double along) {
  const double w = r.right - r.left, h = r.bottom - r.top;
  along = std::fmod(std::fmod(along, 2 * (w + h)) + 2 * (w + h), 2 * (w + h));
  if (along < w) return {r.left + along, r.top};
  if (along < w + h) return {r.right, r.top + along - w};
  if (along < 2 * w + h) return {r.right - (along - w - h), r.bottom};
  return {r.left, r.bottom - (along - 2 * w - h)};
}

// Moves the ends of edges (already border to border) along the border of the box they meet, so that lines
// and arrowheads meeting the same box keep apart; each moves as little as it can. The curves move with
// their ends.
void spread_ends(std::vector<EdgeShape>& shapes, const GraphChart& chart, const std::vector<Box>& boxes) {
  std::vector<Point> start_move(shapes.size()), end_move(shapes.size());
  for (std::size_t b = 0; b < boxes.size(); ++b) {
    const Rect r = boxes[b].rect();
    const Rect border{r.left - kBorderGap, r.top - kBorderGap, r.right + kBorderGap, r.bottom + kBorderGap};
    const double perimeter = 2 * (border.right - border.left + border.bottom - border.top);
    std::vector<EdgeEnd> ends;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      for (const bool start : {true, false}) {
        if ((start ? chart.edges[i].from : chart.edges[i].to) != b) continue;
        const Point p = start ? shapes[i].curve.p0 : shapes[i].curve.p2;
        const double footprint = start ? shapes[i].width : 7 * marker_width(shapes[i].width);
        ends.push_back({i, start, along_border(border, p), footprint});
      }
    }
    if (ends.size() < 2) continue;
    std::sort(ends.begin(), ends.end(), [](const EdgeEnd& a, const EdgeEnd& c) {
      return a.along != c.along ? a.along < c.along : a.edge < c.edge;
    });
    const std::size_t n = ends.size();
    // need[k]: room between end k and the next one round the border.
    std::vector<double> need(n);
    double total = 0;
    for (std::size_t k = 0; k < n; ++k) {
      need[k] = (ends[k].footprint + ends[(k + 1) % n].footprint) / 2 + 4;
      total += need[k];
    }
    if (total > perimeter) {
      for (auto& d : need) d *= perimeter / total;
    }
    std::vector<double> at(n);
    for (std::size_t k = 0; k < n; ++k) at[k] = ends[k].along;
    for (int round = 0; round < 200; ++round) {
      bool moved = false;
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t next = (k + 1) % n;
        const double gap = at[next] + (next == 0 ? perimeter : 0) - at[k];
        const double short_by = need[k] - gap;
        if (short_by <= 1e-6) continue;
        at[k] -= short_by / 2;
        at[next] += short_by / 2;
        moved = true;
      }
      if (!moved) break;
    }
    for (std::size_t k = 0; k < n; ++k) {
      const Point p = ends[k].start ? shapes[ends[k].edge].curve.p0 : shapes[ends[k].edge].curve.p2;
      (ends[k].start ? start_move : end_move)[ends[k].edge] = border_point(border, at[k]) - p;
    }
  }
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    Quad& q = shapes[i].curve;
    q = {q.p0 + start_move[i], q.c + 0.5 * (start_move[i] + end_move[i]), q.p2 + end_move[i]};
  }
}

// Curves for all edges. Edges between the same two states (either way) bend apart, kPairSpacing between
// their middles; a group also bends as a whole when that makes it pass fewer other boxes or keeps it in
// `area`.
std::vector<EdgeShape> shape_edges(const GraphChart& chart, const std::vector<Box>& boxes, const Rect& area) {
  double largest = 0;
  for (const auto& e : chart.edges) {
    if (std::isfinite(e.persons_per_month)) largest = std::max(largest, e.persons_per_month);
  }
  std::vector<EdgeShape> shapes(chart.edges.size());
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < chart.edges.size(); ++i) {
    const auto& e = chart.edges[i];
    groups[std::minmax(e.from, e.to)].push_back(i);
    shapes[i].width = edge_width(e.persons_per_month, largest);
    shapes[i].colour = edge_colour(e);
    if (std::isfinite(e.persons_per_month)) shapes[i].label = readable(e.persons_per_month) + "/month";
  }
  static constexpr std::array<double, 7> kGroupBends = {0, 45, -45, 90, -90, 140, -140};
  for (const auto& [pair, members] : groups) {
    const Point lo = boxes[pair.first].centre;
    const Point hi = boxes[pair.second].centre;
    const Point chord = hi - lo;
    const double len = std::max(1e-9, length(chord));
    const Point normal{-chord.y / len, chord.x / len};
    const double k = static_cast<double>(members.size());
    int best_crossed = -1;
    std::vector<EdgeShape> best;
    for (const double group_bend : kGroupBends) {
      std::vector<EdgeShape> trial;
      int crossed = 0;
      for (std::size_t m = 0; m < members.size(); ++m) {
        const auto& e = chart.edges[members[m]];
        EdgeShape s = shapes[members[m]];
        const double bend = group_bend + (static_cast<double>(m) - (k - 1) / 2) * kPairSpacing;
        s.curve = bent(boxes[e.from].centre, boxes[e.to].centre, normal, bend);
        clip(s, boxes[e.from].rect(), boxes[e.to].rect());
        crossed += boxes_crossed(s, boxes, e.from, e.to, area);
        trial.push_back(std::move(s));
      }
      if (best_crossed < 0 || crossed < best_crossed) best_crossed = crossed, best = std::move(trial);
      if (best_crossed == 0) break;
    }
    for (std::size_t m = 0; m < members.size(); ++m) shapes[members[m]] = std::move(best[m]);
  }
  for (auto& shape : shapes) {
    shape.curve = shape.curve.part(shape.t0, shape.t1);
    shape.t0 = 0;
    shape.t1 = 1;
  }
  spread_ends(shapes, chart, boxes);
  return shapes;
}

// What speaks against a label at `r` for edge `i`, from its own edge's sample points and the others':
// covering a box, an earlier label or the picture's edge weighs most, then an arrowhead, then lying nearer
// another edge than its own (it would read as that edge's), crossing other edges, and hiding its own line.
double label_cost(const Rect& r, std::size_t i, const std::vector<EdgeShape>& shapes,
                  const std::vector<std::vector<Point>>& points, const std::vector<Box>& boxes,
                  const std::vector<Rect>& placed, const Rect& area) {
  double cost = 0;
  if (r.left < area.left || r.right > area.right || r.top < area.top || r.bottom > area.bottom) cost += 1000;
  for (const auto& b : boxes) cost += r.overlaps(b.rect()) ? 1000 : 0;
  for (const auto& p : placed) cost += r.overlaps(p) ? 1000 : 0;
  const Point centre{(r.left + r.right) / 2, (r.top + r.bottom) / 2};
  const auto nearest = [&](std::size_t j) {
    double d = 1e300;
    for (const Point p : points[j]) d = std::min(d, length(p - centre));
    return d;
  };
  const double own = nearest(i);
  bool nearer_other = false;
  for (std::size_t j = 0; j < shapes.size(); ++j) {
    const auto covered =
        std::count_if(points[j].begin(), points[j].end(), [&](Point p) { return r.contains(p, 2); });
    if (j == i) {
      cost += 12.0 * static_cast<double>(covered) / static_cast<double>(points[j].size());
      continue;
    }
    if (r.contains(shapes[j].curve.p2, 7 * marker_width(shapes[j].width) / 2)) cost += 40;
    if (covered > 0) cost += 10;
    nearer_other = nearer_other || nearest(j) < own;
  }
  return cost + (nearer_other ? 15 : 0);
}

// Puts each label on its own edge or just beside it, as near the middle as it can at the least cost; only
// where that would cover a box or an earlier label does it look further off the edge.
void place_labels(std::vector<EdgeShape>& shapes, const std::vector<Box>& boxes, const Rect& area) {
  static constexpr std::array<double, 11> kAlong = {0.5,  0.42, 0.58, 0.34, 0.66, 0.27,
                                                    0.73, 0.2,  0.8,  0.14, 0.86};
  static constexpr std::array<double, 3> kNear = {0, 1, -1};  // in multiples of the room beside the line
  static constexpr std::array<double, 6> kFar = {2.5, -2.5, 4.5, -4.5, 7, -7};
  std::vector<std::vector<Point>> points;
  for (const auto& s : shapes) points.push_back(samples(s, 48));
  std::vector<Rect> placed;
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    auto& s = shapes[i];
    if (s.label.empty()) continue;
    const double w = text_width(s.label, kEdgeFont) + 8;
    const double h = kEdgeFont + 5;
    double best = -1;
    const auto consider = [&](const auto& offsets) {
      for (const double along : kAlong) {
        const double t = s.t0 + (s.t1 - s.t0) * along;
        const Point on = s.curve.at(t);
        const Point ahead = s.curve.at(std::min(s.t1, t + 0.01)) - s.curve.at(std::max(s.t0, t - 0.01));
        const double len = std::max(1e-9, length(ahead));
        const Point normal{-ahead.y / len, ahead.x / len};
        const double aside = std::abs(normal.x) * w / 2 + std::abs(normal.y) * h / 2 + s.width / 2 + 2;
        for (const double side : offsets) {
          const Point centre = on + (side * aside) * normal;
          const Rect r{centre.x - w / 2, centre.y - h / 2, centre.x + w / 2, centre.y + h / 2};
          const double cost = std::abs(along - 0.5) + 0.3 * std::abs(side) +
                              label_cost(r, i, shapes, points, boxes, placed, area);
          if (best < 0 || cost < best) best = cost, s.label_rect = r;
        }
      }
    };
    consider(kNear);
    if (best >= 1000) consider(kFar);
    placed.push_back(s.label_rect);
  }
}

// The arrowhead of Canvas::arrow_marker is 7 × the stroke width of its path long, and its tip lies
// 0.7 × that width beyond the path's end; the wide edge stops at the head's base.
void draw_edge(svg::Canvas& canvas, const EdgeShape& s, GraphEdgeKind kind, const std::string& marker) {
  const Point end = s.curve.at(s.t1);
  const double visible = length(end - s.curve.at(s.t0));
  const double head_width = std::clamp((visible - 4) / 7, 0.6, marker_width(s.width));
  const double head = 7 * head_width;
  // The t where the curve is `head` - 1 pixels from the end (the curve nears the end monotonically).
  double lo = s.t0, hi = s.t1;
  for (int k = 0; k < 40; ++k) {
    const double mid = (lo + hi) / 2;
    (length(end - s.curve.at(mid)) > head - 1 ? lo : hi) = mid;
  }
  const Quad body = s.curve.part(s.t0, lo);
  const std::string dash = dash_of(kind, s.width);
  canvas.path(fmt::format("M{},{} Q{},{} {},{}", svg::coordinate(body.p0.x), svg::coordinate(body.p0.y),
                          svg::coordinate(body.c.x), svg::coordinate(body.c.y), svg::coordinate(body.p2.x),
                          svg::coordinate(body.p2.y)),
              {s.colour, s.width, dash});
  const Point base = body.p2;
  const Point direction = end - base;
  const double dl = std::max(1e-9, length(direction));
  const Point tip_end = end - (0.7 * head_width / dl) * direction;
  canvas.path(fmt::format("M{},{} L{},{}", svg::coordinate(base.x), svg::coordinate(base.y),
                          svg::coordinate(tip_end.x), svg::coordinate(tip_end.y)),
              {s.colour, head_width}, "none", marker);
  if (!s.label.empty()) {
    const Rect& r = s.label_rect;
    canvas.rect({r.left, r.top}, r.right - r.left, r.bottom - r.top, "#FFFFFF");
    canvas.text({(r.left + r.right) / 2, (r.top + r.bottom) / 2 + 0.36 * kEdgeFont}, s.label,
                {kEdgeFont, svg::Anchor::middle, false, s.colour == kZeroColour ? kGreyText : s.colour});
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drawing

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
                {line.size, svg::Anchor::middle, false, line.colour});
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

std::string render_state_graph_chart(const GraphChart& chart) {
  check(chart);
  std::vector<Box> boxes;
  for (const auto& s : chart.states) boxes.push_back(box_of(s));
  const LayoutGraph graph = layout_graph(chart);
  const std::vector<Point> springs = spring_layout(graph);

  // The spring layout with wide gaps, then narrower; then spread evenly; then a taller picture.
  double height = kHeight;
  Rect area{kMargin, kGraphTop, kWidth - kMargin, height - kLegendHeight - 8};
  const auto fits = [&] {
    area.bottom = height - kLegendHeight - 8;
    for (const Gap gap : kGaps) {
      place(boxes, springs, area);
      if (separate(boxes, area, gap)) return true;
    }
    double cell_w = 0, cell_h = 0;
    for (const auto& b : boxes) cell_w = std::max(cell_w, b.width), cell_h = std::max(cell_h, b.height);
    const Gap gap = kGaps.back();
    const auto spread = spread_layout(graph, springs, (area.right - area.left) / (cell_w + gap.x),
                                      (area.bottom - area.top) / (cell_h + gap.y));
    place(boxes, spread, area);
    return separate(boxes, area, gap);
  };
  for (int step = 0; !boxes.empty() && !fits() && step < kMaxHeightSteps; ++step) height += kHeightStep;

  svg::Canvas canvas(kWidth, height, chart.title, chart.id);
  if (!chart.title.empty()) canvas.text({12, 22}, chart.title, {15, svg::Anchor::start, true, kTextColour});

  std::vector<EdgeShape> shapes = shape_edges(chart, boxes, area);
  place_labels(shapes, boxes, area);
  std::map<std::string_view, std::string> markers;
  for (std::size_t i = 0; i < chart.edges.size(); ++i) {
    const auto& e = chart.edges[i];
    auto marker = markers.find(shapes[i].colour);
    if (marker == markers.end())
      marker = markers.emplace(shapes[i].colour, canvas.arrow_marker(shapes[i].colour)).first;
    canvas.open_group(edge_tooltip(chart, e));
    draw_edge(canvas, shapes[i], e.kind, marker->second);
    canvas.close_group();
  }
  for (std::size_t i = 0; i < chart.states.size(); ++i) draw_node(canvas, chart.states[i], boxes[i]);
  draw_legend(canvas, chart, height - kLegendHeight);
  return canvas.str();
}

}  // namespace labsim::results
