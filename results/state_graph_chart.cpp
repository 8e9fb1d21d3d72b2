#include "results/state_graph_chart.hpp"

#include "results/svg_canvas.hpp"

namespace labsim::results {

std::string render_state_graph_chart(const GraphChart& chart) {
  return svg::Canvas(900, 600, chart.title, chart.id).str();
}

}  // namespace labsim::results
