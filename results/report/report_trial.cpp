#include "results/report/report_trial.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "results/report/line_chart.hpp"
#include "results/report/report_run.hpp"
#include "results/text/numbers.hpp"
#include "results/text/text_table.hpp"
#include "results/text/trial_format.hpp"

namespace labsim::results {

namespace {

const std::map<std::string, std::string>& analysis_names() {
  static const std::map<std::string, std::string> kNames = {
      {"all_randomized", "intention to treat, all randomized"},
      {"without_exempt", "intention to treat, exempted left out"},
      {"per_protocol", "per protocol (biased: shown as a warning)"},
  };
  return kNames;
}

std::string analysis_name(const std::string& code) {
  const auto it = analysis_names().find(code);
  return it == analysis_names().end() ? code : it->second;
}

// The trial file's arrays by their axes.
AxesView<3> by_week(const RunOutput& f, const std::string& name) {
  return {f.array(name), {"analysis", "arm", "week"}};
}
AxesView<3> by_outcome(const RunOutput& f, const std::string& name) {
  return {f.array(name), {"analysis", "outcome", "arm"}};
}
AxesView<2> by_arm(const RunOutput& f, const std::string& name) {
  return {f.array(name), {"analysis", "arm"}};
}

std::string km_chart(const RunOutput& f, std::size_t a, const std::string& id) {
  const auto& arms = f.dimension("arm").labels;
  const auto& weeks = f.dimension("week").values;
  const std::size_t A = arms.size(), W = weeks.size();
  LineChart chart;
  chart.id = fmt::format("{}-km-{}", id, f.dimension("analysis").labels[a]);
  chart.title = "Not yet self-sufficient, by arm: " + analysis_name(f.dimension("analysis").labels[a]);
  chart.subtitle = "Kaplan-Meier estimate; shaded: 95% confidence interval";
  chart.x_label = "weeks since the spell began";
  chart.y_label = "percent not yet self-sufficient";
  chart.x = weeks;
  chart.steps = true;
  chart.y_max = 100;
  const auto km = by_week(f, "km_not_self_sufficient"), low = by_week(f, "km_ci_low"),
             high = by_week(f, "km_ci_high");
  for (std::size_t arm = 0; arm < A; ++arm) {
    LineSeries s{arms[arm] + (arm == 0 ? " (control)" : ""), {}, {}, {}};
    for (std::size_t w = 0; w < W; ++w) {
      s.y.push_back(100 * km(a, arm, w));
      s.low.push_back(100 * low(a, arm, w));
      s.high.push_back(100 * high(a, arm, w));
    }
    chart.series.push_back(std::move(s));
  }
  return render_line_chart(chart);
}

// The trial file's convention (its units attribute): proportions, except weeks for weeks_on_benefit.
bool is_share(const std::string& outcome) {
  return outcome != "weeks_on_benefit";
}

TextTable estimates_table(const RunOutput& f, std::size_t a) {
  const auto& arms = f.dimension("arm").labels;
  const auto& outcomes = f.dimension("outcome").labels;
  const std::size_t A = arms.size(), O = outcomes.size();
  TextTable t;
  t.title = "Estimates: " + analysis_name(f.dimension("analysis").labels[a]);
  t.headings = {"outcome", "arms", "control", "arm", "difference [95% interval]", "p", "n control", "n arm"};
  t.csv_names = {"outcome", "arms", "control", "arm", "difference", "p_value", "n_control", "n_arm"};
  const auto mean = by_outcome(f, "outcome_mean"), difference = by_outcome(f, "difference"),
             low = by_outcome(f, "difference_ci_low"), high = by_outcome(f, "difference_ci_high"),
             p_value = by_outcome(f, "difference_p_value"), n = by_outcome(f, "n_analysed");
  for (std::size_t o = 0; o < O; ++o) {
    for (std::size_t arm = 1; arm < A; ++arm) {
      const std::string& name = outcomes[o];
      const bool share = is_share(name);
      const double p = p_value(a, o, arm), d = difference(a, o, arm);
      t.rows.push_back({{name, std::nullopt},
                        {arms[arm] + " vs " + arms[0], std::nullopt},
                        {trial_text::level(mean(a, o, 0), share), mean(a, o, 0)},
                        {trial_text::level(mean(a, o, arm), share), mean(a, o, arm)},
                        {trial_text::signed_value(d, share) + " " +
                             trial_text::interval(low(a, o, arm), high(a, o, arm), share),
                         d},
                        {trial_text::p_text(p), p},
                        {with_thousands(n(a, o, 0)), n(a, o, 0)},
                        {with_thousands(n(a, o, arm)), n(a, o, arm)}});
    }
  }
  t.notes = {"Differences of shares are in percentage points (pp); intervals are 95%.",
             "The estimates pool all replications, as if the trial were that many times as large."};
  return t;
}

TextTable hazard_table(const RunOutput& f) {
  const auto& arms = f.dimension("arm").labels;
  const auto& analyses = f.dimension("analysis").labels;
  const std::size_t A = arms.size();
  TextTable t;
  t.title = "Time to self-sufficiency: hazard ratio (Cox), above 1 = faster than control";
  t.headings = {"analysis", "arms", "hazard ratio [95% interval]", "p"};
  t.csv_names = {"analysis", "arms", "hazard_ratio", "p_value"};
  const auto ratio = by_arm(f, "hazard_ratio"), low = by_arm(f, "hazard_ratio_ci_low"),
             high = by_arm(f, "hazard_ratio_ci_high"), p_value = by_arm(f, "hazard_ratio_p_value");
  for (std::size_t a = 0; a < analyses.size(); ++a) {
    for (std::size_t arm = 1; arm < A; ++arm) {
      const double hr = ratio(a, arm), p = p_value(a, arm);
      t.rows.push_back({{analysis_name(analyses[a]), std::nullopt},
                        {arms[arm] + " vs " + arms[0], std::nullopt},
                        {fmt::format("{:.2f} [{:.2f}, {:.2f}]", hr, low(a, arm), high(a, arm)), hr},
                        {trial_text::p_text(p), p}});
    }
  }
  return t;
}

TextTable participants_table(const RunOutput& f) {
  const auto& arms = f.dimension("arm").labels;
  TextTable t;
  t.title = "Participants per arm";
  t.headings = {"arm", "randomized", "exempted", "received the protocol"};
  t.csv_names = {"arm", "randomized", "exempt", "protocol_received"};
  for (std::size_t arm = 0; arm < arms.size(); ++arm) {
    const auto cell = [&](const std::string& name) {
      const double v = AxesView<1>(f.array(name), {"arm"})(arm);
      return Cell{with_thousands(v), v};
    };
    t.rows.push_back(
        {{arms[arm], std::nullopt}, cell("participants"), cell("exempt"), cell("protocol_received")});
  }
  return t;
}

// Weeks, or "not reached" (NaN) when the curve had participants.
std::string weeks_text(double weeks) {
  return std::isfinite(weeks) ? fmt::format("{:.1f}", weeks) : "not reached";
}

TextTable median_table(const RunOutput& f, std::size_t a) {
  const auto& arms = f.dimension("arm").labels;
  TextTable t;
  t.title = "Median weeks to self-sufficiency: " + analysis_name(f.dimension("analysis").labels[a]);
  t.headings = {"arm", "median weeks [95% interval]"};
  t.csv_names = {"arm", "median_weeks"};
  const auto median = by_arm(f, "km_median_weeks"), low = by_arm(f, "km_median_ci_low"),
             high = by_arm(f, "km_median_ci_high");
  for (std::size_t arm = 0; arm < arms.size(); ++arm) {
    const double m = median(a, arm);
    t.rows.push_back(
        {{arms[arm], std::nullopt},
         {fmt::format("{} [{}, {}]", weeks_text(m), weeks_text(low(a, arm)), weeks_text(high(a, arm))), m}});
  }
  t.notes = {
      "From the Kaplan-Meier curve, with the Brookmeyer-Crowley interval; 'not reached': the curve (or its "
      "limit) stays above 50% within the horizon."};
  return t;
}

TextTable cost_table(const RunOutput& f) {
  const auto& arms = f.dimension("arm").labels;
  const auto& items = f.dimension("cost_item").labels;
  const auto& payers = f.dimension("payer").labels;
  const auto view = [&](const std::string& name) {
    return AxesView<3>(f.array(name), {"arm", "cost_item", "payer"});
  };
  const auto mean = view("cost_per_participant"), low = view("cost_per_participant_ci_low"),
             high = view("cost_per_participant_ci_high"), diff = view("cost_difference"),
             diff_low = view("cost_difference_ci_low"), diff_high = view("cost_difference_ci_high");
  const auto money = [](double v) { return std::isfinite(v) ? with_thousands(v) : std::string("n/a"); };
  TextTable t;
  t.title = "Cost per participant within the horizon, DKK per participant (primary analysis)";
  t.headings = {"arm", "cost item"};
  t.csv_names = {"arm", "cost_item"};
  for (const std::string& payer : payers) {
    t.headings.push_back(payer + " [95% interval]");
    t.csv_names.push_back(payer + "_dkk");
  }
  t.headings.push_back("total vs " + arms[0] + " [95% interval]");
  t.csv_names.push_back("total_difference");
  const std::size_t total = payers.size() - 1;
  for (std::size_t arm = 0; arm < arms.size(); ++arm) {
    for (std::size_t item = 0; item < items.size(); ++item) {
      std::vector<Cell> row = {{arms[arm], std::nullopt}, {items[item], std::nullopt}};
      for (std::size_t p = 0; p < payers.size(); ++p) {
        row.push_back({fmt::format("{} [{}, {}]", money(mean(arm, item, p)), money(low(arm, item, p)),
                                   money(high(arm, item, p))),
                       mean(arm, item, p)});
      }
      const double d = diff(arm, item, total);
      row.push_back({arm == 0 ? ""
                              : fmt::format("{} [{}, {}]", money(d), money(diff_low(arm, item, total)),
                                            money(diff_high(arm, item, total))),
                     d});
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

}  // namespace

bool is_trial_file(const RunOutput& file) {
  return file.has_array("km_not_self_sufficient");
}

ReportSection trial_section(const RunOutput& f, const std::string& name, const std::string& id) {
  const std::string title = f.attribute("title");
  ReportSection section{id + "-trial", "Trial: " + (title.empty() ? name : title), {}};
  if (const std::string design = f.attribute("design"); !design.empty())
    section.blocks.push_back(paragraph(design));
  section.blocks.push_back(render(participants_table(f), TextFormat::html));
  const auto& analyses = f.dimension("analysis").labels;
  const std::string primary = f.attribute("primary_analysis");
  std::size_t first = 0;
  for (std::size_t a = 0; a < analyses.size(); ++a) {
    if (analyses[a] == primary) first = a;
  }
  std::vector<std::size_t> order{first};
  for (std::size_t a = 0; a < analyses.size(); ++a) {
    if (a != first) order.push_back(a);
  }
  for (const std::size_t a : order) {
    section.blocks.push_back(
        figure(km_chart(f, a, id),
               "Who is still on public support, week by week since the spell began, in each "
               "arm: the further apart the curves, the larger the effect of the follow-up."));
    section.blocks.push_back(render(estimates_table(f, a), TextFormat::html));
  }
  section.blocks.push_back(render(hazard_table(f), TextFormat::html));
  // Files written before medians and costs were stored have neither.
  if (f.has_array("km_median_weeks"))
    section.blocks.push_back(render(median_table(f, first), TextFormat::html));
  if (f.has_array("cost_per_participant")) section.blocks.push_back(render(cost_table(f), TextFormat::html));
  return section;
}

}  // namespace labsim::results
