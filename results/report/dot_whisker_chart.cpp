#include "results/report/dot_whisker_chart.hpp"

#include <algorithm>
#include <cmath>

#include "results/report/chart_axes.hpp"
#include "results/report/svg_canvas.hpp"

namespace labsim::results {

namespace {

constexpr double kRowHeight = 26;
constexpr std::string_view kEstimateColour = "#0072B2";
constexpr std::string_view kReferenceColour = "#D55E00";

void draw_reference(svg::Canvas& canvas, double x, double y) {
  const svg::Stroke outline{kReferenceColour, 2.5};
  canvas.line({x, y - 8}, {x, y + 8}, outline);
}

}  // namespace

std::string render_dot_whisker_chart(const DotWhiskerChart& c) {
  double label_px = 0;
  for (const auto& row : c.rows) label_px = std::max(label_px, chart::text_width(row.label, 12));
  const double top = 76;
  const double height = top + kRowHeight * static_cast<double>(c.rows.size()) + 54;
  const chart::Area area{label_px + 28, top, c.width - label_px - 28 - 24,
                         kRowHeight * static_cast<double>(c.rows.size())};

  chart::Range r;
  for (const auto& row : c.rows) {
    for (const double v : {row.estimate, row.low80, row.high80, row.low95, row.high95, row.reference})
      r.include(v);
  }
  if (c.zero_line) r.include(0);
  const chart::Ticks ticks = chart::nice_ticks(r.lo, r.hi, 8);
  const chart::LinearScale x{ticks.values.front(), ticks.values.back(), area.left, area.right()};

  svg::Canvas canvas(c.width, height, c.title, c.id);
  chart::draw_title(canvas, c.title, c.subtitle);
  std::vector<chart::LegendEntry> legend{{c.estimate_name + ", 80% and 95% bands", kEstimateColour}};
  if (!c.reference_name.empty()) legend.push_back({c.reference_name, kReferenceColour});
  double legend_x = 12;
  for (const auto& entry : legend) {
    chart::draw_legend(canvas, {legend_x, 58}, {entry});
    legend_x += chart::legend_width({entry}) + 24;
  }

  for (const double v : ticks.values) canvas.line({x(v), area.top}, {x(v), area.bottom()}, {"#e3e3e3", 1});
  chart::draw_x_axis(canvas, area, x, ticks, c.x_label);
  if (c.zero_line) canvas.line({x(0), area.top}, {x(0), area.bottom()}, {"#444444", 1.2});

  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const auto& row = c.rows[i];
    const double y = area.top + kRowHeight * (static_cast<double>(i) + 0.5);
    canvas.open_group(row.tooltip.empty() ? row.label : row.tooltip);
    if (i % 2 == 0)
      canvas.polygon({{area.left, y - kRowHeight / 2},
                      {area.right(), y - kRowHeight / 2},
                      {area.right(), y + kRowHeight / 2},
                      {area.left, y + kRowHeight / 2}},
                     "#f2f2f2", 0.6);
    canvas.text({area.left - 10, y + 4}, row.label, {12, svg::Anchor::end, row.emphasised});
    if (std::isfinite(row.low95) && std::isfinite(row.high95)) {
      canvas.line({x(row.low95), y}, {x(row.high95), y}, {kEstimateColour, 1.5});
    }
    if (std::isfinite(row.low80) && std::isfinite(row.high80)) {
      canvas.line({x(row.low80), y}, {x(row.high80), y}, {kEstimateColour, 5});
    }
    if (std::isfinite(row.reference) && !c.reference_name.empty())
      draw_reference(canvas, x(row.reference), y);
    if (std::isfinite(row.estimate)) {
      const svg::Stroke ring{"#ffffff", 1.5};
      canvas.circle({x(row.estimate), y}, 5.5, kEstimateColour, &ring);
    }
    canvas.close_group();
  }
  return canvas.str();
}

}  // namespace labsim::results
