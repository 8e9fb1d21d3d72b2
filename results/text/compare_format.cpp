// Wording, rounding and units of `labsim compare` output.
#include "results/text/compare_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace labsim::results {

namespace {

const char* method_name(IntervalMethod m) {
  return m == IntervalMethod::paired ? "paired" : "welch";
}

// Enough decimals for about three significant digits, never more than two.
int decimals_for(double magnitude) {
  if (magnitude == 0 || !(magnitude < 100)) return 0;  // also infinities and NaN
  return magnitude < 10 ? 2 : 1;
}

double max_abs(std::initializer_list<double> xs) {
  double m = 0;
  for (double x : xs) {
    if (!std::isnan(x)) m = std::max(m, std::abs(x));
  }
  return m;
}

// 12345.678 with 1 decimal -> "12,345.7"; a value that rounds to zero loses its sign.
std::string grouped(double x, int decimals, bool plus = false) {
  if (std::isnan(x)) return "n/a";
  std::string digits = fmt::format("{:.{}f}", std::abs(x), decimals);
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  const std::size_t point = std::min(digits.find('.'), digits.size());
  for (std::size_t i = point; i > 3; i -= 3) digits.insert(i - 3, ",");
  if (zero) return digits;
  return (x < 0 ? "-" : plus ? "+" : "") + digits;
}

bool is_percent(const std::string& units) {
  return units == "percent";
}

// Differences of percentages are percentage points, not percent of anything.
std::string with_units(const std::string& number, const std::string& units, bool difference) {
  if (number == "n/a") return number;
  if (is_percent(units)) return number + (difference ? " pp" : "%");
  return units.empty() ? number : number + " " + units;
}

// The interval's units are those of the difference beside it, so only percentage points are repeated.
std::string interval_text(const CompareRow& row, const std::string& units, int decimals) {
  if (std::isnan(row.ci_low) || std::isnan(row.ci_high)) return "n/a";
  const std::string text =
      fmt::format("{} to {}", grouped(row.ci_low, decimals), grouped(row.ci_high, decimals));
  return is_percent(units) ? text + " pp" : text;
}

std::string period_words(ComparePeriod p) {
  switch (p) {
    case ComparePeriod::month:
      return "by month";
    case ComparePeriod::year:
      return "by calendar year, mean per month over the period";
    case ComparePeriod::all:
      return "over the whole horizon, mean per month over the period";
  }
  return "";
}

std::string averaged_note(const IndicatorComparison& ind) {
  const std::string over = ind.averaged_dims.size() == 2              ? "jobcentres and groups"
                           : ind.averaged_dims.front() == "jobcentre" ? "jobcentres"
                                                                      : "groups";
  return fmt::format(
      "{}: (unweighted mean over {}); a sum of {} would mean nothing, so each counts once, whatever its size",
      ind.indicator, over, ind.units);
}

std::string method_label(IntervalMethod m) {
  return m == IntervalMethod::paired ? "paired (common random numbers)" : "Welch (independent runs)";
}

const std::string& file_of(const CompareResult& result, const Comparison& c, CompareSide side) {
  return side == CompareSide::reference ? result.reference.file : c.file.file;
}

// Runs of labels of the same dimension and side, as "dimension a, b: only in FILE", each followed by `why`
// (given the file that lacks them).
template <class Why>
std::vector<std::string> grouped_one_sided(const CompareResult& result, const Comparison& c,
                                           const std::vector<OneSided>& items, const std::string& prefix,
                                           Why why) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size();) {
    if (!items[i].dimension) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < items.size() && items[end].dimension == items[i].dimension &&
           items[end].side == items[i].side)
      ++end;
    std::vector<std::string> labels;
    for (std::size_t k = i; k < end; ++k) labels.push_back(items[k].label);
    const CompareSide lacking =
        items[i].side == CompareSide::reference ? CompareSide::compared : CompareSide::reference;
    out.push_back(fmt::format("{}{} {}: only in {}{}", prefix, *items[i].dimension, fmt::join(labels, ", "),
                              file_of(result, c, items[i].side),
                              why(*items[i].dimension, file_of(result, c, lacking))));
    i = end;
  }
  return out;
}

Cell text(std::string s) {
  return {std::move(s), std::nullopt};
}

TextTable files_table(const CompareResult& result) {
  TextTable t;
  t.title = fmt::format("labsim compare: each file against the reference, {}", period_words(result.period));
  t.headings = {"", "file", "scenario", "seed", "replications", "scale", "intervals"};
  t.csv_names = {"role", "file", "scenario", "seed", "replications", "scale", "method"};
  const auto row = [](const std::string& role, const FileFacts& f, const std::string& method) {
    return std::vector<Cell>{text(role),
                             text(f.file),
                             text(f.scenario),
                             {fmt::format("{}", f.seed), static_cast<double>(f.seed)},
                             {fmt::format("{}", f.replications), f.replications},
                             {fmt::format("{}", f.scale), f.scale},
                             text(method)};
  };
  t.rows.push_back(row("reference", result.reference, ""));
  for (const auto& c : result.comparisons) t.rows.push_back(row("compared", c.file, method_label(c.method)));
  for (const auto& c : result.comparisons) {
    t.notes.push_back(c.method_reason);
    t.notes.insert(t.notes.end(), c.notes.begin(), c.notes.end());
    for (auto& note : one_sided_notes(result, c)) t.notes.push_back(std::move(note));
  }
  t.notes.push_back(
      "difference = compared - reference, with its 95% interval over replications; relative = difference / "
      "reference");
  return t;
}

bool has_value(const CompareRow& r) {
  return !std::isnan(r.reference) || !std::isnan(r.value);
}

TextTable indicator_table(const CompareResult& result, const Comparison& c, const IndicatorComparison& ind) {
  TextTable t;
  t.title =
      fmt::format("{} ({}, {}): {} - {}", ind.indicator, ind.units,
                  result.period == ComparePeriod::month ? "per month" : "mean per month over the period",
                  c.file.file, result.reference.file);
  t.headings = {"period"};
  t.headings.insert(t.headings.end(), ind.kept_dims.begin(), ind.kept_dims.end());
  t.headings.insert(t.headings.end(), {"reference", "compared", "difference", "95% interval", "relative"});
  t.csv_names = t.headings;  // only for people: csv output is one long table
  // One number of decimals per column, so that a column reads down evenly.
  double levels = 0, changes = 0;
  for (const auto& r : ind.rows) {
    levels = std::max(levels, max_abs({r.reference, r.value}));
    changes = std::max(changes, max_abs({r.difference, r.ci_low, r.ci_high}));
  }
  const int level = decimals_for(levels), change = decimals_for(changes);
  std::size_t empty = 0;
  for (const auto& r : ind.rows) {
    if (!has_value(r)) {
      ++empty;
      continue;
    }
    std::vector<Cell> cells{text(r.period)};
    for (const auto& label : r.labels) cells.push_back(text(label));
    cells.push_back({with_units(grouped(r.reference, level), ind.units, false), r.reference});
    cells.push_back({with_units(grouped(r.value, level), ind.units, false), r.value});
    cells.push_back({with_units(grouped(r.difference, change, true), ind.units, true), r.difference});
    // The interval is numbers too, so it lines up on the right like them.
    cells.push_back({interval_text(r, ind.units, change), r.ci_low});
    const std::string relative = grouped(r.relative_percent, 1, true);
    cells.push_back({relative == "n/a" ? relative : relative + "%", r.relative_percent});
    t.rows.push_back(std::move(cells));
  }
  if (!ind.averaged_dims.empty()) t.notes.push_back(averaged_note(ind));
  for (auto& note : left_out_notes(result, c, ind)) t.notes.push_back(std::move(note));
  if (empty > 0) {
    t.notes.push_back(fmt::format("{} row{} with no value in either file (nobody to measure) left out", empty,
                                  empty == 1 ? "" : "s"));
  }
  return t;
}

// One row per file, indicator, period and labels; a column for every dimension kept anywhere.
TextTable long_table(const CompareResult& result) {
  std::vector<std::string> dims;
  for (const auto& c : result.comparisons) {
    for (const auto& ind : c.indicators) {
      for (const auto& d : ind.kept_dims) {
        if (std::find(dims.begin(), dims.end(), d) == dims.end()) dims.push_back(d);
      }
    }
  }
  TextTable t;
  t.csv_names = {"file", "indicator", "units", "period"};
  t.csv_names.insert(t.csv_names.end(), dims.begin(), dims.end());
  t.csv_names.insert(t.csv_names.end(),
                     {"reference", "value", "difference", "ci_low", "ci_high", "relative_percent", "method"});
  t.headings = t.csv_names;
  for (const auto& c : result.comparisons) {
    for (const auto& ind : c.indicators) {
      for (const auto& r : ind.rows) {
        std::vector<Cell> cells{text(c.file.file), text(ind.indicator), text(ind.units), text(r.period)};
        for (const auto& d : dims) {
          const auto at = std::find(ind.kept_dims.begin(), ind.kept_dims.end(), d);
          cells.push_back(text(at == ind.kept_dims.end()
                                   ? ""
                                   : r.labels[static_cast<std::size_t>(at - ind.kept_dims.begin())]));
        }
        for (double x : {r.reference, r.value, r.difference, r.ci_low, r.ci_high, r.relative_percent})
          cells.push_back({fmt::format("{}", x), x});
        cells.push_back(text(method_name(c.method)));
        t.rows.push_back(std::move(cells));
      }
    }
  }
  t.notes.push_back(
      fmt::format("reference: {}; values {}", result.reference.file, period_words(result.period)));
  for (const auto& c : result.comparisons) {
    t.notes.push_back(c.method_reason);
    t.notes.insert(t.notes.end(), c.notes.begin(), c.notes.end());
    for (auto& note : one_sided_notes(result, c)) t.notes.push_back(std::move(note));
  }
  std::vector<std::string> averaged;
  for (const auto& c : result.comparisons) {
    for (const auto& ind : c.indicators) {
      if (ind.averaged_dims.empty()) continue;
      const std::string note = averaged_note(ind);
      if (std::find(averaged.begin(), averaged.end(), note) == averaged.end()) averaged.push_back(note);
    }
  }
  t.notes.insert(t.notes.end(), averaged.begin(), averaged.end());
  for (const auto& c : result.comparisons) {
    for (const auto& ind : c.indicators) {
      for (auto& note : left_out_notes(result, c, ind)) t.notes.push_back(std::move(note));
    }
  }
  return t;
}

nlohmann::ordered_json one_sided_json(const CompareResult& result, const Comparison& c, const OneSided& o) {
  nlohmann::ordered_json entry;
  if (o.dimension) {
    entry["dimension"] = *o.dimension;
    entry["label"] = o.label;
  } else {
    entry["indicator"] = o.label;
  }
  entry["side"] = o.side == CompareSide::reference ? "reference" : "compared";
  entry["file"] = file_of(result, c, o.side);
  return entry;
}

nlohmann::ordered_json number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

nlohmann::ordered_json facts_json(const FileFacts& f) {
  return {{"file", f.file},
          {"scenario", f.scenario},
          {"seed", f.seed},
          {"replications", f.replications},
          {"scale", f.scale}};
}

}  // namespace

const char* period_name(ComparePeriod period) {
  switch (period) {
    case ComparePeriod::month:
      return "month";
    case ComparePeriod::year:
      return "year";
    case ComparePeriod::all:
      return "all";
  }
  return "";
}

std::vector<std::string> one_sided_notes(const CompareResult& result, const Comparison& c) {
  return grouped_one_sided(result, c, c.one_sided, "", [](const std::string&, const std::string& lacking) {
    return fmt::format(" (counted as 0 in {})", lacking);
  });
}

std::vector<std::string> left_out_notes(const CompareResult& result, const Comparison& c,
                                        const IndicatorComparison& ind) {
  return grouped_one_sided(
      result, c, ind.left_out, ind.indicator + ": ", [&](const std::string& dimension, const std::string&) {
        const bool averaged = std::find(ind.averaged_dims.begin(), ind.averaged_dims.end(), dimension) !=
                              ind.averaged_dims.end();
        return averaged
                   ? fmt::format(", left out of the mean over {}", dimension)
                   : fmt::format(", not compared ({} does not add up, so a label that is not there is not 0)",
                                 ind.units);
      });
}

std::vector<TextTable> compare_tables(const CompareResult& result, TextFormat format) {
  if (format == TextFormat::csv) return {long_table(result)};
  std::vector<TextTable> tables{files_table(result)};
  for (const auto& c : result.comparisons) {
    for (const auto& ind : c.indicators) tables.push_back(indicator_table(result, c, ind));
  }
  return tables;
}

nlohmann::ordered_json compare_json(const CompareResult& result) {
  nlohmann::ordered_json comparisons = nlohmann::ordered_json::array();
  for (const auto& c : result.comparisons) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& ind : c.indicators) {
      for (const auto& r : ind.rows) {
        nlohmann::ordered_json row = {
            {"indicator", ind.indicator}, {"units", ind.units}, {"period", r.period}};
        for (std::size_t k = 0; k < ind.kept_dims.size(); ++k) row[ind.kept_dims[k]] = r.labels[k];
        row["averaged_over"] = ind.averaged_dims;  // empty: summed over the dimensions not shown
        row["reference"] = number(r.reference);
        row["value"] = number(r.value);
        row["difference"] = number(r.difference);
        row["ci_low"] = number(r.ci_low);
        row["ci_high"] = number(r.ci_high);
        row["relative_percent"] = number(r.relative_percent);
        rows.push_back(std::move(row));
      }
    }
    nlohmann::ordered_json entry = facts_json(c.file);
    entry["method"] = method_name(c.method);
    entry["method_reason"] = c.method_reason;
    entry["notes"] = c.notes;
    // Only when the files' labels or indicators differ, so that the output of files alike stays as it was.
    if (!c.one_sided.empty()) {
      nlohmann::ordered_json one_sided = nlohmann::ordered_json::array();
      for (const auto& o : c.one_sided) one_sided.push_back(one_sided_json(result, c, o));
      entry["only_in_one"] = std::move(one_sided);
    }
    nlohmann::ordered_json left_out = nlohmann::ordered_json::array();
    for (const auto& ind : c.indicators) {
      for (const auto& o : ind.left_out) {
        nlohmann::ordered_json item = {{"indicator", ind.indicator}};
        item.update(one_sided_json(result, c, o));
        left_out.push_back(std::move(item));
      }
    }
    if (!left_out.empty()) entry["left_out"] = std::move(left_out);
    entry["rows"] = std::move(rows);
    comparisons.push_back(std::move(entry));
  }
  return {{"reference", facts_json(result.reference)},
          {"period", period_name(result.period)},
          {"comparisons", std::move(comparisons)}};
}

}  // namespace labsim::results
