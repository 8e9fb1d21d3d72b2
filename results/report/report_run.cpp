#include "results/report/report_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "results/report/chart_axes.hpp"
#include "results/report/line_chart.hpp"
#include "results/report/state_graph_chart.hpp"
#include "results/stats/region_series.hpp"

namespace labsim::results {

namespace {

LineSeries band_series(std::string name, const Band& band) {
  return {std::move(name), band.mean, band.low95, band.high95};
}

std::string period_of(const RunOutput& run) {
  const auto& months = run.dimension("month").labels;
  return months.empty()
             ? std::string()
             : fmt::format("{} to {}", chart::month_label(months.front()), chart::month_label(months.back()));
}

std::string replications_text(const RunOutput& run) {
  return fmt::format("mean of {} replications, shaded: the 95% band over replications",
                     run.dimension("replication").size());
}

// One chart of the states whose `state_permanent_support` flag is `permanent` among those on support.
std::string stock_chart(const RunOutput& run, bool permanent, const std::string& id) {
  const auto& states = run.dimension("state");
  const auto names = display_names(states);
  const bool roles = run.has_array("state_on_support") && run.has_array("state_permanent_support");
  LineChart chart;
  chart.id = id;
  chart.title =
      permanent ? "Permanent support by state, whole region" : "Temporary benefits by state, whole region";
  chart.subtitle = replications_text(run);
  chart.x_label = "month";
  chart.y_label = "full-time persons";
  chart.months = run.dimension("month").labels;
  for (std::size_t s = 0; s < states.size(); ++s) {
    if (roles) {
      const bool on = run.array("state_on_support").at({s}) != 0;
      const bool perm = run.array("state_permanent_support").at({s}) != 0;
      if (!on || perm != permanent) continue;
    } else if (permanent) {
      continue;
    }
    const Band band = band_over_replications(monthly_totals(run, "stock", {{"state", states.labels[s]}}));
    chart.series.push_back(band_series(names[s], band));
  }
  return chart.series.empty() ? std::string() : render_line_chart(chart);
}

ReportSection stocks_section(const RunOutput& run, const std::string& name, const std::string& id) {
  ReportSection section{id + "-stocks", "Persons on each benefit" + name, {}};
  for (const bool permanent : {false, true}) {
    const std::string svg =
        stock_chart(run, permanent, fmt::format("{}-stock-{}", id, permanent ? "permanent" : "temporary"));
    if (svg.empty()) continue;
    section.blocks.push_back(figure(
        svg, permanent
                 ? "How many persons are on flex-job allowance, flex-job and disability pension each month "
                   "(all jobcentres together)."
                 : "How many persons are on each temporary benefit each month (all jobcentres together). "
                   "Persons in work or off support are left out."));
  }
  return section;
}

LineChart target_panel(const RunOutput& run, const std::string& dataset, const std::string& title,
                       const std::map<std::string, std::string>& fixed) {
  LineChart panel;
  panel.title = title;
  panel.months = run.dimension("month").labels;
  panel.series.push_back(
      band_series("mean, 95% band", band_over_replications(monthly_totals(run, dataset, fixed))));
  return panel;
}

ReportSection targets_section(const RunOutput& run, const std::string& name, const std::string& id) {
  ReportSection section{id + "-targets", "The national targets per jobcentre" + name, {}};
  section.blocks.push_back(paragraph(
      "One picture per target: the region first, then each jobcentre on its own scale, so that the shape of "
      "each curve can be read even in small jobcentres. " +
      replications_text(run) + "."));
  const auto& jobcentres = run.dimension("jobcentre").labels;
  for (const auto& target : target_indicators()) {
    if (!run.has_array(target.dataset)) continue;
    SmallMultiples chart;
    chart.id = id + "-target-" + target.dataset;
    chart.title = target.name + ", per jobcentre";
    chart.subtitle = replications_text(run) + "; each panel has its own scale";
    chart.x_label = "month";
    chart.y_label = run.array(target.dataset).units;
    chart.panels.push_back(target_panel(run, target.dataset, "Region", {}));
    for (const auto& j : jobcentres)
      chart.panels.push_back(target_panel(run, target.dataset, j, {{"jobcentre", j}}));
    section.blocks.push_back(figure(
        render_small_multiples(chart),
        fmt::format("{}: {} ({}).", target.name, run.array(target.dataset).description, period_of(run))));
  }
  return section;
}

ReportSection graph_section(const RunOutput& run, const std::string& name, const std::string& id) {
  ReportSection section{id + "-graph", "Flows between benefit states" + name, {}};
  const auto& states = run.dimension("state");
  const auto names = display_names(states);
  const std::size_t S = states.size();
  GraphChart chart;
  chart.id = id + "-state-graph";
  chart.title = fmt::format("Flows between benefit states, persons per month, whole region (mean over {})",
                            period_of(run));
  const AxesView<2> edge(run.array("state_graph_edge"), {"from_state", "to_state"});
  const AxesView<1> on_support(run.array("state_on_support"), {"state"});
  const AxesView<1> permanent(run.array("state_permanent_support"), {"state"});
  for (std::size_t s = 0; s < S; ++s) {
    GraphChartState state;
    state.code = states.labels[s];
    state.label = names[s] == state.code ? std::string() : names[s];
    state.on_support = on_support(s) != 0;
    state.permanent_support = permanent(s) != 0;
    state.absorbing = true;
    for (std::size_t to = 0; to < S; ++to) state.absorbing = state.absorbing && edge(s, to) == 0;
    state.mean_stock = overall_mean(monthly_totals(run, "stock", {{"state", state.code}}));
    chart.states.push_back(std::move(state));
  }
  for (std::size_t from = 0; from < S; ++from) {
    for (std::size_t to = 0; to < S; ++to) {
      const double kind = edge(from, to);
      if (kind == 0) continue;
      GraphChartEdge e;
      e.from = from;
      e.to = to;
      e.kind = kind == 2   ? GraphEdgeKind::benefit_limit
               : kind == 3 ? GraphEdgeKind::completion
                           : GraphEdgeKind::transition;
      e.persons_per_month = overall_mean(monthly_totals(
          run, "flows", {{"from_state", states.labels[from]}, {"to_state", states.labels[to]}}));
      chart.edges.push_back(e);
    }
  }
  section.blocks.push_back(figure(
      render_state_graph_chart(chart),
      "Where persons go: each arrow is a way out of a state that the scenario allows, labelled with the mean "
      "number of persons taking it per month; thicker arrows carry more persons. Boxes show the mean number "
      "on "
      "each state."));
  return section;
}

}  // namespace

std::vector<std::string> display_names(const Dimension& dimension) {
  return dimension.display_names.size() == dimension.labels.size() && !dimension.labels.empty()
             ? dimension.display_names
             : dimension.labels;
}

const std::vector<TargetIndicator>& target_indicators() {
  static const std::vector<TargetIndicator> kTargets = {
      {"labour_reserve", "Target 1: labour reserve (arbejdskraftreserve)"},
      {"permanent_support_stock", "Target 2: permanent support (førtidspension, fleksjob, ledighedsydelse)"},
      {"youth_on_support", "Target 3: under 30 on public support"},
      {"non_western_on_support", "Target 4: non-Western immigrants and descendants on public support"},
  };
  return kTargets;
}

bool is_run_file(const RunOutput& file) {
  return file.has_array("stock");
}

std::vector<ReportSection> run_sections(const RunOutput& run, const std::string& name,
                                        const std::string& id) {
  std::vector<ReportSection> sections;
  const std::string suffix = name.empty() ? std::string() : ": " + name;
  sections.push_back(stocks_section(run, suffix, id));
  sections.push_back(targets_section(run, suffix, id));
  if (run.has_array("state_graph_edge") && run.has_array("flows"))
    sections.push_back(graph_section(run, suffix, id));
  return sections;
}

}  // namespace labsim::results
