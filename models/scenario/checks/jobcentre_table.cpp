// Reads the jobcentre CSV, checking each column against the scenario's states before any value is used.
#include "models/scenario/checks/jobcentre_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <string_view>

#include "models/scenario/csv_table.hpp"
#include "models/scenario/did_you_mean.hpp"
#include "sim/input_error.hpp"

namespace labsim::models::detail {

using sim::InputError;

std::vector<JobcentreSpec> read_jobcentres(const CsvTable& csv, const std::vector<StateSpec>& states) {
  constexpr std::string_view kInflowSuffix = "_inflow_per_month";
  std::vector<std::string> known = {"jobcentre", "under_30_share", "non_western_share", "labour_reserve"};
  for (const StateSpec& state : states) {
    known.push_back(state.name);
    known.push_back(state.name + std::string(kInflowSuffix));
  }
  for (const std::string& column : csv.columns()) {
    if (std::find(known.begin(), known.end(), column) == known.end()) {
      throw InputError(
          fmt::format("{}: unknown column '{}'{}", csv.where_header(), column, did_you_mean(column, known)));
    }
  }
  const auto name_column = csv.find_column("jobcentre");
  if (!name_column) throw InputError(fmt::format("{}: missing column 'jobcentre'", csv.where_header()));
  if (csv.row_count() == 0) throw InputError(fmt::format("{}: no jobcentre rows", csv.where_header()));

  const auto value = [&csv](std::size_t row, std::optional<std::size_t> column, double high) {
    if (!column) return 0.0;
    const double v = csv.number(row, *column);
    if (v < 0 || v > high) {
      const std::string rule = std::isinf(high) ? "must be >= 0" : fmt::format("must be in [0, {}]", high);
      throw InputError(fmt::format("{}: column '{}' = {} {}", csv.where(row), csv.columns()[*column],
                                   csv.text(row, *column), rule));
    }
    return v;
  };
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();

  std::vector<JobcentreSpec> jobcentres;
  std::map<std::string, int, std::less<>> first_line;
  bool anyone = false;
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    JobcentreSpec jc;
    jc.name = csv.text(row, *name_column);
    jc.source_line = csv.line(row);
    if (jc.name.empty()) throw InputError(fmt::format("{}: column 'jobcentre' is empty", csv.where(row)));
    if (const auto [it, fresh] = first_line.emplace(jc.name, jc.source_line); !fresh) {
      throw InputError(fmt::format("{}: jobcentre '{}' appears twice (first on line {})", csv.where(row),
                                   jc.name, it->second));
    }
    for (const StateSpec& state : states) {
      const double persons = value(row, csv.find_column(state.name), kUnbounded);
      const double inflow = value(row, csv.find_column(state.name + std::string(kInflowSuffix)), kUnbounded);
      jc.initial_persons.emplace(state.name, persons);
      jc.inflow_per_month.emplace(state.name, inflow);
      anyone = anyone || persons > 0 || inflow > 0;
    }
    jc.under_30_share = value(row, csv.find_column("under_30_share"), 1.0);
    jc.non_western_share = value(row, csv.find_column("non_western_share"), 1.0);
    if (const auto column = csv.find_column("labour_reserve"))
      jc.observed_labour_reserve = value(row, column, kUnbounded);
    jobcentres.push_back(std::move(jc));
  }
  if (!anyone) {
    throw InputError(
        fmt::format("{}: every count and inflow is 0, so there is nobody to simulate", csv.where_header()));
  }
  return jobcentres;
}

}  // namespace labsim::models::detail
