// Wording, rounding and units of `labsim forecast` output.
#include "results/text/forecast_format.hpp"

#include <fmt/format.h>

#include <cmath>

#include "results/text/numbers.hpp"

namespace labsim::results {

namespace {

const char* kRegion = "region";

// Full-time persons: whole numbers with thousands separators, one decimal for small levels (small
// jobcentres, previews at a small --scale).
std::string persons(double x) {
  if (!std::isfinite(x)) return "n/a";
  return std::abs(x) < 100 ? fmt::format("{:.1f}", x) : with_thousands(x);
}

std::string persons(const std::optional<double>& x) {
  return x ? persons(*x) : "";
}

std::string percent(const std::optional<double>& p) {
  return p ? fmt::format("{:.0f}%", 100 * *p) : "";
}

Cell text(std::string s) {
  return {std::move(s), std::nullopt};
}

Cell number(std::string s, const std::optional<double>& x) {
  return {std::move(s), x};
}

const char* plan_source_name(PlanSource s) {
  switch (s) {
    case PlanSource::jobcentre_plan:
      return "jobcentre_plan";
    case PlanSource::sum_of_plans:
      return "sum_of_jobcentre_plans";
    case PlanSource::council_target:
      return "council_target";
  }
  return "";
}

std::string area_label(const Forecast& f, const ForecastRow& row) {
  if (row.plan_source == PlanSource::sum_of_plans) return "Region (sum of plans)";
  if (row.plan_source == PlanSource::council_target) return "Region (council target)";
  return f.areas[row.area];
}

std::string month_words(const std::string& year_month) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  const int month = std::stoi(year_month.substr(5, 2));
  return fmt::format("{} {}", kMonths[month - 1], year_month.substr(0, 4));
}

// 1 -> "1st", 2 -> "2nd", 11 -> "11th", 91 -> "91st".
std::string ordinal(std::size_t n) {
  const std::size_t last = n % 10, tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : last == 1                ? "st"
                       : last == 2                ? "nd"
                       : last == 3                ? "rd"
                                                  : "th";
  return fmt::format("{}{}", n, suffix);
}

std::string method_note(const Forecast& f) {
  if (f.method == ForecastMethod::markov_twin) {
    return "Method: Markov twin (expected course) with a normal approximation, variance = expected level "
           "(Poisson). The bands and p_meet reflect only the randomness of who moves when: no uncertainty "
           "about the economy or the model's parameters, so they are narrower than a simulation's.";
  }
  return fmt::format(
      "Method: {} replications; forecast = their median. The 80% band runs from the {} to the {} smallest of "
      "the {} levels, so a further replication would fall inside with probability {:.1f}%; the 95% band ({} "
      "to {}) with {:.1f}%.",
      f.replications, ordinal(f.band80.lower_rank), ordinal(f.band80.upper_rank), f.replications,
      100 * f.band80.coverage, ordinal(f.band95.lower_rank), ordinal(f.band95.upper_rank),
      100 * f.band95.coverage);
}

std::vector<std::string> notes(const Forecast& f, const ForecastFacts& facts) {
  std::vector<std::string> out;
  out.push_back(
      "p_meet: the chance that the level is at or below the plan (all four targets are 'lower is better'); "
      "likely met >= 80%, likely missed <= 20%.");
  out.push_back(method_note(f));
  if (f.method == ForecastMethod::simulation && f.band95.coverage < 0.95) {
    out.push_back(fmt::format("With {} replications the 95% band cannot reach 95%; use -r 39 or more.",
                              f.replications));
  }
  if (f.method == ForecastMethod::simulation && facts.volatility_per_month > 0) {
    out.push_back(fmt::format(
        "The bands include the economy's uncertainty: each replication follows its own business cycle, a "
        "random walk of {:g}% per month around the scenario's index.",
        100 * facts.volatility_per_month));
  } else if (f.method == ForecastMethod::simulation) {
    out.push_back(
        "The bands hold only chance in who moves when, not the economy's uncertainty: set "
        "business_cycle.volatility_per_month > 0 in the scenario for that.");
  }
  out.push_back(
      fmt::format("Seed {}{}.", facts.seed,
                  facts.scale == 1 ? "" : fmt::format(", scale {} (levels scale with it)", facts.scale)));
  const auto labels = indicator_labels(f.permanent_support);
  for (const auto& m : f.plan_sum_mismatches) {
    out.push_back(fmt::format("{}: {} gives the sum of the jobcentre plans as {}, but they add up to {}",
                              labels[m.indicator], f.council_source, with_thousands(m.council_sum),
                              with_thousands(m.plans_sum)));
  }
  return out;
}

}  // namespace

std::string verdict(const std::optional<double>& p_meet) {
  if (!p_meet) return "no plan";
  if (*p_meet >= 0.8) return "likely met";
  if (*p_meet <= 0.2) return "likely missed";
  return "uncertain";
}

TextTable forecast_table(const Forecast& f, const ForecastFacts& facts, TextFormat format) {
  const auto labels = indicator_labels(f.permanent_support);
  const auto names = indicator_names(f.permanent_support);
  const std::string observed =
      facts.observed_year ? fmt::format("observed {}", *facts.observed_year) : std::string("observed");
  TextTable t;
  t.title = fmt::format("{}: the national targets in {} against the {} plans (full-time persons)",
                        facts.scenario, month_words(facts.target_month), facts.plan_year);
  if (format == TextFormat::csv) {
    t.csv_names = {"jobcentre", "indicator", "plan_source", "plan",   "observed", "forecast",
                   "low80",     "high80",    "low95",       "high95", "p_meet",   "verdict"};
    t.headings = t.csv_names;
    for (const ForecastRow& r : f.rows) {
      const ForecastStats& s = r.stats;
      t.rows.push_back({text(r.area + 1 == f.areas.size() ? kRegion : f.areas[r.area]),
                        text(names[r.indicator]), text(plan_source_name(r.plan_source)),
                        number(persons(r.plan), r.plan), number(persons(r.observed), r.observed),
                        number(persons(s.forecast), s.forecast), number(persons(s.low80), s.low80),
                        number(persons(s.high80), s.high80), number(persons(s.low95), s.low95),
                        number(persons(s.high95), s.high95), number(percent(s.p_meet), s.p_meet),
                        text(verdict(s.p_meet))});
    }
  } else {
    t.headings = {"jobcentre", "indicator", "plan",    "observed", "forecast",
                  "80% band",  "95% band",  "p(meet)", "verdict"};
    t.headings[3] = observed;
    t.csv_names = t.headings;
    for (const ForecastRow& r : f.rows) {
      const ForecastStats& s = r.stats;
      t.rows.push_back({text(area_label(f, r)), text(labels[r.indicator]), number(persons(r.plan), r.plan),
                        number(persons(r.observed), r.observed), number(persons(s.forecast), s.forecast),
                        number(persons(s.low80) + " - " + persons(s.high80), s.low80),
                        number(persons(s.low95) + " - " + persons(s.high95), s.low95),
                        number(percent(s.p_meet), s.p_meet), text(verdict(s.p_meet))});
    }
  }
  t.notes = notes(f, facts);
  return t;
}

nlohmann::ordered_json forecast_json(const Forecast& f, const ForecastFacts& facts) {
  const auto optional = [](const std::optional<double>& x) {
    return x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json();
  };
  const auto labels = indicator_labels(f.permanent_support);
  const auto names = indicator_names(f.permanent_support);
  nlohmann::ordered_json j;
  j["scenario"] = facts.scenario;
  j["target_month"] = facts.target_month;
  j["plan_year"] = facts.plan_year;
  j["observed_year"] =
      facts.observed_year ? nlohmann::ordered_json(*facts.observed_year) : nlohmann::ordered_json();
  j["units"] = "full-time persons";
  j["method"] = f.method == ForecastMethod::simulation ? "simulation" : "markov_twin_normal_approximation";
  j["replications"] = f.replications;
  if (f.method == ForecastMethod::simulation) {
    j["band_coverage"] = {{"80", f.band80.coverage}, {"95", f.band95.coverage}};
  }
  j["seed"] = facts.seed;
  j["scale"] = facts.scale;
  j["rows"] = nlohmann::ordered_json::array();
  for (const ForecastRow& r : f.rows) {
    const ForecastStats& s = r.stats;
    j["rows"].push_back({{"jobcentre", r.area + 1 == f.areas.size() ? kRegion : f.areas[r.area]},
                         {"indicator", names[r.indicator]},
                         {"target", r.indicator + 1},
                         {"indicator_label", labels[r.indicator]},
                         {"plan_source", plan_source_name(r.plan_source)},
                         {"plan", optional(r.plan)},
                         {"observed", optional(r.observed)},
                         {"forecast", s.forecast},
                         {"low80", s.low80},
                         {"high80", s.high80},
                         {"low95", s.low95},
                         {"high95", s.high95},
                         {"p_meet", optional(s.p_meet)},
                         {"verdict", verdict(s.p_meet)}});
  }
  j["notes"] = notes(f, facts);
  return j;
}

}  // namespace labsim::results
