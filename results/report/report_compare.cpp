#include "results/report/report_compare.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "results/report/line_chart.hpp"
#include "results/report/report_run.hpp"
#include "results/stats/region_series.hpp"
#include "results/text/compare_format.hpp"

namespace labsim::results {

namespace {

std::string scenario_name(const NamedRun& run) {
  const std::string title = run.run.attribute("title");
  return title.empty() ? run.file : title;
}

std::string levels_chart(const std::vector<NamedRun>& runs, const TargetIndicator& target) {
  LineChart chart;
  chart.id = "compare-" + target.dataset;
  chart.title = target.name + ", whole region";
  chart.subtitle = "each scenario's mean over replications, shaded: its 95% band over replications";
  chart.x_label = "month";
  chart.y_label = runs.front().run.array(target.dataset).units;
  chart.months = runs.front().run.dimension("month").labels;
  for (const auto& run : runs) {
    if (!run.run.has_array(target.dataset)) continue;  // compare's notes say which file lacks it
    const Band band = band_over_replications(monthly_totals(run.run, target.dataset));
    chart.series.push_back({scenario_name(run), band.mean, band.low95, band.high95});
  }
  return render_line_chart(chart);
}

std::string difference_chart(const std::vector<NamedRun>& runs, const CompareResult& result,
                             const TargetIndicator& target, const std::string& method) {
  LineChart chart;
  chart.id = "difference-" + target.dataset;
  chart.title = target.name + ": difference against " + scenario_name(runs.front());
  chart.subtitle =
      "scenario minus reference, mean difference; shaded: its 95% confidence interval (" + method + ")";
  chart.x_label = "month";
  chart.y_label = "difference, " + runs.front().run.array(target.dataset).units;
  chart.months = runs.front().run.dimension("month").labels;
  chart.reference_y = 0;
  chart.y_from_zero = true;
  for (std::size_t k = 0; k < result.comparisons.size(); ++k) {
    LineSeries series{scenario_name(runs[k + 1]), {}, {}, {}};
    for (const auto& indicator : result.comparisons[k].indicators) {
      if (indicator.indicator != target.dataset) continue;
      for (const auto& row : indicator.rows) {
        series.y.push_back(row.difference);
        series.low.push_back(row.ci_low);
        series.high.push_back(row.ci_high);
      }
    }
    if (series.y.size() != chart.months.size()) continue;
    chart.series.push_back(std::move(series));
  }
  return render_line_chart(chart);
}

}  // namespace

ReportSection comparison_section(const std::vector<NamedRun>& runs) {
  ReportSection section{"comparison", "Scenarios compared", {}};
  std::vector<std::string> names;
  for (const auto& run : runs) names.push_back(scenario_name(run));
  section.blocks.push_back(
      paragraph(fmt::format("The national targets in {} scenarios; the first, {}, is the reference the "
                            "others are measured against.",
                            runs.size(), names.front())));
  CompareOptions options;
  options.period = ComparePeriod::month;
  for (const auto& target : target_indicators()) {
    if (runs.front().run.has_array(target.dataset)) options.indicators.push_back(target.dataset);
  }
  const std::vector<NamedRun> others(runs.begin() + 1, runs.end());
  const CompareResult result = compare(runs.front(), others, options);
  const std::string method = result.comparisons.front().method == IntervalMethod::paired
                                 ? "paired by replication: common random numbers"
                                 : "independent runs";
  for (const auto& c : result.comparisons) section.blocks.push_back(paragraph(c.method_reason));
  for (const auto& c : result.comparisons) {
    for (const auto& note : c.notes) section.blocks.push_back(results::note(note));
    for (const auto& note : one_sided_notes(result, c)) section.blocks.push_back(results::note(note));
    for (const auto& ind : c.indicators) {
      for (const auto& note : left_out_notes(result, c, ind)) section.blocks.push_back(results::note(note));
    }
  }
  for (const auto& dataset : options.indicators) {
    const auto& target = *std::find_if(target_indicators().begin(), target_indicators().end(),
                                       [&](const auto& t) { return t.dataset == dataset; });
    section.blocks.push_back(figure(levels_chart(runs, target),
                                    target.name +
                                        " in each scenario, month by month: do the scenarios part, and "
                                        "by more than the spread between replications?"));
    section.blocks.push_back(figure(difference_chart(runs, result, target, method),
                                    "How much each scenario changes " + target.name +
                                        " against the reference; where the shaded interval leaves the zero "
                                        "line, the change is more than chance."));
  }
  return section;
}

}  // namespace labsim::results
