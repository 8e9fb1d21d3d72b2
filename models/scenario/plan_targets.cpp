// Reads jobcentre and regional target files, checking names, years and numbers before any value is used.
#include "models/scenario/plan_targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "models/scenario/csv_table.hpp"
#include "models/scenario/did_you_mean.hpp"
#include "sim/input_error.hpp"

namespace labsim::models {

using sim::InputError;

namespace {

// A target column's parts: target_<number>_<kind>_<year>.
struct TargetColumn {
  std::size_t target = 0;  // 0-based
  bool plan = false;       // else observed
  int year = 0;
};

std::optional<int> year_in(std::string_view text) {
  int year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (error != std::errc{} || end != text.data() + text.size() || text.size() != 4) return std::nullopt;
  return year;
}

// The target number N (0-based) of a name starting target_N_, for N in 1..4.
std::optional<std::size_t> target_number(std::string_view name) {
  constexpr std::string_view kPrefix = "target_";
  if (!name.starts_with(kPrefix) || name.size() < kPrefix.size() + 2 || name[kPrefix.size() + 1] != '_')
    return std::nullopt;
  const char digit = name[kPrefix.size()];
  if (digit < '1' || digit > '0' + static_cast<int>(kTargetCount)) return std::nullopt;
  return static_cast<std::size_t>(digit - '1');
}

std::optional<TargetColumn> target_column(std::string_view name) {
  const auto number = target_number(name);
  if (!number) return std::nullopt;
  std::string_view rest = name.substr(std::string_view("target_N_").size());
  TargetColumn column{.target = *number};
  if (rest.starts_with("plan_")) {
    column.plan = true;
    rest.remove_prefix(5);
  } else if (rest.starts_with("observed_")) {
    rest.remove_prefix(9);
  } else {
    return std::nullopt;
  }
  const auto year = year_in(rest);
  if (!year) return std::nullopt;
  column.year = *year;
  return column;
}

// A level in full-time persons: empty for no value, else a number >= 0.
std::optional<double> level(const CsvTable& csv, std::size_t row, std::size_t column) {
  if (csv.text(row, column).empty()) return std::nullopt;
  const double v = csv.number(row, column);
  if (v < 0) {
    throw InputError(fmt::format("{}: column '{}' = {} must be >= 0 (full-time persons)", csv.where(row),
                                 csv.columns()[column], csv.text(row, column)));
  }
  return v;
}

PlanTargets plan_targets(const CsvTable& csv) {
  PlanTargets out;
  out.source = csv.source();
  std::optional<std::size_t> name_column;
  std::vector<std::pair<std::size_t, TargetColumn>> columns;
  std::optional<int> plan_year;
  for (std::size_t c = 0; c < csv.columns().size(); ++c) {
    const std::string& name = csv.columns()[c];
    if (name == "jobcentre") {
      name_column = c;
      continue;
    }
    const auto column = target_column(name);
    if (!column) {
      throw InputError(
          fmt::format("{}: unknown column '{}' (expected jobcentre, target_N_plan_YYYY or "
                      "target_N_observed_YYYY, N = 1-4)",
                      csv.where_header(), name));
    }
    auto& year = column->plan ? plan_year : out.observed_year;
    if (year && *year != column->year) {
      throw InputError(fmt::format("{}: column '{}' is for {} but another {} column is for {}; one year each",
                                   csv.where_header(), name, column->year, column->plan ? "plan" : "observed",
                                   *year));
    }
    year = column->year;
    columns.emplace_back(c, *column);
  }
  if (!name_column) throw InputError(fmt::format("{}: missing column 'jobcentre'", csv.where_header()));
  if (!plan_year) {
    throw InputError(
        fmt::format("{}: no plan column (target_N_plan_YYYY, e.g. target_1_plan_2011)", csv.where_header()));
  }
  out.plan_year = *plan_year;
  if (csv.row_count() == 0) throw InputError(fmt::format("{}: no jobcentre rows", csv.where_header()));

  std::map<std::string, int, std::less<>> first_line;
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    JobcentrePlan plan{.jobcentre = csv.text(row, *name_column), .line = csv.line(row)};
    if (plan.jobcentre.empty())
      throw InputError(fmt::format("{}: column 'jobcentre' is empty", csv.where(row)));
    if (const auto [it, fresh] = first_line.emplace(plan.jobcentre, plan.line); !fresh) {
      throw InputError(fmt::format("{}: jobcentre '{}' appears twice (first on line {})", csv.where(row),
                                   plan.jobcentre, it->second));
    }
    for (const auto& [c, column] : columns)
      (column.plan ? plan.plan : plan.observed)[column.target] = level(csv, row, c);
    out.jobcentres.push_back(std::move(plan));
  }
  return out;
}

CouncilTargets council_targets(const CsvTable& csv, int plan_year, PermanentSupportMeasure measure) {
  const auto indicator_column = csv.find_column("indicator");
  if (!indicator_column) throw InputError(fmt::format("{}: missing column 'indicator'", csv.where_header()));
  const std::string target_name = fmt::format("council_target_{}", plan_year);
  const auto target_column = csv.find_column(target_name);
  if (!target_column) {
    throw InputError(fmt::format("{}: missing column '{}' (the council's target for the plan year {}){}",
                                 csv.where_header(), target_name, plan_year,
                                 detail::did_you_mean(target_name, csv.columns())));
  }
  const auto sum_column = csv.find_column("sum_of_jobcentre_plans");
  CouncilTargets out;
  out.source = csv.source();
  std::array<int, kTargetCount> first_line{};
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    const std::string& indicator = csv.text(row, *indicator_column);
    const auto number = target_number(indicator);
    if (!number) {
      throw InputError(fmt::format(
          "{}: column 'indicator' = \"{}\" must start target_N_ with N = 1-4 (e.g. target_1_labour_reserve)",
          csv.where(row), indicator));
    }
    if (first_line[*number] != 0) {
      throw InputError(fmt::format("{}: target {} appears twice (first on line {})", csv.where(row),
                                   *number + 1, first_line[*number]));
    }
    first_line[*number] = csv.line(row);
    const bool inflow = indicator.find("inflow") != std::string::npos;
    if (*number == 1 && inflow != (measure == PermanentSupportMeasure::inflow)) {
      throw InputError(
          fmt::format("{}: column 'indicator' = \"{}\" is {} target but the forecast measures {}; use "
                      "--permanent-support {}",
                      csv.where(row), indicator, inflow ? "an inflow" : "a stock",
                      inflow ? "the stock" : "the inflow", inflow ? "inflow" : "stock"));
    }
    out.target[*number] = level(csv, row, *target_column);
    if (sum_column) out.sum_of_plans[*number] = level(csv, row, *sum_column);
  }
  return out;
}

}  // namespace

PlanTargets read_plan_targets(const std::filesystem::path& path) {
  return plan_targets(CsvTable::read(path));
}

PlanTargets parse_plan_targets(std::string_view text, std::string source) {
  return plan_targets(CsvTable::parse(text, std::move(source)));
}

CouncilTargets read_council_targets(const std::filesystem::path& path, int plan_year,
                                    PermanentSupportMeasure measure) {
  return council_targets(CsvTable::read(path), plan_year, measure);
}

CouncilTargets parse_council_targets(std::string_view text, std::string source, int plan_year,
                                     PermanentSupportMeasure measure) {
  return council_targets(CsvTable::parse(text, std::move(source)), plan_year, measure);
}

AreaTargets targets_by_area(const PlanTargets& targets, const std::vector<std::string>& jobcentres) {
  AreaTargets out;
  out.plan.resize(jobcentres.size() + 1);
  out.observed.resize(jobcentres.size() + 1);
  std::vector<bool> seen(jobcentres.size(), false);
  for (const JobcentrePlan& row : targets.jobcentres) {
    const auto at = std::find(jobcentres.begin(), jobcentres.end(), row.jobcentre);
    if (at == jobcentres.end()) {
      throw InputError(fmt::format("{}:{}: jobcentre '{}' is not in the scenario{}", targets.source, row.line,
                                   row.jobcentre, detail::did_you_mean(row.jobcentre, jobcentres)));
    }
    const auto j = static_cast<std::size_t>(at - jobcentres.begin());
    seen[j] = true;
    out.plan[j] = row.plan;
    out.observed[j] = row.observed;
  }
  for (std::size_t j = 0; j < jobcentres.size(); ++j) {
    if (!seen[j]) {
      throw InputError(
          fmt::format("{}: no row for the scenario's jobcentre '{}'", targets.source, jobcentres[j]));
    }
  }
  const auto region_sum = [&](const std::vector<TargetValues>& by_area) {
    TargetValues sum;
    for (std::size_t t = 0; t < kTargetCount; ++t) {
      double total = 0;
      bool complete = true;
      for (std::size_t j = 0; j < jobcentres.size(); ++j) {
        complete = complete && by_area[j][t].has_value();
        total += by_area[j][t].value_or(0.0);
      }
      if (complete) sum[t] = total;
    }
    return sum;
  };
  out.plan.back() = region_sum(out.plan);
  out.observed.back() = region_sum(out.observed);
  return out;
}

}  // namespace labsim::models
