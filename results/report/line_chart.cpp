#include "results/report/line_chart.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "results/report/chart_axes.hpp"
#include "results/report/svg_canvas.hpp"

namespace labsim::results {

namespace {

using chart::Area;
using chart::LinearScale;
using svg::Point;

std::size_t point_count(const LineChart& c) {
  return c.months.empty() ? c.x.size() : c.months.size();
}

double x_value(const LineChart& c, std::size_t i) {
  return c.months.empty() ? c.x[i] : static_cast<double>(i);
}

void check(const LineChart& c) {
  const std::size_t n = point_count(c);
  for (const auto& s : c.series) {
    const bool band_ok = (s.low.empty() && s.high.empty()) || (s.low.size() == n && s.high.size() == n);
    if (s.y.size() != n || !band_ok) {
      throw std::invalid_argument("chart '" + c.id + "': series '" + s.name +
                                  "' does not have one value per x");
    }
  }
}

chart::Range y_range(const LineChart& c) {
  chart::Range r;
  for (const auto& s : c.series) {
    for (const double v : s.y) r.include(v);
    for (const double v : s.low) r.include(v);
    for (const double v : s.high) r.include(v);
  }
  if (c.y_from_zero) r.include(0);
  if (c.reference_y) r.include(*c.reference_y);
  if (c.y_max && !r.empty) r.hi = std::min(std::max(r.hi, r.lo), *c.y_max);
  return r;
}

// Runs of consecutive points where every given column is finite, as index ranges [first, last].
std::vector<std::pair<std::size_t, std::size_t>> finite_runs(
    std::size_t n, const std::vector<const std::vector<double>*>& cols) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t i = 0;
  const auto finite = [&](std::size_t k) {
    return std::all_of(cols.begin(), cols.end(), [&](const auto* col) { return std::isfinite((*col)[k]); });
  };
  while (i < n) {
    while (i < n && !finite(i)) ++i;
    if (i == n) break;
    const std::size_t first = i;
    while (i < n && finite(i)) ++i;
    runs.emplace_back(first, i - 1);
  }
  return runs;
}

// The points of one curve over [first, last]; steps hold each value until the next x.
std::vector<Point> curve(const LineChart& c, const std::vector<double>& ys, std::size_t first,
                         std::size_t last, const LinearScale& x, const LinearScale& y) {
  std::vector<Point> points;
  for (std::size_t i = first; i <= last; ++i) {
    if (c.steps && i > first) points.push_back({x(x_value(c, i)), y(ys[i - 1])});
    points.push_back({x(x_value(c, i)), y(ys[i])});
  }
  return points;
}

void draw_band(svg::Canvas& canvas, const LineChart& c, const LineSeries& s, std::string_view colour,
               const LinearScale& x, const LinearScale& y) {
  if (s.low.empty()) return;
  for (const auto& [first, last] : finite_runs(point_count(c), {&s.low, &s.high})) {
    std::vector<Point> outline = curve(c, s.high, first, last, x, y);
    const std::vector<Point> lower = curve(c, s.low, first, last, x, y);
    outline.insert(outline.end(), lower.rbegin(), lower.rend());
    canvas.polygon(outline, colour, chart::kBandOpacity);
  }
}

void draw_line(svg::Canvas& canvas, const LineChart& c, const LineSeries& s, std::string_view colour,
               const LinearScale& x, const LinearScale& y, double width) {
  const std::size_t n = point_count(c);
  for (const auto& [first, last] : finite_runs(n, {&s.y})) {
    if (first == last) {
      canvas.circle({x(x_value(c, first)), y(s.y[first])}, width, colour);
    } else {
      canvas.polyline(curve(c, s.y, first, last, x, y), {colour, width, s.dashed ? "6 4" : ""});
    }
  }
}

// Axes, bands and lines of `c` inside `area`; compact panels get fewer ticks and no axis labels.
void draw_plot(svg::Canvas& canvas, const Area& area, const LineChart& c, bool compact) {
  const chart::Range r = y_range(c);
  const chart::Ticks y_ticks = chart::nice_ticks(r.lo, r.hi, compact ? 4 : 6);
  const LinearScale y{y_ticks.values.front(), y_ticks.values.back(), area.bottom(), area.top};
  chart::draw_y_axis(canvas, area, y, y_ticks, compact ? "" : c.y_label);

  const std::size_t n = point_count(c);
  LinearScale x{0, 1, area.left, area.right()};
  if (c.months.empty()) {
    chart::Range xr;
    for (const double v : c.x) xr.include(v);
    const chart::Ticks x_ticks = chart::nice_ticks(xr.lo, xr.hi, compact ? 4 : 9);
    x = {x_ticks.values.front(), x_ticks.values.back(), area.left, area.right()};
    chart::draw_x_axis(canvas, area, x, x_ticks, compact ? "" : c.x_label);
  } else {
    x = {0, static_cast<double>(n > 1 ? n - 1 : 1), area.left, area.right()};
    chart::draw_month_axis(canvas, area, x, c.months, compact ? "" : c.x_label);
  }
  if (c.reference_y)
    canvas.line({area.left, y(*c.reference_y)}, {area.right(), y(*c.reference_y)}, {"#444444", 1.2});
  for (std::size_t i = 0; i < c.series.size(); ++i)
    draw_band(canvas, c, c.series[i], svg::series_colour(i), x, y);
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    draw_line(canvas, c, c.series[i], svg::series_colour(i), x, y, compact ? 1.6 : 2.2);
  }
}

std::vector<chart::LegendEntry> legend_of(const std::vector<LineSeries>& series) {
  std::vector<chart::LegendEntry> entries;
  for (std::size_t i = 0; i < series.size(); ++i) {
    entries.push_back(
        {series[i].name, svg::series_colour(i), series[i].dashed ? "6 4" : "", !series[i].low.empty()});
  }
  return entries;
}

}  // namespace

std::string render_line_chart(const LineChart& c) {
  check(c);
  svg::Canvas canvas(c.width, c.height, c.title, c.id);
  chart::draw_title(canvas, c.title, c.subtitle);
  const auto legend = legend_of(c.series);
  const double legend_px = chart::legend_width(legend);
  const Area area{78, 58, c.width - 78 - legend_px - 24, c.height - 58 - 52};
  draw_plot(canvas, area, c, false);
  chart::draw_legend(canvas, {area.right() + 18, area.top + 6}, legend);
  return canvas.str();
}

std::string render_small_multiples(const SmallMultiples& m) {
  for (const auto& p : m.panels) check(p);
  const int columns = std::max(1, m.columns);
  const auto count = static_cast<int>(m.panels.size());
  const int rows = (count + columns - 1) / columns;
  const auto legend =
      m.panels.empty() ? std::vector<chart::LegendEntry>{} : legend_of(m.panels.front().series);
  const double legend_px = chart::legend_width(legend);
  const double left = 40, top = 62;
  const double width = left + columns * m.panel_width + legend_px + 30;
  const double height = top + rows * m.panel_height + 44;
  svg::Canvas canvas(width, height, m.title, m.id);
  chart::draw_title(canvas, m.title, m.subtitle);
  for (int k = 0; k < count; ++k) {
    const auto& panel = m.panels[static_cast<std::size_t>(k)];
    const double px = left + (k % columns) * m.panel_width;
    const double py = top + (k / columns) * m.panel_height;
    canvas.text({px + 48, py + 12}, panel.title, {12, svg::Anchor::start, true});
    draw_plot(canvas, {px + 48, py + 22, m.panel_width - 62, m.panel_height - 50}, panel, true);
  }
  canvas.text({14, top + rows * m.panel_height / 2}, m.y_label, {12, svg::Anchor::middle}, -90);
  canvas.text({left + columns * m.panel_width / 2, height - 12}, m.x_label, {12, svg::Anchor::middle});
  chart::draw_legend(canvas, {left + columns * m.panel_width + 14, top + 16}, legend);
  return canvas.str();
}

}  // namespace labsim::results
