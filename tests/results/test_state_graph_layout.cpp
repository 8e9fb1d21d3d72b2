// The state graph chart's boxes: their text and size, and where the layout puts them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "results/report/chart_axes.hpp"
#include "results/report/state_graph_layout.hpp"

namespace {

using namespace labsim::results;
using namespace labsim::results::graph_chart;

// `n` states with labels of two to four words, each joined to the next and every third to the one `jump`
// further on.
GraphChart chain(std::size_t n, std::size_t jump = 4) {
  GraphChart c;
  c.id = "chain";
  for (std::size_t i = 0; i < n; ++i) {
    std::string label = "tilstand";
    for (std::size_t w = 0; w < 1 + i % 3; ++w) label += " nummer";
    GraphChartState s;
    s.code = "state_" + std::to_string(i);
    s.label = label + " " + std::to_string(i);
    s.mean_stock = 100.0 * static_cast<double>(i + 1);
    c.states.push_back(s);
  }
  for (std::size_t i = 0; i + 1 < n; ++i) c.edges.push_back({i, i + 1, GraphEdgeKind::transition, 5});
  for (std::size_t i = 0; i + jump < n; i += 3)
    c.edges.push_back({i + jump, i, GraphEdgeKind::transition, 1});
  return c;
}

bool inside(const Rect& inner, const Rect& outer) {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top &&
         inner.bottom <= outer.bottom;
}

// Boxes inside the graph's area, the area inside the picture above the legend, and any two boxes at least
// 44 pixels apart side by side or 32 one above the other.
void check_layout(const Layout& layout, std::size_t states) {
  REQUIRE(layout.boxes.size() == states);
  CHECK(inside(layout.area, {0, 0, kChartWidth, layout.height - kLegendHeight}));
  for (std::size_t i = 0; i < states; ++i) {
    INFO("box " << i);
    const Rect a = layout.boxes[i].rect();
    CHECK(inside(a, layout.area));
    for (std::size_t j = i + 1; j < states; ++j) {
      INFO("and box " << j);
      const Rect b = layout.boxes[j].rect();
      const bool apart_x = a.right + 44 <= b.left || b.right + 44 <= a.left;
      const bool apart_y = a.bottom + 32 <= b.top || b.bottom + 32 <= a.top;
      CHECK((apart_x || apart_y));
    }
  }
}

}  // namespace

TEST_CASE("state_graph_layout: a label that fits stays on one line", "[results]") {
  CHECK(wrap("sygedagpenge", 170) == std::vector<std::string>{"sygedagpenge"});
  // One word wider than the limit cannot be split.
  CHECK(wrap("arbejdsløshedsdagpengeforsikring", 50) ==
        std::vector<std::string>{"arbejdsløshedsdagpengeforsikring"});
}

TEST_CASE("state_graph_layout: a long label wraps at spaces, its widest line as narrow as can be",
          "[results]") {
  // 30 code points at 13 px * 0.6 = 234 px: too wide for 170. Breaking after the first word leaves the
  // narrower widest line (19 code points, against 22 after the second).
  CHECK(wrap("a-dagpenge (forsikrede ledige)", 170) ==
        std::vector<std::string>{"a-dagpenge", "(forsikrede ledige)"});
  // Two lines are still too wide for 40 px (9 code points, 70 px); three are narrower.
  CHECK(wrap("aaaa bbbb cccc", 40) == std::vector<std::string>{"aaaa", "bbbb", "cccc"});
  // Three lines only when they are narrower than the best two.
  CHECK(wrap("aaaa bbbb cccc dddd", 60) == std::vector<std::string>{"aaaa bbbb", "cccc dddd"});
  // Spaces in a row count as one.
  CHECK(wrap("aaaaaaaaaa   bbbbbbbbbb", 100) == std::vector<std::string>{"aaaaaaaaaa", "bbbbbbbbbb"});
}

TEST_CASE("state_graph_layout: a box holds the label, the code (muted) and the stock, and fits them",
          "[results]") {
  GraphChartState sick;
  sick.code = "sick_leave";
  sick.label = "sygedagpenge";
  sick.mean_stock = 8530;
  const Box box = box_of(sick);
  REQUIRE(box.lines.size() == 3);
  CHECK(box.lines[0].text == "sygedagpenge");
  CHECK(box.lines[0].size == kLabelFont);
  CHECK_FALSE(box.lines[0].muted);
  CHECK(box.lines[1].text == "sick_leave");
  CHECK(box.lines[1].size == kSmallFont);
  CHECK(box.lines[1].muted);
  CHECK(box.lines[2].text == "8,530 full-time persons");
  CHECK_FALSE(box.lines[2].muted);
  double widest = 0, height = 0;
  for (const auto& line : box.lines) {
    widest = std::max(widest, chart::text_width(line.text, line.size));
    height += line.pitch();
  }
  CHECK(box.width >= widest + 20);
  CHECK(box.width < widest + 21);
  CHECK(box.height == height + 10);

  GraphChartState lonely;
  lonely.code = "lonely";
  const Box bare = box_of(lonely);
  REQUIRE(bare.lines.size() == 1);
  CHECK(bare.lines[0].text == "lonely");
  CHECK(bare.width < box.width);
}

TEST_CASE("state_graph_layout: boxes lie inside the graph's area and apart", "[results]") {
  for (const std::size_t n : {1, 2, 5, 9, 15}) {
    INFO(n << " states");
    check_layout(lay_out(chain(n)), n);
  }
  SECTION("without edges") {
    GraphChart c = chain(6);
    c.edges.clear();
    check_layout(lay_out(c), 6);
  }
  SECTION("in pieces") {
    GraphChart c = chain(8);
    c.edges = {{0, 1, GraphEdgeKind::transition, 1},
               {2, 3, GraphEdgeKind::transition, 1},
               {3, 4, GraphEdgeKind::transition, 1},
               {6, 5, GraphEdgeKind::transition, 1}};
    check_layout(lay_out(c), 8);
  }
}

TEST_CASE("state_graph_layout: a crowded graph gets a taller picture, a small one keeps 600 pixels",
          "[results]") {
  CHECK(lay_out(chain(9)).height == kChartHeight);
  const Layout crowded = lay_out(chain(30, 7));
  CHECK(crowded.height > kChartHeight);
  check_layout(crowded, 30);
}

TEST_CASE("state_graph_layout: the same chart gives the same layout", "[results]") {
  const Layout a = lay_out(chain(12));
  const Layout b = lay_out(chain(12));
  REQUIRE(a.boxes.size() == b.boxes.size());
  for (std::size_t i = 0; i < a.boxes.size(); ++i) {
    CHECK(a.boxes[i].centre.x == b.boxes[i].centre.x);
    CHECK(a.boxes[i].centre.y == b.boxes[i].centre.y);
  }
  CHECK(a.height == b.height);
}
