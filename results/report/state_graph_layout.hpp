// Where the state graph chart puts its states: a box per state sized to its text, placed by Kamada-Kawai
// from a circle (Fruchterman-Reingold when that is too crowded), pushed apart, the picture made taller when
// the boxes do not fit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "results/report/state_graph_chart.hpp"
#include "results/report/state_graph_geometry.hpp"

namespace labsim::results::graph_chart {

inline constexpr double kChartWidth = 900;
inline constexpr double kChartHeight = 600;  // at least: taller when the boxes need the room
inline constexpr double kMargin = 14;
inline constexpr double kLegendHeight = 50;  // two rows under the graph

inline constexpr double kLabelFont = 13;
inline constexpr double kSmallFont = 11;

struct TextLine {
  std::string text;
  double size = kLabelFont;
  bool muted = false;  // drawn grey, e.g. the state's code under its label
  [[nodiscard]] double pitch() const { return std::round(size * 1.25); }
};

// A state's box: its lines of text, top to bottom, and its size and centre in pixels.
struct Box {
  std::vector<TextLine> lines;
  double width = 0;
  double height = 0;
  Point centre{};
  [[nodiscard]] Rect rect() const {
    return {centre.x - width / 2, centre.y - height / 2, centre.x + width / 2, centre.y + height / 2};
  }
};

// The label on one line if it fits in `limit` pixels, else split at spaces into two or three lines whose
// widest is as narrow as can be.
std::vector<std::string> wrap(std::string_view label, double limit);

// The box of one state, not yet placed: the label (wrapped), the code and the mean stock, or the code alone.
Box box_of(const GraphChartState& s);

struct Layout {
  std::vector<Box> boxes;        // one per state, in order, centred where they are drawn
  Rect area;                     // the graph's part of the picture, under the title and above the legend
  double height = kChartHeight;  // of the picture; kChartWidth wide
};

// Boxes inside `area` and, unless even the tallest picture is too crowded, apart by at least 44 pixels side
// by side or 32 one above the other. The same chart always gives the same layout.
Layout lay_out(const GraphChart& chart);

}  // namespace labsim::results::graph_chart
