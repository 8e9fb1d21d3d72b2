// Observed statistics for `labsim calibrate`: what each one measures, and reading them from a long-format
// CSV.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/counts/tally.hpp"
#include "models/model.hpp"

namespace labsim::results {

enum class StatisticKind {
  labour_reserve,              // full-time persons with > 3 months of temporary support
  stock,                       // full-time persons in one state
  on_support,                  // full-time persons on public support
  youth_on_support,            // ... of them under 30
  non_western_on_support,      // ... of them of non-Western origin
  permanent_support_stock,     // full-time persons on permanent support
  timeliness_first_interview,  // percent of new spells with a first interview within the window
  timeliness_first_offer,      // percent of new spells with a first offer within the window
  company_based_share,         // percent of full-time persons in activation who are in company-based offers
};

const char* statistic_name(StatisticKind kind);
// "full-time persons" or "percent".
const char* statistic_units(StatisticKind kind);
[[nodiscard]] bool is_percent(StatisticKind kind);

// One observed number and where in the model it is measured.
struct ObservedStatistic {
  StatisticKind kind = StatisticKind::stock;
  std::optional<std::size_t> jobcentre;  // nullopt: the whole region (all jobcentres)
  std::string jobcentre_name;            // as written, empty for the region
  std::string state_or_group;            // a state (stock, company_based_share) or benefit group (timeliness)
  std::size_t state_or_group_index = 0;  // into the model's states or benefit groups
  bool all_states = false;               // company_based_share with no state: every state's offers
  std::size_t window = 0;                // timeliness: into models::kWindowLabels
  std::size_t from_month = 0, to_month = 0;  // run months, inclusive
  std::string from_text, to_text;            // YYYY-MM as written
  double value = 0;
  double sd = 0;       // standard error; the statistic's weight in the fit is 1 / sd^2
  std::string source;  // "file:line"
};

// The columns, in the order a file must name them (any order is accepted, extra columns are not).
inline const std::vector<std::string> kObservedColumns = {
    "statistic", "jobcentre", "state_or_group", "window", "from", "to", "value", "sd"};

// Reads an observed-statistics CSV and checks every row against the model (jobcentre, state and group names,
// months within the run). Throws sim::InputError "<file>:<line>: column '<name>': ...".
std::vector<ObservedStatistic> read_observed(const std::filesystem::path& path, const models::Model& model);

// A short label for reports: "timeliness_first_offer cash_benefit 3_months, region, 2011-01..2011-06".
std::string describe(const ObservedStatistic& statistic);

}  // namespace labsim::results
