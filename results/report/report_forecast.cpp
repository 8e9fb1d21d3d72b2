#include "results/report/report_forecast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "results/report/chart_axes.hpp"
#include "results/report/dot_whisker_chart.hpp"
#include "results/report/report_run.hpp"
#include "results/text/numbers.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

namespace {

enum Statistic : std::size_t { kPlan, kObserved, kForecast, kLow80, kHigh80, kLow95, kHigh95, kStatistics };

std::string indicator_name(const std::string& dataset) {
  for (const auto& t : target_indicators()) {
    if (t.dataset == dataset) return t.name;
  }
  if (dataset == "permanent_support_inflow_12_months")
    return "Target 2: inflow to permanent support (12 months)";
  return dataset;
}

struct ForecastCells {
  explicit ForecastCells(const RunOutput& file)
      : f(file),
        forecast(file.array("forecast"), {"area", "indicator", "statistic"}),
        meet(file.array("forecast_p_meet"), {"area", "indicator"}) {
    if (forecast.extent(2) != kStatistics) {
      throw std::out_of_range(fmt::format("array \"forecast\" has {} statistics, not {}", forecast.extent(2),
                                          static_cast<std::size_t>(kStatistics)));
    }
  }
  const RunOutput& f;
  AxesView<3> forecast;
  AxesView<2> meet;
  [[nodiscard]] double at(std::size_t area, std::size_t indicator, Statistic s) const {
    return forecast(area, indicator, s);
  }
  [[nodiscard]] double p_meet(std::size_t area, std::size_t indicator) const { return meet(area, indicator); }
};

double relative(double value, double plan) {
  return 100 * (value / plan - 1);
}

std::string chance(double p) {
  return std::isfinite(p) ? fmt::format("{:.0f}%", 100 * p) : "–";
}

std::string plan_chart(const ForecastCells& c, std::size_t k, const std::string& id, const std::string& month,
                       std::vector<std::string>& without_plan) {
  const auto& areas = c.f.dimension("area").labels;
  const auto& indicator = c.f.dimension("indicator").labels[k];
  DotWhiskerChart chart;
  chart.id = id + "-forecast-" + indicator;
  chart.title = indicator_name(indicator) + ", forecast against plan";
  chart.subtitle =
      fmt::format("{}: the forecast's distance from each plan; left of the line = below the plan",
                  chart::month_label(month));
  chart.x_label = "forecast relative to the plan, percent (0 = exactly the plan)";
  chart.estimate_name = "forecast (median)";
  chart.reference_name = "plan";
  chart.zero_line = true;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    const double plan = c.at(a, k, kPlan);
    if (!std::isfinite(plan) || plan <= 0) {
      without_plan.push_back(areas[a]);
      continue;
    }
    DotWhiskerRow row;
    row.label = areas[a];
    row.emphasised = areas[a] == "region";
    row.estimate = relative(c.at(a, k, kForecast), plan);
    row.low80 = relative(c.at(a, k, kLow80), plan);
    row.high80 = relative(c.at(a, k, kHigh80), plan);
    row.low95 = relative(c.at(a, k, kLow95), plan);
    row.high95 = relative(c.at(a, k, kHigh95), plan);
    row.reference = 0;
    row.tooltip = fmt::format(
        "{}: forecast {} (80% band {} to {}, 95% band {} to {}) against a plan of {}; "
        "chance of meeting the plan {}",
        areas[a], readable_number(c.at(a, k, kForecast)), readable_number(c.at(a, k, kLow80)),
        readable_number(c.at(a, k, kHigh80)), readable_number(c.at(a, k, kLow95)),
        readable_number(c.at(a, k, kHigh95)), readable_number(plan), chance(c.p_meet(a, k)));
    chart.rows.push_back(std::move(row));
  }
  return chart.rows.empty() ? std::string() : render_dot_whisker_chart(chart);
}

TextTable plan_table(const ForecastCells& c, std::size_t k) {
  const auto& areas = c.f.dimension("area").labels;
  const auto& indicator = c.f.dimension("indicator").labels[k];
  TextTable t;
  t.title = indicator_name(indicator);
  t.headings = {"area", "plan", "observed", "forecast", "80% band", "95% band", "chance of meeting the plan"};
  t.csv_names = {"area", "plan", "observed", "forecast", "low80", "low95", "p_meet"};
  const auto number = [](double v) { return Cell{readable_number(v), v}; };
  for (std::size_t a = 0; a < areas.size(); ++a) {
    t.rows.push_back(
        {{areas[a], std::nullopt},
         number(c.at(a, k, kPlan)),
         number(c.at(a, k, kObserved)),
         number(c.at(a, k, kForecast)),
         {fmt::format("{} – {}", readable_number(c.at(a, k, kLow80)), readable_number(c.at(a, k, kHigh80))),
          c.at(a, k, kLow80)},
         {fmt::format("{} – {}", readable_number(c.at(a, k, kLow95)), readable_number(c.at(a, k, kHigh95))),
          c.at(a, k, kLow95)},
         {chance(c.p_meet(a, k)), c.p_meet(a, k)}});
  }
  t.notes = {"Levels in " + c.f.array("forecast").units + "; – where there is no plan or observation."};
  return t;
}

}  // namespace

bool is_forecast_file(const RunOutput& file) {
  return file.has_array("forecast");
}

ReportSection forecast_section(const RunOutput& f, const std::string& name, const std::string& id) {
  const std::string month = f.attribute("forecast_target_month");
  ReportSection section{id + "-forecast",
                        fmt::format("Forecast of the national targets for {}{}", chart::month_label(month),
                                    name.empty() ? "" : ": " + name),
                        {}};
  const std::string method = f.attribute("forecast_method");
  if (!method.empty()) section.blocks.push_back(paragraph("Method: " + method + "."));
  const std::string c80 = f.attribute("forecast_band80_coverage"),
                    c95 = f.attribute("forecast_band95_coverage");
  if (!c80.empty() && !c95.empty()) {
    section.blocks.push_back(
        note("The bands are order statistics over the replications; their exact coverage is " + c80 +
             " and " + c95 + "."));
  }
  if (f.provenance.scale != 1) {
    section.blocks.push_back(note(fmt::format(
        "This forecast was run at scale {}: its levels are that fraction of the real ones and cannot be read "
        "against the plans.",
        f.provenance.scale)));
  }
  const ForecastCells cells(f);
  for (std::size_t k = 0; k < cells.forecast.extent(1); ++k) {
    std::vector<std::string> without_plan;
    const std::string svg = plan_chart(cells, k, id, month, without_plan);
    if (!svg.empty()) {
      section.blocks.push_back(figure(
          svg,
          "Will each jobcentre meet its plan? The dot is the forecast, the thick bar holds 80% of the likely "
          "outcomes and the thin bar 95%; a bar wholly left of the plan line means the plan will very likely "
          "be met, wholly right that it will very likely be missed."));
    }
    if (!without_plan.empty()) {
      std::string list;
      for (const auto& a : without_plan) list += (list.empty() ? "" : ", ") + a;
      section.blocks.push_back(note("Without a plan for this target, so not drawn: " + list + "."));
    }
    section.blocks.push_back(render(plan_table(cells, k), TextFormat::html));
  }
  return section;
}

}  // namespace labsim::results
