// Sizes the state graph chart's boxes and places them: the layout graph for Boost (one edge per pair of
// states joined either way, longer for busy states, hidden edges between the pieces), the spring layout, the
// spread layout for crowded graphs, and the pushing apart that keeps the boxes clear of each other.
#include "results/report/state_graph_layout.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/circle_layout.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/kamada_kawai_spring_layout.hpp>
#include <boost/graph/topology.hpp>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "results/report/chart_axes.hpp"
#include "results/text/numbers.hpp"

namespace labsim::results::graph_chart {

namespace {

using chart::text_width;

constexpr double kGraphTop = 44;    // below the title
constexpr double kHeightStep = 80;  // added when the boxes do not fit
constexpr int kMaxHeightSteps = 8;

constexpr double kMaxLabelWidth = 170;  // wider labels wrap, unless the code is wider still

// Layout lengths, in edge lengths: an edge is 1 long plus kDegreeLength for each edge at either end, so
// that busy states get room; hidden edges join the graph's pieces.
constexpr double kDegreeLength = 0.1;
constexpr double kHiddenEdgeLength = 2;

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

}  // namespace

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

Box box_of(const GraphChartState& s) {
  Box box;
  const std::string stock =
      std::isfinite(s.mean_stock) ? readable_number(s.mean_stock) + " full-time persons" : std::string();
  if (s.label.empty()) {
    box.lines.push_back({s.code});
  } else {
    const double code_width = text_width(s.code, kSmallFont);
    const double stock_width = text_width(stock, kSmallFont);
    for (auto& line : wrap(s.label, std::max({kMaxLabelWidth, code_width, stock_width}))) {
      box.lines.push_back({std::move(line)});
    }
    box.lines.push_back({s.code, kSmallFont, true});
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

Layout lay_out(const GraphChart& chart) {
  std::vector<Box> boxes;
  for (const auto& s : chart.states) boxes.push_back(box_of(s));
  const LayoutGraph graph = layout_graph(chart);
  const std::vector<Point> springs = spring_layout(graph);

  // The spring layout with wide gaps, then narrower; then spread evenly; then a taller picture.
  double height = kChartHeight;
  Rect area{kMargin, kGraphTop, kChartWidth - kMargin, height - kLegendHeight - 8};
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
  return {std::move(boxes), area, height};
}

}  // namespace labsim::results::graph_chart
