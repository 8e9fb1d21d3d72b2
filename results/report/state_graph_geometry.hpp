// Plane geometry of the state graph chart: point arithmetic, rectangles and quadratic Bézier curves, in
// pixels.
#pragma once

#include <cmath>

#include "results/report/svg_canvas.hpp"

namespace labsim::results::graph_chart {

using svg::Point;

inline Point operator+(Point a, Point b) {
  return {a.x + b.x, a.y + b.y};
}
inline Point operator-(Point a, Point b) {
  return {a.x - b.x, a.y - b.y};
}
inline Point operator*(double k, Point a) {
  return {k * a.x, k * a.y};
}
inline double length(Point a) {
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

}  // namespace labsim::results::graph_chart
