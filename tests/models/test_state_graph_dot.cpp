// Tests for the DOT of the state graph, read back with Boost's Graphviz parser: every state and every edge
// once, drawn as its kind says, and the flows on the edges they belong to.
#include <algorithm>
#include <boost/graph/graphviz.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/state_graph.hpp"
#include "models/scenario/state_graph_dot.hpp"

namespace {

using namespace labsim::models;

struct ParsedNode {
  std::string id, label, style, fillcolor, peripheries, penwidth;
};
struct ParsedEdge {
  std::string style, label, penwidth;
};
using Parsed = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, ParsedNode, ParsedEdge>;

struct Dot {
  std::string text;
  Parsed graph;
  std::string title;
};

Dot dot_of(const Scenario& scenario, const std::optional<StateFlows>& flows = std::nullopt) {
  Dot d;
  std::ostringstream out;
  write_state_graph_dot(scenario, out, flows);
  d.text = out.str();
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(&ParsedNode::id, d.graph));
  dp.property("label", boost::get(&ParsedNode::label, d.graph));
  dp.property("style", boost::get(&ParsedNode::style, d.graph));
  dp.property("fillcolor", boost::get(&ParsedNode::fillcolor, d.graph));
  dp.property("peripheries", boost::get(&ParsedNode::peripheries, d.graph));
  dp.property("penwidth", boost::get(&ParsedNode::penwidth, d.graph));
  dp.property("label", boost::get(&ParsedEdge::label, d.graph));
  dp.property("style", boost::get(&ParsedEdge::style, d.graph));
  dp.property("penwidth", boost::get(&ParsedEdge::penwidth, d.graph));
  dp.property("label", boost::ref_property_map<Parsed*, std::string>(d.title));
  INFO(d.text);
  REQUIRE(boost::read_graphviz(d.text, d.graph, dp, "node_id"));
  return d;
}

Scenario load(const std::string& path) {
  return load_scenario(path);
}

const std::string kActivation = LABSIM_TEST_DATA_DIR "/scenarios/activation.toml";
const std::string kBaseline = LABSIM_SOURCE_DIR "/scenarios/baseline_2011.toml";

std::string node_label(const StateSpec& state) {
  return state.label.empty() || state.label == state.name ? state.name : state.label + "\\n" + state.name;
}

// (from, to, style, label without flows) of each edge of build_state_graph.
using EdgeKey = std::tuple<std::string, std::string, std::string, std::string>;

std::multiset<EdgeKey> expected_edges(const Scenario& scenario) {
  const StateGraph graph = build_state_graph(scenario);
  std::multiset<EdgeKey> edges;
  for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
    const TransitionEdge& edge = graph[e];
    const std::string& from = graph[boost::source(e, graph)].name;
    const std::string& to = graph[boost::target(e, graph)].name;
    switch (edge.kind) {
      case EdgeKind::transition:
        edges.emplace(from, to, "solid", "");
        break;
      case EdgeKind::benefit_limit:
        edges.emplace(from, to, "dashed", "benefit limit");
        break;
      case EdgeKind::completion: {
        const OfferSpec& offer = scenario.offers.at(edge.offer);
        edges.emplace(from, to, "dotted", offer.label.empty() ? offer.name : offer.label);
        break;
      }
    }
  }
  return edges;
}

void check_states_and_edges(const Scenario& scenario) {
  const Dot d = dot_of(scenario);
  INFO(d.text);
  const std::vector<std::size_t> entries = entry_states(scenario);
  REQUIRE(boost::num_vertices(d.graph) == scenario.states.size());
  for (std::size_t v = 0; v < scenario.states.size(); ++v) {
    const StateSpec& state = scenario.states[v];
    INFO(state.name);
    // Once as a node statement, and once in the parsed graph.
    const auto [first, last] = boost::vertices(d.graph);
    REQUIRE(std::count_if(first, last, [&](auto u) { return d.graph[u].id == state.name; }) == 1);
    std::size_t statements = 0;
    for (std::size_t at = 0; (at = d.text.find("\n" + state.name + "[", at)) != std::string::npos; ++at)
      ++statements;
    CHECK(statements == 1);
    const ParsedNode& node =
        d.graph[*std::find_if(first, last, [&](auto u) { return d.graph[u].id == state.name; })];
    CHECK(node.label == node_label(state));
    const bool entry = std::find(entries.begin(), entries.end(), v) != entries.end();
    CHECK(node.penwidth == (entry ? "3" : ""));
    CHECK(node.peripheries == (state.absorbing ? "2" : ""));
    const bool filled = state.permanent_support || !state.on_support;
    CHECK(node.style == (filled ? "rounded,filled" : "rounded"));
    CHECK(node.fillcolor == (state.permanent_support ? "#f4c7c3" : !state.on_support ? "#d9ead3" : ""));
  }
  std::multiset<EdgeKey> written;
  for (const auto e : boost::make_iterator_range(boost::edges(d.graph))) {
    written.emplace(d.graph[boost::source(e, d.graph)].id, d.graph[boost::target(e, d.graph)].id,
                    d.graph[e].style, d.graph[e].label);
    CHECK(d.graph[e].penwidth.empty());
  }
  CHECK(written == expected_edges(scenario));
  CHECK(d.title.find(scenario.name + ": benefit states") == 0);
}

}  // namespace

TEST_CASE("state_graph_dot: each state and each edge once, styled by what it is", "[models]") {
  SECTION("activation: benefit limit, offer completion, permanent support, off support") {
    const Scenario scenario = load(kActivation);
    check_states_and_edges(scenario);
    // The fixture has each kind, so that the checks above are not vacuous.
    const auto edges = expected_edges(scenario);
    for (const char* style : {"solid", "dashed", "dotted"}) {
      CHECK(std::count_if(edges.begin(), edges.end(),
                          [&](const EdgeKey& k) { return std::get<2>(k) == style; }) > 0);
    }
  }
  SECTION("baseline_2011: an absorbing state, Danish labels") {
    const Scenario scenario = load(kBaseline);
    REQUIRE(std::any_of(scenario.states.begin(), scenario.states.end(),
                        [](const auto& s) { return s.absorbing; }));
    check_states_and_edges(scenario);
  }
}

TEST_CASE("state_graph_dot: quotes and backslashes in labels survive the DOT syntax", "[models]") {
  Scenario scenario = load(kActivation);
  scenario.name = "a \"quoted\" name";
  scenario.states[0].label = "say \"hi\", \\ {x}";
  const Dot d = dot_of(scenario);
  INFO(d.text);
  const auto [first, last] = boost::vertices(d.graph);
  const auto v = std::find_if(first, last, [&](auto u) { return d.graph[u].id == scenario.states[0].name; });
  REQUIRE(v != last);
  // Boost's parser reads \" as a quote and keeps the other DOT escapes: \\ for a backslash, \n for a line
  // break.
  CHECK(d.graph[*v].label == "say \"hi\", \\\\ {x}\\n" + scenario.states[0].name);
  CHECK(d.title.find("a \"quoted\" name: ") == 0);
}

TEST_CASE("state_graph_dot: flows label the first edge between two states and set its width", "[models]") {
  const Scenario scenario = load(kBaseline);
  const std::size_t n = scenario.states.size();
  StateFlows flows;
  flows.source = "mean per month, test";
  flows.persons_per_month.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j)
      flows.persons_per_month[i][j] = 1000.0 * static_cast<double>(i) + 0.25 * j;
  }
  const Dot d = dot_of(scenario, flows);
  INFO(d.text);
  CHECK(d.title.find("\\npersons/month: mean per month, test") != std::string::npos);

  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index[scenario.states[i].name] = i;
  const auto ends = [&](const auto& e) {
    return std::pair{index.at(d.graph[boost::source(e, d.graph)].id),
                     index.at(d.graph[boost::target(e, d.graph)].id)};
  };
  std::map<std::pair<std::size_t, std::size_t>, int> edges_between;
  for (const auto e : boost::make_iterator_range(boost::edges(d.graph))) ++edges_between[ends(e)];
  double largest = 0;
  for (const auto& [pair, count] : edges_between)
    largest = std::max(largest, flows.persons_per_month[pair.first][pair.second]);

  std::set<std::pair<std::size_t, std::size_t>> seen;
  int shared_pairs = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(d.graph))) {
    const auto [from, to] = ends(e);
    const ParsedEdge& edge = d.graph[e];
    INFO(scenario.states[from].name << " -> " << scenario.states[to].name << ": " << edge.label);
    const bool first = seen.insert({from, to}).second;
    const double flow = flows.persons_per_month[from][to];
    const std::string text = flow_text(flow) + " persons/month";
    if (!first) {
      CHECK(edge.label.find("persons/month") == std::string::npos);
      CHECK(edge.penwidth.empty());
      continue;
    }
    const bool shared = edges_between.at({from, to}) > 1;
    shared_pairs += shared;
    const std::string flow_label = text + (shared ? " in all" : "");
    CHECK(edge.label.size() >= flow_label.size());
    CHECK(edge.label.substr(edge.label.size() - flow_label.size()) == flow_label);
    REQUIRE_FALSE(edge.penwidth.empty());
    CHECK(std::stod(edge.penwidth) == Approx(1 + 7 * flow / largest).margin(0.006));
  }
  CHECK(shared_pairs > 0);  // baseline_2011 has pairs joined by a transition and a benefit limit
}

TEST_CASE("state_graph_dot: flows must be states x states", "[models]") {
  const Scenario scenario = load(kActivation);
  StateFlows flows;
  flows.persons_per_month.assign(scenario.states.size(),
                                 std::vector<double>(scenario.states.size() + 1, 1.0));
  std::ostringstream out;
  CHECK_THROWS_AS(write_state_graph_dot(scenario, out, flows), std::invalid_argument);
}

TEST_CASE("state_graph_dot: flows read as whole numbers with thousands, or three significant digits",
          "[models]") {
  CHECK(flow_text(1234.4) == "1,234");
  CHECK(flow_text(1234567.5) == "1,234,568");
  CHECK(flow_text(123.4) == "123");
  CHECK(flow_text(12.34) == "12.3");
  CHECK(flow_text(0.374) == "0.37");
  CHECK(flow_text(0) == "0");
}
