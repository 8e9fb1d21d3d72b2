// The chart primitives the report draws with: ticks, number texts, lines with gaps and steps, dot-and-whisker
// rows, HTML tables, and monthly totals with bands taken after summing.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <regex>
#include <string>

#include "results/builders.hpp"
#include "results/report/chart_axes.hpp"
#include "results/report/dot_whisker_chart.hpp"
#include "results/report/line_chart.hpp"
#include "results/report/svg_canvas.hpp"
#include "results/stats/region_series.hpp"
#include "results/text/markup.hpp"
#include "results/text/numbers.hpp"
#include "results/text/text_table.hpp"

using namespace labsim::results;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The number of points in each <polyline> of an SVG text, in order.
std::vector<int> polyline_points(const std::string& svg) {
  std::vector<int> out;
  const std::regex polyline(R"(<polyline points="([^"]*)\")");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), polyline); it != std::sregex_iterator(); ++it) {
    const std::string points = (*it)[1];
    out.push_back(count(points, " ") + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("nice ticks enclose the data in at most the asked number of round steps", "[charts]") {
  for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{
           {0, 1}, {0, 1734}, {-3.2, 7.9}, {12.5, 13.1}, {0.001, 0.0042}, {-500, -20}, {1e6, 3.3e6}}) {
    for (const int at_most : {3, 5, 8}) {
      const chart::Ticks t = chart::nice_ticks(lo, hi, at_most);
      INFO(lo << " to " << hi << ", at most " << at_most);
      REQUIRE(t.values.size() >= 2);
      CHECK(static_cast<int>(t.values.size()) <= at_most);
      CHECK(t.values.front() <= lo);
      CHECK(t.values.back() >= hi);
      const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
      CHECK(
          (std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9));
      for (std::size_t i = 1; i < t.values.size(); ++i)
        CHECK(t.values[i] - t.values[i - 1] == Approx(t.step));
    }
  }
  const chart::Ticks flat = chart::nice_ticks(40, 40, 5);
  CHECK(flat.values.front() < 40);
  CHECK(flat.values.back() > 40);
}

TEST_CASE("numbers are written for people", "[charts]") {
  CHECK(chart::tick_label(1200, 200) == "1,200");
  CHECK(chart::tick_label(-1500000, 500000) == "-1,500,000");
  CHECK(chart::tick_label(0.25, 0.05) == "0.25");
  CHECK(chart::tick_label(-0.0, 0.5) == "0.0");
  CHECK(readable_number(12345.6) == "12,346");
  CHECK(readable_number(3.14) == "3.1");
  CHECK(readable_number(kNaN) == "–");
  CHECK(chart::month_label("2011-03-01") == "Mar 2011");
  CHECK(chart::month_label("week 3") == "week 3");
  CHECK(escape_markup("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;");
  CHECK(svg::coordinate(1.5) == "1.5");
  CHECK(svg::coordinate(2.0) == "2");
  CHECK(svg::coordinate(-0.001) == "0");
  CHECK_THROWS(svg::coordinate(kNaN));
  CHECK(chart::text_width("æøå", 10) == Approx(chart::text_width("abc", 10)));
}

TEST_CASE("a line breaks where the data is missing and steps double its points", "[charts]") {
  LineChart c;
  c.id = "gaps";
  c.title = "t";
  c.x = {0, 1, 2, 3, 4, 5};
  c.series.push_back({"a", {1, 2, kNaN, 4, 5, 6}, {}, {}});
  c.series.push_back({"b <&>", {1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}, {2, 2, 2, 2, 2, 2}});
  std::string svg = render_line_chart(c);
  CHECK(polyline_points(svg) == std::vector<int>{2, 3, 6});
  CHECK(count(svg, "fill-opacity") == 2);  // b's band and its legend swatch
  CHECK(svg.find("b &lt;&amp;&gt;") != std::string::npos);
  c.steps = true;
  svg = render_line_chart(c);
  CHECK(polyline_points(svg) == std::vector<int>{3, 5, 11});

  c.series[0].y.pop_back();
  CHECK_THROWS_AS(render_line_chart(c), std::invalid_argument);
}

TEST_CASE("dot-and-whisker rows each get a dot, whiskers only where the band is known", "[charts]") {
  DotWhiskerChart c;
  c.id = "dw";
  c.title = "forecast";
  c.x_label = "percent";
  c.estimate_name = "forecast";
  c.reference_name = "plan";
  c.rows.push_back({"A", "tip A", -5, -8, -2, -10, 1, 0, false});
  c.rows.push_back({"B", "tip B", 3, kNaN, kNaN, kNaN, kNaN, 0, true});
  const std::string svg = render_dot_whisker_chart(c);
  CHECK(count(svg, "<circle") == 2);
  CHECK(count(svg, "<title>tip ") == 2);
  CHECK(count(svg, R"(stroke-width="5")") == 1);  // only A has an 80% band
  CHECK(svg.find(R"(font-weight="bold">B<)") != std::string::npos);
}

TEST_CASE("HTML tables escape their text and right-align numbers", "[charts]") {
  TextTable t;
  t.title = "x < y";
  t.headings = {"name", "value"};
  t.csv_names = {"name", "value"};
  t.rows = {{{"a&b", std::nullopt}, {"1,234", 1234.0}}};
  t.notes = {"note \"q\""};
  const std::string html = render(t, TextFormat::html);
  CHECK(html.find("<caption>x &lt; y</caption>") != std::string::npos);
  CHECK(html.find("<td>a&amp;b</td><td class=\"num\">1,234</td>") != std::string::npos);
  CHECK(html.find("<p class=\"note\">note &quot;q&quot;</p>") != std::string::npos);
}

TEST_CASE("monthly totals sum before the band is taken", "[charts]") {
  using labsim::testing::array;
  using labsim::testing::labelled;
  using labsim::testing::numeric;
  RunOutput out;
  out.dimensions = {numeric("replication", {0, 1, 2, 3}), labelled("month", {"2011-01-01", "2011-02-01"}),
                    labelled("jobcentre", {"A", "B"}), labelled("state", {"s", "t"})};
  std::vector<double> v;
  for (int r = 0; r < 4; ++r) {
    for (int m = 0; m < 2; ++m) {
      for (int j = 0; j < 2; ++j) {
        for (int s = 0; s < 2; ++s)
          v.push_back(1000 * r + 100 * m + 10 * j + s + (r == 3 && j == 0 ? 50 : 0));
      }
    }
  }
  out.arrays = {array("stock", {{"replication", 4}, {"month", 2}, {"jobcentre", 2}, {"state", 2}}, v)};
  const ReplicationSeries all = monthly_totals(out, "stock");
  const ReplicationSeries t_in_b = monthly_totals(out, "stock", {{"state", "t"}, {"jobcentre", "B"}});
  for (std::size_t r = 0; r < 4; ++r) {
    for (std::size_t m = 0; m < 2; ++m) {
      const double base = 1000.0 * static_cast<double>(r) + 100.0 * static_cast<double>(m);
      CHECK(all.values[r * 2 + m] == 4 * base + 22 + (r == 3 ? 100 : 0));
      CHECK(t_in_b.values[r * 2 + m] == base + 11);
    }
  }
  const Band band = band_over_replications(all);
  REQUIRE(band.mean.size() == 2);
  CHECK(band.mean[0] == Approx((0 + 4000 + 8000 + 12000 + 4 * 22 + 100) / 4.0));
  CHECK(band.low95[0] < band.mean[0]);
  CHECK(band.high95[0] > band.mean[0]);
  CHECK(band.high95[0] <= 12000 + 22 + 100);
  CHECK(overall_mean(t_in_b) == Approx((0 + 1000 + 2000 + 3000) / 4.0 + 50 + 11));
  CHECK_THROWS_AS(monthly_totals(out, "stock", {{"state", "nope"}}), std::out_of_range);
}
