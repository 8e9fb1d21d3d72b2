// Wording and rounding of the calibration report: percents with one decimal, levels in whole persons,
// parameters with four significant digits, NaN as "n/a".
#include "results/text/calibration_report.hpp"

#include <fmt/format.h>

#include <cmath>

namespace labsim::results {

CalibrationReport calibration_report(const std::string& scenario, const CalibrationInputs& inputs,
                                     const CalibrationOptions& options, const CalibrationResult& result,
                                     const std::string& calibrated) {
  CalibrationReport report;
  report.scenario = scenario;
  report.scenario_name = result.scenario_name;
  report.evaluator = result.evaluator;
  report.calibrated = calibrated;
  report.scale = options.scale;
  report.parameters = inputs.parameters;
  report.fit = result.fit;
  report.observed = inputs.observed;
  report.verification = result.verification;
  return report;
}

namespace {

Cell text(std::string s) {
  return {std::move(s), std::nullopt};
}

std::optional<double> number(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

// Percents with one decimal and levels in whole persons, so a column reads down evenly.
std::string shown(double v, bool percent) {
  if (!std::isfinite(v)) return "n/a";
  return percent ? fmt::format("{:.1f}", v) : fmt::format("{:.0f}", v);
}

Cell value_cell(double v, bool percent) {
  return {shown(v, percent), number(v)};
}

Cell parameter_cell(double v) {
  return {std::isfinite(v) ? fmt::format("{:.4g}", v) : "n/a", number(v)};
}

std::string months_text(const ObservedStatistic& s) {
  return s.from_text == s.to_text ? s.from_text : s.from_text + ".." + s.to_text;
}

std::string subset_text(const ObservedStatistic& s) {
  std::string out = s.state_or_group.empty() && s.kind == StatisticKind::company_based_share
                        ? "all states"
                        : s.state_or_group;
  if (s.kind == StatisticKind::timeliness_first_interview ||
      s.kind == StatisticKind::timeliness_first_offer) {
    out += fmt::format(" {}", models::kWindowLabels[s.window]);
  }
  return out;
}

double at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? v[i] : std::nan("");
}

TextTable parameter_table(const CalibrationReport& r) {
  TextTable t;
  t.title = fmt::format("labsim calibrate {}: fitted parameters ({})", r.scenario, r.evaluator);
  t.headings = {"parameter", "start", "fitted", "std. error", "fitted on"};
  t.csv_names = {"parameter", "start", "fitted", "standard_error", "transform"};
  for (std::size_t j = 0; j < r.parameters.size(); ++j) {
    const FitParameter& p = r.parameters[j];
    t.rows.push_back({text(p.key), parameter_cell(p.start), parameter_cell(at(r.fit.values, j)),
                      parameter_cell(at(r.fit.standard_errors, j)),
                      text(fmt::format("{} scale", transform_name(p.transform)))});
  }
  const FitResult& f = r.fit;
  t.notes.push_back(fmt::format("{}; {} iterations, {} evaluations.", f.status, f.iterations, f.evaluations));
  t.notes.push_back(fmt::format(
      "Weighted sum of squares (chi-square) {:.4g} on {} degrees of freedom ({} statistics - {} parameters).",
      f.chi_square, f.degrees_of_freedom, r.observed.size(), r.parameters.size()));
  t.notes.push_back(
      f.standard_errors_ok
          ? fmt::format(
                "Standard errors from (J'WJ)^-1 with W = 1/sd^2 (condition number {:.3g}), by the delta "
                "method on the natural scale; they take the sds as the statistics' standard errors.",
                f.condition_number)
          : fmt::format("No standard errors: J'WJ is too ill conditioned (condition number {:.3g}); some "
                        "parameters are not identified by these statistics (fit fewer, or observe more).",
                        f.condition_number));
  if (f.rejected_evaluations > 0) {
    t.notes.push_back(
        fmt::format("{} trial points were outside what the scenario allows and were stepped back "
                    "from; the last: {}",
                    f.rejected_evaluations, f.last_rejection));
  }
  return t;
}

TextTable statistic_table(const CalibrationReport& r, bool csv) {
  const Verification& v = r.verification;
  TextTable t;
  t.title = "Observed and fitted statistics";
  t.headings = {"statistic", "subset", "jobcentre", "months",   "observed",
                "sd",        "fitted", "residual",  "std. res."};
  t.csv_names = {"statistic", "state_or_group",       "jobcentre", "months", "observed", "sd", "fitted",
                 "residual",  "standardized_residual"};
  if (v.replications > 0) {
    // csv: the interval as two numbers, for a spreadsheet.
    t.headings.insert(t.headings.end(), {"simulated", "95% interval", "sim. residual", "sim. std. res."});
    t.csv_names.insert(t.csv_names.end(), {"simulated_mean", "simulated_low", "simulated_residual",
                                           "simulated_standardized_residual"});
    if (csv) {
      t.headings.insert(t.headings.end() - 2, "95% high");
      t.csv_names.insert(t.csv_names.end() - 2, "simulated_high");
    }
  }
  for (std::size_t i = 0; i < r.observed.size(); ++i) {
    const ObservedStatistic& s = r.observed[i];
    const bool percent = is_percent(s.kind);
    const double fitted = at(r.fit.fitted, i);
    std::vector<Cell> row = {text(statistic_name(s.kind)),
                             text(subset_text(s)),
                             text(s.jobcentre ? s.jobcentre_name : "region"),
                             text(months_text(s)),
                             value_cell(s.value, percent),
                             value_cell(s.sd, percent),
                             value_cell(fitted, percent),
                             value_cell(fitted - s.value, percent),
                             {fmt::format("{:+.2f}", (fitted - s.value) / s.sd), (fitted - s.value) / s.sd}};
    if (v.replications > 0) {
      const double mean = at(v.mean, i), low = at(v.low, i), high = at(v.high, i);
      row.push_back(value_cell(mean, percent));
      const std::string interval =
          std::isfinite(low) ? shown(low, percent) + " to " + shown(high, percent) : "n/a";
      row.push_back({interval, number(low)});
      if (csv) row.push_back(value_cell(high, percent));
      row.push_back(value_cell(mean - s.value, percent));
      const double z = (mean - s.value) / s.sd;
      row.push_back({std::isfinite(z) ? fmt::format("{:+.2f}", z) : "n/a", number(z)});
    }
    t.rows.push_back(std::move(row));
  }
  t.notes.push_back(
      "residual = fitted - observed; std. res. = residual / sd. Percents are of new spells "
      "(timeliness) or of full-time persons in activation (company_based_share); levels are "
      "full-time persons per month at scale 1.");
  if (v.replications > 0) {
    t.notes.push_back(fmt::format(
        "simulated: the simulator with the fitted values, mean of {} replication{} with a 95% t interval{}.",
        v.replications, v.replications == 1 ? "" : "s",
        r.scale == 1 ? "" : fmt::format(", scale {} (levels divided by it)", r.scale)));
  }
  if (!r.calibrated.empty()) t.notes.push_back("Calibrated scenario: " + r.calibrated);
  return t;
}

nlohmann::ordered_json json_number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

}  // namespace

std::vector<TextTable> calibration_tables(const CalibrationReport& report, TextFormat format) {
  return {parameter_table(report), statistic_table(report, format == TextFormat::csv)};
}

nlohmann::ordered_json calibration_json(const CalibrationReport& r) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario;
  j["name"] = r.scenario_name;
  j["evaluator"] = r.evaluator;
  j["scale"] = r.scale;
  j["calibrated_scenario"] = r.calibrated;
  const FitResult& f = r.fit;
  j["fit"] = {{"converged", f.converged},
              {"status", f.status},
              {"iterations", f.iterations},
              {"evaluations", f.evaluations},
              {"rejected_evaluations", f.rejected_evaluations},
              {"chi_square", json_number(f.chi_square)},
              {"degrees_of_freedom", f.degrees_of_freedom},
              {"condition_number", json_number(f.condition_number)},
              {"standard_errors_ok", f.standard_errors_ok}};
  j["parameters"] = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < r.parameters.size(); ++k) {
    j["parameters"].push_back({{"key", r.parameters[k].key},
                               {"transform", transform_name(r.parameters[k].transform)},
                               {"start", r.parameters[k].start},
                               {"fitted", json_number(at(f.values, k))},
                               {"standard_error", json_number(at(f.standard_errors, k))}});
  }
  j["statistics"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.observed.size(); ++i) {
    const ObservedStatistic& s = r.observed[i];
    nlohmann::ordered_json row = {{"statistic", statistic_name(s.kind)},
                                  {"state_or_group", s.state_or_group},
                                  {"window", s.kind == StatisticKind::timeliness_first_interview ||
                                                     s.kind == StatisticKind::timeliness_first_offer
                                                 ? models::kWindowLabels[s.window]
                                                 : ""},
                                  {"jobcentre", s.jobcentre_name},
                                  {"from", s.from_text},
                                  {"to", s.to_text},
                                  {"units", statistic_units(s.kind)},
                                  {"observed", s.value},
                                  {"sd", s.sd},
                                  {"fitted", json_number(at(f.fitted, i))},
                                  {"source", s.source}};
    if (r.verification.replications > 0) {
      row["simulated_mean"] = json_number(at(r.verification.mean, i));
      row["simulated_low"] = json_number(at(r.verification.low, i));
      row["simulated_high"] = json_number(at(r.verification.high, i));
    }
    j["statistics"].push_back(std::move(row));
  }
  j["verification_replications"] = r.verification.replications;
  return j;
}

}  // namespace labsim::results
