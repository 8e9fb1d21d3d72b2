// What every chart shares: the map from data to pixels, round tick values, axes with gridlines, the legend.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "results/report/svg_canvas.hpp"

namespace labsim::results::chart {

// How opaque the 95% bands are drawn, in charts and their legends alike.
inline constexpr double kBandOpacity = 0.18;

// The plotting rectangle in pixels.
struct Area {
  double left = 0;
  double top = 0;
  double width = 0;
  double height = 0;
  [[nodiscard]] double right() const { return left + width; }
  [[nodiscard]] double bottom() const { return top + height; }
};

// Maps [lo, hi] in data units onto [from, to] in pixels (to < from for a y axis, which grows upwards).
struct LinearScale {
  double lo = 0;
  double hi = 1;
  double from = 0;
  double to = 1;
  [[nodiscard]] double operator()(double value) const {
    return hi == lo ? (from + to) / 2 : from + (value - lo) / (hi - lo) * (to - from);
  }
};

struct Ticks {
  std::vector<double> values;  // ascending; the first and last enclose the data
  double step = 1;
};

// At most `at_most` (>= 2) ticks 1, 2 or 5 × 10^k apart, the first at or below `lo` and the last at or
// above `hi`. lo == hi gets a range around the value; non-finite bounds give the ticks of [0, 1].
Ticks nice_ticks(double lo, double hi, int at_most);

// A tick value with as many decimals as the step needs and thousands separated by commas: "1,200", "0.25".
std::string tick_label(double value, double step);

// "2011-03-01" -> "Mar 2011"; other text is returned as it is.
std::string month_label(std::string_view iso_date);

// The range of the finite values seen so far.
struct Range {
  double lo = 0;
  double hi = 0;
  bool empty = true;
  void include(double value);
};

// Horizontal gridlines and labels at the ticks, the axis label turned up the left edge.
void draw_y_axis(svg::Canvas& canvas, const Area& area, const LinearScale& y, const Ticks& ticks,
                 std::string_view label);
// Numeric x axis: ticks under the plot and the label centred below.
void draw_x_axis(svg::Canvas& canvas, const Area& area, const LinearScale& x, const Ticks& ticks,
                 std::string_view label);
// Month x axis over points 0..months-1: a tick at each month, a label at every n-th month so labels never
// crowd, and the label below.
void draw_month_axis(svg::Canvas& canvas, const Area& area, const LinearScale& x,
                     const std::vector<std::string>& months, std::string_view label);

// Title (bold) and subtitle (grey) at the top left of the picture.
void draw_title(svg::Canvas& canvas, std::string_view title, std::string_view subtitle);

struct LegendEntry {
  std::string name;
  std::string_view colour;
  std::string_view dash = "";  // "" solid
  bool band = false;           // also shows the shaded band
};

// The width a legend of these entries needs in pixels.
double legend_width(const std::vector<LegendEntry>& entries);
// A column of entries from the top-left corner `at`.
void draw_legend(svg::Canvas& canvas, svg::Point at, const std::vector<LegendEntry>& entries);

// Rough width of `text` in pixels at `font_size`: charts lay text out without a font engine, so they count
// UTF-8 code points at 0.6 em each (generous for the sans-serif fonts the page asks for).
double text_width(std::string_view text, double font_size);

}  // namespace labsim::results::chart
