// The planned levels of the four national targets, as jobcentres' employment plans and regional councils
// state them in CSV files, matched to a scenario's jobcentres for `labsim forecast`.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labsim::models {

// The national targets: 1 labour reserve, 2 permanent support, 3 under-30s on support, 4 non-Western
// immigrants and descendants on support. All are "lower is better": a plan is met when the level is at or
// below it.
inline constexpr std::size_t kTargetCount = 4;
using TargetValues = std::array<std::optional<double>, kTargetCount>;  // by target number - 1; empty = none

// Target 2 is a stock (persons on permanent support in the month, as in North Jutland) or an inflow (persons
// entering it over the 12 months ending with the month, as in Central Jutland).
enum class PermanentSupportMeasure { stock, inflow };

struct JobcentrePlan {
  std::string jobcentre;
  int line = 0;  // in the CSV
  TargetValues plan{};
  TargetValues observed{};
};

// A jobcentre targets file: a column `jobcentre` and columns target_N_plan_YYYY and target_N_observed_ZZZZ
// for N = 1..4 (any subset, one plan year and one observation year for all; an empty cell means no value).
struct PlanTargets {
  std::string source;  // the file as named by the user
  int plan_year = 0;
  std::optional<int> observed_year;
  std::vector<JobcentrePlan> jobcentres;  // in file order
};

// Errors are sim::InputError "<file>:<line>: ..." naming the column.
PlanTargets read_plan_targets(const std::filesystem::path& path);
PlanTargets parse_plan_targets(std::string_view text, std::string source);

// A regional council's file: a column `indicator` whose values start target_N_ (e.g. target_1_labour_reserve)
// and a column council_target_YYYY for the plan year; other columns are read as notes only
// (sum_of_jobcentre_plans is checked against the jobcentre plans by the caller).
struct CouncilTargets {
  std::string source;
  TargetValues target{};
  TargetValues sum_of_plans{};  // as the council added them up, when the file has the column
};

// `plan_year` picks the column; an indicator named as an inflow (target_2_inflow_...) must match `measure`.
CouncilTargets read_council_targets(const std::filesystem::path& path, int plan_year,
                                    PermanentSupportMeasure measure);
CouncilTargets parse_council_targets(std::string_view text, std::string source, int plan_year,
                                     PermanentSupportMeasure measure);

// The plans and observations in the scenario's jobcentre order, followed by the region: the sum over
// jobcentres (empty for a target when any jobcentre has no value for it). Every scenario jobcentre must have
// a row and every row must name a scenario jobcentre (sim::InputError otherwise).
struct AreaTargets {
  std::vector<TargetValues> plan, observed;  // [area]: jobcentres, then the region
};
AreaTargets targets_by_area(const PlanTargets& targets, const std::vector<std::string>& jobcentres);

}  // namespace labsim::models
