// Routes the state graph chart's edges and places their flow labels; see state_graph_edges.hpp.
#include "results/report/state_graph_edges.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

#include "results/report/chart_axes.hpp"
#include "results/text/numbers.hpp"

namespace labsim::results::graph_chart {

namespace {

using chart::text_width;

constexpr double kPairSpacing = 44;  // between the middles of edges joining the same two states

double edge_width(double flow, double largest) {
  if (!std::isfinite(flow) || flow <= 0 || largest <= 0) return kMinEdgeWidth;
  return kMinEdgeWidth + (kMaxEdgeWidth - kMinEdgeWidth) * std::sqrt(std::min(1.0, flow / largest));
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

}  // namespace

double marker_width(double edge_width) {
  return 1.4 + 0.3 * edge_width;
}

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
    if (std::isfinite(e.persons_per_month)) shapes[i].label = readable_number(e.persons_per_month) + "/month";
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

Arrow arrow_of(const EdgeShape& s) {
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
  const Point base = body.p2;
  const Point direction = end - base;
  const double dl = std::max(1e-9, length(direction));
  return {body, base, end - (0.7 * head_width / dl) * direction, head_width};
}

}  // namespace labsim::results::graph_chart
