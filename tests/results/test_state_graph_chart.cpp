#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "results/report/state_graph_chart.hpp"

namespace {

using labsim::results::GraphChart;
using labsim::results::GraphChartEdge;
using labsim::results::GraphChartState;
using labsim::results::GraphEdgeKind;
using labsim::results::render_state_graph_chart;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

GraphChartState state(std::string code, std::string label, double stock, bool on_support = true,
                      bool permanent = false, bool absorbing = false) {
  GraphChartState s;
  s.code = std::move(code);
  s.label = std::move(label);
  s.mean_stock = stock;
  s.on_support = on_support;
  s.permanent_support = permanent;
  s.absorbing = absorbing;
  return s;
}

// The nine states of the baseline with flows of about the size a region sees.
GraphChart baseline_chart() {
  GraphChart c;
  c.title = "Flows between benefit states, persons per month (mean over 2011-01 to 2012-12)";
  c.id = "state-graph";
  c.states = {
      state("insured_unemployed", "a-dagpenge (forsikrede ledige)", 14210),
      state("cash_benefit_ready", "kontanthjælp, jobparat", 5480),
      state("cash_benefit_not_ready", "kontanthjælp, ikke jobparat", 9120),
      state("sick_leave", "sygedagpenge", 8530),
      state("flex_job_allowance", "ledighedsydelse", 1410, true, true),
      state("flex_job", "fleksjob", 6020, true, true),
      state("disability_pension", "førtidspension", 30150, true, true, true),
      state("employed", "beskæftiget", 251300, false),
      state("education", "uddannelse", 20400, false),
  };
  enum : std::size_t { iu, cr, cn, sl, fa, fj, dp, em, ed };
  const auto t = GraphEdgeKind::transition;
  c.edges = {
      {iu, em, t, 2104.6},
      {iu, sl, t, 381.2},
      {iu, ed, t, 152.0},
      {iu, cr, GraphEdgeKind::benefit_limit, 94.7},
      {em, iu, t, 1987.3},
      {em, sl, t, 1203.9},
      {em, cr, t, 448.1},
      {cr, em, t, 421.5},
      {cr, cn, t, 109.8},
      {cr, ed, t, 138.2},
      {cn, cr, t, 84.6},
      {cn, em, t, 95.3},
      {cn, dp, t, 58.9},
      {sl, em, t, 1351.0},
      {sl, em, GraphEdgeKind::completion, 7.4},
      {sl, iu, t, 139.5},
      {sl, cn, t, 44.8},
      {sl, fa, t, 35.1},
      {sl, dp, t, 24.6},
      {fa, fj, t, 39.7},
      {fj, fa, t, 29.2},
      {fa, dp, t, 4.2},
      {fj, dp, t, 0},
      {ed, em, t, 602.4},
      {ed, cr, t, 118.7},
  };
  return c;
}

// Fifteen states with long labels, one edge each to the next and a few across.
GraphChart large_chart() {
  GraphChart c;
  c.title = "Fifteen states";
  c.id = "large";
  for (std::size_t i = 0; i < 15; ++i) {
    c.states.push_back(state("state_number_" + std::to_string(i),
                             "en lang dansk betegnelse nummer " + std::to_string(i),
                             1000.0 * static_cast<double>(i + 1), i % 4 != 0, i % 5 == 0, i == 14));
  }
  for (std::size_t i = 0; i + 1 < 15; ++i)
    c.edges.push_back({i, i + 1, GraphEdgeKind::transition, 10.0 * (i + 1)});
  c.edges.push_back({0, 7, GraphEdgeKind::benefit_limit, 3});
  c.edges.push_back({7, 0, GraphEdgeKind::transition, 12});
  c.edges.push_back({3, 11, GraphEdgeKind::completion, 1.5});
  return c;
}

// Two pieces and a lone state.
GraphChart disconnected_chart() {
  GraphChart c;
  c.title = "Disconnected";
  c.id = "pieces";
  c.states = {state("a", "første", 10), state("b", "anden", 20), state("c", "tredje", kNaN),
              state("d", "fjerde", 5, false), state("lonely", "", kNaN)};
  c.edges = {{0, 1, GraphEdgeKind::transition, 5},
             {1, 0, GraphEdgeKind::transition, 4},
             {2, 3, GraphEdgeKind::transition, 1}};
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the SVG back

// "" if `xml` is one well-formed element (tags nested and closed, attributes quoted and unique, only the
// five predefined entities), else what is wrong.
std::string xml_error(const std::string& xml) {
  static constexpr std::array<std::string_view, 5> kEntities = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
  const auto entity_at = [&](std::size_t at) {
    return std::any_of(kEntities.begin(), kEntities.end(),
                       [&](std::string_view e) { return xml.compare(at, e.size(), e) == 0; });
  };
  const auto name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':' || c == '.';
  };
  std::vector<std::string> open;
  bool root_seen = false;
  std::size_t i = 0;
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == '&') {
      if (!entity_at(i)) return "bad entity at " + std::to_string(i);
      ++i;
    } else if (c != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(c)))
        return "text outside the root element";
      ++i;
    } else if (xml.compare(i, 2, "</") == 0) {
      const std::size_t end = xml.find('>', i);
      if (end == std::string::npos) return "unclosed end tag";
      const std::string name = xml.substr(i + 2, end - i - 2);
      if (open.empty() || open.back() != name) return "unexpected </" + name + ">";
      open.pop_back();
      i = end + 1;
    } else {
      if (open.empty() && root_seen) return "a second root element";
      std::size_t j = i + 1;
      while (j < xml.size() && name_char(xml[j])) ++j;
      const std::string name = xml.substr(i + 1, j - i - 1);
      if (name.empty()) return "tag without a name at " + std::to_string(i);
      std::set<std::string> attributes;
      while (true) {
        while (j < xml.size() && xml[j] == ' ') ++j;
        if (j >= xml.size()) return "unclosed <" + name;
        if (xml.compare(j, 2, "/>") == 0) {
          j += 2;
          break;
        }
        if (xml[j] == '>') {
          open.push_back(name);
          ++j;
          break;
        }
        const std::size_t a = j;
        while (j < xml.size() && name_char(xml[j])) ++j;
        const std::string attribute = xml.substr(a, j - a);
        if (attribute.empty() || xml.compare(j, 2, "=\"") != 0) return "bad attribute in <" + name;
        if (!attributes.insert(attribute).second) return "attribute " + attribute + " twice in <" + name;
        const std::size_t value_end = xml.find('"', j + 2);
        if (value_end == std::string::npos) return "unclosed attribute in <" + name;
        for (std::size_t k = j + 2; k < value_end; ++k) {
          if (xml[k] == '<') return "< in an attribute of <" + name;
          if (xml[k] == '&' && !entity_at(k)) return "bad entity in an attribute of <" + name;
        }
        j = value_end + 1;
      }
      root_seen = true;
      i = j;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> is not closed";
  return root_seen ? "" : "no element";
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    static const std::map<std::string_view, char> kEntities = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i];
  }
  return out;
}

struct Group {
  std::string tooltip;  // unescaped
  std::string body;     // the elements inside, as written
};

// The <g><title>..</title>...</g> groups, in order (the chart does not nest them).
std::vector<Group> groups_of(const std::string& svg) {
  std::vector<Group> out;
  std::size_t at = 0;
  while ((at = svg.find("<g><title>", at)) != std::string::npos) {
    const std::size_t title_end = svg.find("</title>", at);
    const std::size_t end = svg.find("</g>", title_end);
    out.push_back(
        {unescape(svg.substr(at + 10, title_end - at - 10)), svg.substr(title_end + 8, end - title_end - 8)});
    at = end;
  }
  return out;
}

std::size_t occurrences(const std::string& text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

bool is_edge(const Group& g) {
  return g.tooltip.find(" → ") != std::string::npos;
}

std::vector<Group> node_groups(const std::string& svg) {
  std::vector<Group> out;
  for (auto& g : groups_of(svg)) {
    if (!is_edge(g)) out.push_back(std::move(g));
  }
  return out;
}

std::vector<Group> edge_groups(const std::string& svg) {
  std::vector<Group> out;
  for (auto& g : groups_of(svg)) {
    if (is_edge(g)) out.push_back(std::move(g));
  }
  return out;
}

// The value of attribute `name` in the first element of `xml` that has it, from position `from`.
std::string attribute(const std::string& xml, std::string_view name, std::size_t from = 0) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = xml.find(key, from);
  if (at == std::string::npos) return "";
  const std::size_t start = at + key.size();
  return xml.substr(start, xml.find('"', start) - start);
}

// The first element of `body` of the given tag, e.g. "<path", up to its end.
std::string first_element(const std::string& body, std::string_view tag, std::size_t nth = 0) {
  std::size_t at = 0;
  for (std::size_t k = 0;; ++k) {
    at = body.find(std::string(tag) + " ", at);
    if (at == std::string::npos) return "";
    if (k == nth) return body.substr(at, body.find('>', at) - at + 1);
    ++at;
  }
}

std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.') {
      std::size_t used = 0;
      out.push_back(std::stod(text.substr(i), &used));
      i += used;
    } else {
      ++i;
    }
  }
  return out;
}

struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
};

// The bounding box of a path made of M, H, V, A, Q, L and Z commands with absolute coordinates.
Box path_box(const std::string& d) {
  Box box{1e300, 1e300, -1e300, -1e300};
  const auto include = [&](double x, double y) {
    box.left = std::min(box.left, x), box.right = std::max(box.right, x);
    box.top = std::min(box.top, y), box.bottom = std::max(box.bottom, y);
  };
  double x = 0, y = 0;
  std::size_t i = 0;
  while (i < d.size()) {
    const char command = d[i];
    std::size_t next = d.find_first_of("MHVAQLZ", i + 1);
    if (next == std::string::npos) next = d.size();
    const auto v = numbers_in(d.substr(i + 1, next - i - 1));
    if (command == 'M' || command == 'L') x = v.at(0), y = v.at(1);
    if (command == 'H') x = v.at(0);
    if (command == 'V') y = v.at(0);
    if (command == 'A') x = v.at(5), y = v.at(6);
    if (command == 'Q') x = v.at(2), y = v.at(3);
    include(x, y);
    i = next;
  }
  return box;
}

// Each node's box: the first path in its group.
std::vector<Box> node_boxes(const std::string& svg) {
  std::vector<Box> out;
  for (const auto& g : node_groups(svg))
    out.push_back(path_box(attribute(first_element(g.body, "<path"), "d")));
  return out;
}

Box view_box(const std::string& svg) {
  const auto v = numbers_in(attribute(svg, "viewBox"));
  return {v.at(0), v.at(1), v.at(0) + v.at(2), v.at(1) + v.at(3)};
}

bool inside(const Box& inner, const Box& outer) {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top &&
         inner.bottom <= outer.bottom;
}

bool overlap(const Box& a, const Box& b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// Boxes inside the picture and no two overlapping.
void check_boxes(const std::string& svg, std::size_t states) {
  const auto boxes = node_boxes(svg);
  REQUIRE(boxes.size() == states);
  const Box picture = view_box(svg);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    INFO("box " << i);
    CHECK(boxes[i].right - boxes[i].left > 20);
    CHECK(inside(boxes[i], picture));
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      INFO("and box " << j);
      CHECK_FALSE(overlap(boxes[i], boxes[j]));
    }
  }
}

// The stroke width of an edge: that of the first path in its group, the wide line.
double edge_width(const Group& g) {
  return std::stod(attribute(first_element(g.body, "<path"), "stroke-width"));
}

// The label text in an edge group, or "".
std::string edge_label(const Group& g) {
  const std::size_t at = g.body.find("<text ");
  if (at == std::string::npos) return "";
  const std::size_t start = g.body.find('>', at) + 1;
  return unescape(g.body.substr(start, g.body.find("</text>", start) - start));
}

}  // namespace

TEST_CASE("state_graph_chart: the picture is one well-formed svg element", "[results]") {
  for (const GraphChart& c : {baseline_chart(), large_chart(), disconnected_chart()}) {
    const std::string svg = render_state_graph_chart(c);
    INFO(c.id);
    CHECK(xml_error(svg).empty());
    CHECK(svg.rfind("<svg ", 0) == 0);
    CHECK(attribute(svg, "id") == c.id);
  }
}

TEST_CASE("state_graph_chart: xml_error finds what is not well-formed", "[results]") {
  CHECK(xml_error("<svg><g></g></svg>").empty());
  CHECK(xml_error("<svg><g></svg>") == "unexpected </svg>");
  CHECK(xml_error("<svg><text>a < b</text></svg>") == "tag without a name at 13");
  CHECK(xml_error("<svg><text>a & b</text></svg>") == "bad entity at 13");
  CHECK(xml_error("<svg a=\"1\" a=\"2\"/>") == "attribute a twice in <svg");
}

TEST_CASE("state_graph_chart: one group per state and per edge, with its tooltip", "[results]") {
  const GraphChart c = baseline_chart();
  const std::string svg = render_state_graph_chart(c);
  const auto all = groups_of(svg);
  CHECK(all.size() == c.states.size() + c.edges.size());
  CHECK(occurrences(svg, "<g") == all.size());  // no other groups

  std::multiset<std::string> tooltips;
  for (const auto& g : all) tooltips.insert(g.tooltip);
  CHECK(tooltips.count("sick_leave → employed: 1,351.0 persons per month") == 1);
  CHECK(tooltips.count("sick_leave → employed: 7.4 persons per month (offer completed)") == 1);
  CHECK(tooltips.count(
            "insured_unemployed → cash_benefit_ready: 94.7 persons per month (benefit runs out)") == 1);
  CHECK(tooltips.count("insured_unemployed → employed: 2,104.6 persons per month") == 1);
  CHECK(tooltips.count("flex_job → disability_pension: 0 persons per month") == 1);
  CHECK(tooltips.count("sygedagpenge (sick_leave), temporary support: 8,530 full-time persons") == 1);
  CHECK(tooltips.count("beskæftiget (employed), off public support: 251,300 full-time persons") == 1);
  CHECK(tooltips.count(
            "førtidspension (disability_pension), permanent support, absorbing: 30,150 full-time persons") ==
        1);

  // Groups come edges first, in input order, then states in input order.
  const auto edges = edge_groups(svg);
  REQUIRE(edges.size() == c.edges.size());
  for (std::size_t i = 0; i < c.edges.size(); ++i) {
    const std::string expected = c.states[c.edges[i].from].code + " → " + c.states[c.edges[i].to].code + ": ";
    CHECK(edges[i].tooltip.rfind(expected, 0) == 0);
  }
  const auto nodes = node_groups(svg);
  REQUIRE(nodes.size() == c.states.size());
  for (std::size_t i = 0; i < c.states.size(); ++i) {
    CHECK(nodes[i].tooltip.rfind(c.states[i].label + " (" + c.states[i].code + ")", 0) == 0);
  }
}

TEST_CASE("state_graph_chart: a box shows the label, the code and the mean stock", "[results]") {
  const std::string svg = render_state_graph_chart(baseline_chart());
  const auto nodes = node_groups(svg);
  REQUIRE(nodes.size() == 9);
  const std::string& sick = nodes[3].body;
  CHECK(sick.find(">sygedagpenge</text>") != std::string::npos);
  CHECK(sick.find(">sick_leave</text>") != std::string::npos);
  CHECK(sick.find(">8,530 full-time persons</text>") != std::string::npos);
  // A long label wraps at a space; its code stays whole.
  const std::string& insured = nodes[0].body;
  CHECK(insured.find(">a-dagpenge</text>") != std::string::npos);
  CHECK(insured.find(">(forsikrede ledige)</text>") != std::string::npos);
  CHECK(insured.find(">insured_unemployed</text>") != std::string::npos);

  // No label: the code alone; no stock: no stock line.
  const std::string pieces = render_state_graph_chart(disconnected_chart());
  const auto lonely = node_groups(pieces).at(4);
  CHECK(lonely.tooltip == "lonely, temporary support");
  CHECK(occurrences(lonely.body, "<text ") == 1);
  CHECK(lonely.body.find(">lonely</text>") != std::string::npos);
  CHECK(lonely.body.find("full-time") == std::string::npos);
}

TEST_CASE("state_graph_chart: boxes lie inside the picture and apart", "[results]") {
  SECTION("the baseline") {
    check_boxes(render_state_graph_chart(baseline_chart()), 9);
  }
  SECTION("fifteen states with long labels") {
    check_boxes(render_state_graph_chart(large_chart()), 15);
  }
  SECTION("a disconnected graph") {
    check_boxes(render_state_graph_chart(disconnected_chart()), 5);
  }
  SECTION("one state") {
    GraphChart c;
    c.id = "one";
    c.states = {state("employed", "beskæftiget", 1000, false)};
    const std::string svg = render_state_graph_chart(c);
    CHECK(xml_error(svg).empty());
    check_boxes(svg, 1);
    CHECK(edge_groups(svg).empty());
  }
  SECTION("two states without edges") {
    GraphChart c;
    c.id = "two";
    c.states = {state("a", "første", 1), state("b", "anden", 2)};
    check_boxes(render_state_graph_chart(c), 2);
  }
}

TEST_CASE("state_graph_chart: the baseline keeps to about 900 by 600 pixels", "[results]") {
  const Box picture = view_box(render_state_graph_chart(baseline_chart()));
  CHECK(picture.right == 900);
  CHECK(picture.bottom == 600);
}

TEST_CASE("state_graph_chart: edge widths grow with the flow", "[results]") {
  const GraphChart c = baseline_chart();
  const auto edges = edge_groups(render_state_graph_chart(c));
  REQUIRE(edges.size() == c.edges.size());
  std::vector<std::pair<double, double>> flow_width;
  for (std::size_t i = 0; i < c.edges.size(); ++i)
    flow_width.emplace_back(c.edges[i].persons_per_month, edge_width(edges[i]));
  std::sort(flow_width.begin(), flow_width.end());
  for (std::size_t i = 1; i < flow_width.size(); ++i) {
    INFO(flow_width[i - 1].first << " -> " << flow_width[i].first);
    CHECK(flow_width[i - 1].second <= flow_width[i].second);
    // Widths are written with two decimals: flows apart by a tenth differ visibly.
    if (flow_width[i].first > 1.1 * flow_width[i - 1].first)
      CHECK(flow_width[i - 1].second < flow_width[i].second);
  }
  CHECK(flow_width.front().second == 1);  // zero flow
  CHECK(flow_width.back().second >= 6);
  CHECK(flow_width.back().second <= 8);
}

TEST_CASE("state_graph_chart: flow labels", "[results]") {
  GraphChart c = baseline_chart();
  c.edges.push_back({2, 4, GraphEdgeKind::transition, kNaN});
  const auto edges = edge_groups(render_state_graph_chart(c));
  REQUIRE(edges.size() == c.edges.size());
  CHECK(edge_label(edges[0]) == "2,105/month");  // thousands separated, no decimals from 10 on
  CHECK(edge_label(edges[2]) == "152/month");
  CHECK(edge_label(edges[14]) == "7.4/month");  // one decimal below 10
  CHECK(edge_label(edges[22]) == "0/month");
  CHECK(edge_groups(render_state_graph_chart(c))[22].body.find("#AAAAAA") !=
        std::string::npos);  // zero: grey
  // Unknown flow: thin, unlabelled.
  CHECK(edge_label(edges.back()).empty());
  CHECK(edge_width(edges.back()) == 1);
  CHECK(edges.back().tooltip == "cash_benefit_not_ready → flex_job_allowance: flow not known");
}

TEST_CASE("state_graph_chart: edge kinds are solid, dashed and dotted", "[results]") {
  const GraphChart c = baseline_chart();
  const auto edges = edge_groups(render_state_graph_chart(c));
  const auto dash = [&](std::size_t i) {
    return attribute(first_element(edges.at(i).body, "<path"), "stroke-dasharray");
  };
  CHECK(dash(0).empty());  // transition
  const auto limit = numbers_in(dash(3));
  const auto completion = numbers_in(dash(14));
  REQUIRE(limit.size() == 2);
  REQUIRE(completion.size() == 2);
  CHECK(limit[0] > completion[0]);  // dashes are longer than dots
  CHECK(completion[0] <= 3);
}

TEST_CASE("state_graph_chart: arrows run from box border to box border", "[results]") {
  const GraphChart c = baseline_chart();
  const std::string svg = render_state_graph_chart(c);
  const auto boxes = node_boxes(svg);
  const auto edges = edge_groups(svg);
  REQUIRE(edges.size() == c.edges.size());
  const auto distance = [](double x, double y, const Box& b) {
    const double dx = std::max({b.left - x, 0.0, x - b.right});
    const double dy = std::max({b.top - y, 0.0, y - b.bottom});
    return std::hypot(dx, dy);
  };
  for (std::size_t i = 0; i < c.edges.size(); ++i) {
    INFO(edges[i].tooltip);
    const std::string line = first_element(edges[i].body, "<path");
    const std::string head = first_element(edges[i].body, "<path", 1);
    REQUIRE(attribute(head, "marker-end").rfind("url(#state-graph-arrow", 0) == 0);
    const auto start = numbers_in(attribute(line, "d"));
    const auto end = numbers_in(attribute(head, "d"));
    REQUIRE(start.size() == 6);
    REQUIRE(end.size() == 4);
    const Box& from = boxes[c.edges[i].from];
    const Box& to = boxes[c.edges[i].to];
    CHECK(distance(start[0], start[1], from) > 1);
    CHECK(distance(start[0], start[1], from) < 5);
    // The path ends short of the box by the gap and the part of the arrowhead beyond the path's end.
    CHECK(distance(end[2], end[3], to) > 1);
    CHECK(distance(end[2], end[3], to) < 10);
  }
}

TEST_CASE("state_graph_chart: edges both ways between two states are drawn apart", "[results]") {
  const GraphChart c = baseline_chart();
  const auto edges = edge_groups(render_state_graph_chart(c));
  // insured_unemployed -> employed (0) and back (4): the middles of the two curves.
  const auto middle = [&](std::size_t i) {
    const auto v = numbers_in(attribute(first_element(edges.at(i).body, "<path"), "d"));
    return std::array<double, 2>{0.25 * v[0] + 0.5 * v[2] + 0.25 * v[4],
                                 0.25 * v[1] + 0.5 * v[3] + 0.25 * v[5]};
  };
  const auto a = middle(0);
  const auto b = middle(4);
  CHECK(std::hypot(a[0] - b[0], a[1] - b[1]) > 25);
}

TEST_CASE("state_graph_chart: flow labels cover no box and no other label", "[results]") {
  for (const GraphChart& c : {baseline_chart(), large_chart(), disconnected_chart()}) {
    INFO(c.id);
    const std::string svg = render_state_graph_chart(c);
    const auto boxes = node_boxes(svg);
    std::vector<Box> labels;
    for (const auto& g : edge_groups(svg)) {
      const std::string rect = first_element(g.body, "<rect");
      if (rect.empty()) continue;
      const double x = std::stod(attribute(rect, "x")), y = std::stod(attribute(rect, "y"));
      labels.push_back(
          {x, y, x + std::stod(attribute(rect, "width")), y + std::stod(attribute(rect, "height"))});
    }
    CHECK(labels.size() == c.edges.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      INFO("label " << i);
      CHECK(inside(labels[i], view_box(svg)));
      for (const auto& b : boxes) CHECK_FALSE(overlap(labels[i], b));
      for (std::size_t j = i + 1; j < labels.size(); ++j) CHECK_FALSE(overlap(labels[i], labels[j]));
    }
  }
}

TEST_CASE("state_graph_chart: the same chart gives the same text", "[results]") {
  for (const GraphChart& c : {baseline_chart(), large_chart(), disconnected_chart()}) {
    const std::string first = render_state_graph_chart(c);
    const GraphChart copy = c;
    CHECK(render_state_graph_chart(copy) == first);
  }
}

TEST_CASE("state_graph_chart: Danish letters survive and markup is escaped", "[results]") {
  GraphChart c;
  c.title = "Strømme <før> & efter";
  c.id = "escape";
  c.states = {state("a", "ærø <b>ø</b> & å", 12), state("b", "Åbenrå", 1)};
  c.edges = {{0, 1, GraphEdgeKind::transition, 1234.5}};
  const std::string svg = render_state_graph_chart(c);
  CHECK(xml_error(svg).empty());
  CHECK(svg.find(">ærø &lt;b&gt;ø&lt;/b&gt; &amp; å</text>") != std::string::npos);
  CHECK(svg.find(">Åbenrå</text>") != std::string::npos);
  CHECK(svg.find("<title>Strømme &lt;før&gt; &amp; efter</title>") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(node_groups(svg).at(0).tooltip == "ærø <b>ø</b> & å (a), temporary support: 12 full-time persons");
}

TEST_CASE("state_graph_chart: box widths count characters, not bytes", "[results]") {
  GraphChart c;
  c.id = "widths";
  c.states = {state("x", "æøåæøåæøåæøå", kNaN), state("y", "abcdefghijkl", kNaN)};
  const auto boxes = node_boxes(render_state_graph_chart(c));
  REQUIRE(boxes.size() == 2);
  CHECK(boxes[0].right - boxes[0].left == Approx(boxes[1].right - boxes[1].left));
}

TEST_CASE("state_graph_chart: the legend names the fills and edge kinds in use", "[results]") {
  const std::string svg = render_state_graph_chart(baseline_chart());
  for (const char* entry :
       {">temporary support<", ">permanent support<", ">off public support<", ">absorbing (no way out)<",
        ">transition<", ">benefit runs out<", ">offer completed<"}) {
    INFO(entry);
    CHECK(svg.find(entry) != std::string::npos);
  }
  const std::string pieces = render_state_graph_chart(disconnected_chart());
  CHECK(pieces.find(">permanent support<") == std::string::npos);
  CHECK(pieces.find(">benefit runs out<") == std::string::npos);
}

TEST_CASE("state_graph_chart: an edge to an unknown state or back to its own is an error", "[results]") {
  GraphChart c = disconnected_chart();
  c.edges.push_back({1, 5, GraphEdgeKind::transition, 1});
  CHECK_THROWS_WITH(render_state_graph_chart(c),
                    "state graph chart 'pieces': edge 3 names state 5, but there are 5 states");
  c.edges.back() = {1, 1, GraphEdgeKind::transition, 1};
  CHECK_THROWS_WITH(render_state_graph_chart(c),
                    "state graph chart 'pieces': edge 3 leads from 'b' to itself");
}
