// Graphviz DOT of the state graph: boost::write_graphviz with writers that say how each state and move is
// drawn; Boost quotes and escapes every attribute value.
#include "models/scenario/state_graph_dot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/graphviz.hpp>
#include <cmath>
#include <locale>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "models/scenario/state_graph.hpp"

namespace labsim::models {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

constexpr double kMaxPenWidth = 8;
constexpr const char* kPermanentSupportFill = "#f4c7c3";
constexpr const char* kOffSupportFill = "#d9ead3";

// DOT reads a backslash in a label as an escape ("\n" breaks the line), so the user's own are doubled.
std::string dot_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// "[a=1, b=\"x y\"]": Boost writes each value, quoted and escaped where DOT needs it.
void write_list(std::ostream& out, const Attributes& attributes) {
  if (attributes.empty()) return;
  out << '[';
  boost::write_attributes(attributes, out);
  out << ']';
}

struct Thousands : std::numpunct<char> {
  char do_thousands_sep() const override { return ','; }
  std::string do_grouping() const override { return "\3"; }
};

class StateWriter {
 public:
  explicit StateWriter(const Scenario& scenario) : scenario_(&scenario), entry_(scenario.states.size()) {
    for (std::size_t v : entry_states(scenario)) entry_[v] = true;
  }

  void operator()(std::ostream& out, std::size_t v) const {
    const StateSpec& state = scenario_->states[v];
    // Built with its first entry in place: GCC 12 at -O3 warns falsely (array-bounds) on an emplace into an
    // empty vector here.
    Attributes a{{"label", state.label.empty() || state.label == state.name
                               ? dot_text(state.name)
                               : dot_text(state.label) + "\\n" + dot_text(state.name)}};
    if (state.permanent_support || !state.on_support) {
      a.emplace_back("style", "rounded,filled");
      a.emplace_back("fillcolor", state.permanent_support ? kPermanentSupportFill : kOffSupportFill);
    }
    if (state.absorbing) a.emplace_back("peripheries", "2");
    if (entry_[v]) a.emplace_back("penwidth", "3");
    write_list(out, a);
  }

 private:
  const Scenario* scenario_;
  std::vector<bool> entry_;
};

class MoveWriter {
 public:
  MoveWriter(const Scenario& scenario, const StateGraph& graph, const std::optional<StateFlows>& flows)
      : scenario_(&scenario), graph_(&graph), flows_(flows ? &*flows : nullptr) {
    if (!flows_) return;
    const std::size_t n = scenario.states.size();
    const auto& f = flows_->persons_per_month;
    if (f.size() != n || std::any_of(f.begin(), f.end(), [n](const auto& row) { return row.size() != n; })) {
      throw std::invalid_argument(fmt::format("flows are not {0} x {0} states", n));
    }
    // The flow between two states is drawn on the first edge joining them, the one written first.
    for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
      const auto pair = std::make_pair(boost::source(e, graph), boost::target(e, graph));
      if (++edges_between_[pair] == 1) {
        carriers_.insert(&graph[e]);
        max_flow_ = std::max(max_flow_, f[pair.first][pair.second]);
      }
    }
  }

  void operator()(std::ostream& out, const StateGraph::edge_descriptor& e) const {
    const TransitionEdge& edge = (*graph_)[e];
    Attributes a;
    std::string label;
    switch (edge.kind) {
      case EdgeKind::transition:
        a.emplace_back("style", "solid");
        break;
      case EdgeKind::benefit_limit:
        a.emplace_back("style", "dashed");
        label = "benefit limit";
        break;
      case EdgeKind::completion: {
        a.emplace_back("style", "dotted");
        const OfferSpec& offer = scenario_->offers[edge.offer];
        label = dot_text(offer.label.empty() ? offer.name : offer.label);
        break;
      }
    }
    if (carriers_.count(&edge)) {
      const std::size_t from = boost::source(e, *graph_), to = boost::target(e, *graph_);
      const double flow = flows_->persons_per_month[from][to];
      const bool shared = edges_between_.at({from, to}) > 1;
      label += fmt::format("{}{} persons/month{}", label.empty() ? "" : "\\n", flow_text(flow),
                           shared ? " in all" : "");
      const double width = max_flow_ > 0 ? 1 + (kMaxPenWidth - 1) * std::max(0.0, flow) / max_flow_ : 1;
      a.emplace_back("penwidth", fmt::format("{:.2f}", width));
    }
    if (!label.empty()) a.emplace_back("label", label);
    write_list(out, a);
  }

 private:
  const Scenario* scenario_;
  const StateGraph* graph_;
  const StateFlows* flows_;
  std::map<std::pair<std::size_t, std::size_t>, int> edges_between_;
  std::set<const TransitionEdge*> carriers_;
  double max_flow_ = 0;
};

class TitleWriter {
 public:
  TitleWriter(const Scenario& scenario, const std::optional<StateFlows>& flows) {
    std::string title = fmt::format(
        "{}: benefit states and the moves between them\\n"
        "thick border: entry state; double border: absorbing; "
        "red: permanent support; green: off public support\\n"
        "solid: transition; dashed: benefit limit; dotted: an offer's completion",
        dot_text(scenario.name.empty() ? scenario.path : scenario.name));
    if (flows) title += "\\npersons/month: " + dot_text(flows->source);
    graph_ = {{"label", title}, {"labelloc", "t"}, {"rankdir", "LR"}, {"fontname", "Helvetica"}};
  }

  void operator()(std::ostream& out) const {
    const auto defaults = [&out](const char* kind, const Attributes& attributes) {
      out << kind << ' ';
      write_list(out, attributes);
      out << ";\n";
    };
    defaults("graph", graph_);
    defaults("node", {{"shape", "box"}, {"style", "rounded"}, {"fontname", "Helvetica"}});
    defaults("edge", {{"fontname", "Helvetica"}, {"fontsize", "10"}});
  }

 private:
  Attributes graph_;
};

}  // namespace

void write_state_graph_dot(const Scenario& scenario, std::ostream& out,
                           const std::optional<StateFlows>& flows) {
  const StateGraph graph = build_state_graph(scenario);
  boost::write_graphviz(out, graph, StateWriter(scenario), MoveWriter(scenario, graph, flows),
                        TitleWriter(scenario, flows), boost::get(&StateVertex::name, graph));
}

std::string flow_text(double persons_per_month) {
  static const std::locale thousands(std::locale::classic(), new Thousands);
  const double size = std::abs(persons_per_month);
  const int decimals = size >= 100 || size == 0 ? 0 : size >= 10 ? 1 : 2;
  return fmt::format(thousands, "{:.{}Lf}", persons_per_month, decimals);
}

}  // namespace labsim::models
