// Parses and checks observed statistics, row by row, against the model they will be compared with.
#include "results/stats/calibration_observed.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "models/scenario/csv_table.hpp"
#include "sim/calendar.hpp"
#include "sim/input_error.hpp"

namespace labsim::results {

namespace {

struct KindName {
  StatisticKind kind;
  const char* name;
};

constexpr KindName kKinds[] = {
    {StatisticKind::labour_reserve, "labour_reserve"},
    {StatisticKind::stock, "stock"},
    {StatisticKind::on_support, "on_support"},
    {StatisticKind::youth_on_support, "youth_on_support"},
    {StatisticKind::non_western_on_support, "non_western_on_support"},
    {StatisticKind::permanent_support_stock, "permanent_support_stock"},
    {StatisticKind::timeliness_first_interview, "timeliness_first_interview"},
    {StatisticKind::timeliness_first_offer, "timeliness_first_offer"},
    {StatisticKind::company_based_share, "company_based_share"},
};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

bool is_timeliness(StatisticKind kind) {
  return kind == StatisticKind::timeliness_first_interview || kind == StatisticKind::timeliness_first_offer;
}

class RowReader {
 public:
  RowReader(const models::CsvTable& csv, const models::Model& model) : csv_(csv), model_(model) {
    for (const auto& name : csv.columns()) {
      if (std::find(kObservedColumns.begin(), kObservedColumns.end(), name) == kObservedColumns.end()) {
        throw sim::InputError(fmt::format("{}: column '{}' is not one of {}", csv.where_header(), name,
                                          joined(kObservedColumns)));
      }
    }
    for (const auto& name : kObservedColumns) {
      const auto at = csv.find_column(name);
      if (!at) throw sim::InputError(fmt::format("{}: column '{}' is missing", csv.where_header(), name));
      columns_.push_back(*at);
    }
  }

  ObservedStatistic read(std::size_t row) const {
    ObservedStatistic s;
    s.source = csv_.where(row);
    s.kind = kind(row);
    read_jobcentre(row, s);
    read_state_or_group(row, s);
    read_window(row, s);
    s.from_text = text(row, "from");
    s.to_text = text(row, "to");
    s.from_month = month(row, "from");
    s.to_month = month(row, "to");
    if (s.to_month < s.from_month)
      fail(row, "to", fmt::format("{} is before from = {}", s.to_text, s.from_text));
    s.value = number(row, "value");
    if (s.value < 0 || (is_percent(s.kind) && s.value > 100)) {
      fail(row, "value",
           fmt::format("{} must be {}", text(row, "value"),
                       is_percent(s.kind) ? "a percent, 0 to 100" : ">= 0"));
    }
    s.sd = number(row, "sd");
    if (!(s.sd > 0))
      fail(row, "sd", fmt::format("{} must be > 0 (it sets the weight 1/sd^2)", text(row, "sd")));
    return s;
  }

 private:
  [[noreturn]] void fail(std::size_t row, const std::string& column, const std::string& what) const {
    throw sim::InputError(fmt::format("{}: column '{}': {}", csv_.where(row), column, what));
  }

  std::size_t column(const std::string& name) const {
    const auto at =
        std::find(kObservedColumns.begin(), kObservedColumns.end(), name) - kObservedColumns.begin();
    return columns_[static_cast<std::size_t>(at)];
  }
  const std::string& text(std::size_t row, const std::string& name) const {
    return csv_.text(row, column(name));
  }
  double number(std::size_t row, const std::string& name) const { return csv_.number(row, column(name)); }

  StatisticKind kind(std::size_t row) const {
    const std::string& name = text(row, "statistic");
    std::vector<std::string> names;
    for (const auto& k : kKinds) {
      if (name == k.name) return k.kind;
      names.emplace_back(k.name);
    }
    fail(row, "statistic", fmt::format("'{}' is not a statistic (one of {})", name, joined(names)));
  }

  void read_jobcentre(std::size_t row, ObservedStatistic& s) const {
    s.jobcentre_name = text(row, "jobcentre");
    if (s.jobcentre_name.empty()) return;
    std::vector<std::string> names;
    for (std::size_t j = 0; j < model_.jobcentres(); ++j) {
      if (model_.jobcentre(j).name == s.jobcentre_name) {
        s.jobcentre = j;
        return;
      }
      names.push_back(model_.jobcentre(j).name);
    }
    fail(row, "jobcentre",
         fmt::format("'{}' is not a jobcentre of the scenario (leave it empty for the region; one of {})",
                     s.jobcentre_name, joined(names)));
  }

  void read_state_or_group(std::size_t row, ObservedStatistic& s) const {
    s.state_or_group = text(row, "state_or_group");
    const auto& states = model_.scenario().states;
    std::vector<std::string> state_names;
    for (const auto& st : states) state_names.push_back(st.name);
    if (s.kind == StatisticKind::stock || s.kind == StatisticKind::company_based_share) {
      if (s.state_or_group.empty() && s.kind == StatisticKind::company_based_share) {
        s.all_states = true;
        return;
      }
      const auto at = std::find(state_names.begin(), state_names.end(), s.state_or_group);
      if (at == state_names.end()) {
        fail(row, "state_or_group",
             fmt::format("'{}' is not a state of the scenario (one of {})", s.state_or_group,
                         joined(state_names)));
      }
      s.state_or_group_index = static_cast<std::size_t>(at - state_names.begin());
    } else if (is_timeliness(s.kind)) {
      const auto& groups = model_.benefit_groups();
      const auto at = std::find(groups.begin(), groups.end(), s.state_or_group);
      if (at == groups.end()) {
        fail(row, "state_or_group",
             fmt::format("'{}' is not a benefit group of the scenario (one of {})", s.state_or_group,
                         joined(groups)));
      }
      s.state_or_group_index = static_cast<std::size_t>(at - groups.begin());
    } else if (!s.state_or_group.empty()) {
      fail(row, "state_or_group", fmt::format("must be empty for {}", statistic_name(s.kind)));
    }
  }

  void read_window(std::size_t row, ObservedStatistic& s) const {
    const std::string& window = text(row, "window");
    if (!is_timeliness(s.kind)) {
      if (!window.empty()) fail(row, "window", fmt::format("must be empty for {}", statistic_name(s.kind)));
      return;
    }
    std::vector<std::string> labels(models::kWindowLabels.begin(), models::kWindowLabels.end());
    const auto at = std::find(labels.begin(), labels.end(), window);
    if (at == labels.end()) {
      fail(row, "window", fmt::format("'{}' is not a timeliness window (one of {})", window, joined(labels)));
    }
    s.window = static_cast<std::size_t>(at - labels.begin());
  }

  std::size_t month(std::size_t row, const std::string& name) const {
    const std::string& field = text(row, name);
    const auto month = sim::parse_year_month(field);
    if (!month) fail(row, name, fmt::format("'{}' is not a month written YYYY-MM", field));
    const auto start = model_.scenario().run.start;
    const int index = (*month - start.year() / start.month()).count();
    if (index < 0 || index >= static_cast<int>(model_.calendar().months())) {
      fail(row, name,
           fmt::format("{} is outside the run ({:04d}-{:02d} and {} months on)", field,
                       static_cast<int>(start.year()), static_cast<unsigned>(start.month()),
                       model_.calendar().months()));
    }
    return static_cast<std::size_t>(index);
  }

  const models::CsvTable& csv_;
  const models::Model& model_;
  std::vector<std::size_t> columns_;  // per kObservedColumns entry, its index in the file
};

}  // namespace

const char* statistic_name(StatisticKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "";
}

bool is_percent(StatisticKind kind) {
  return is_timeliness(kind) || kind == StatisticKind::company_based_share;
}

const char* statistic_units(StatisticKind kind) {
  return is_percent(kind) ? "percent" : "full-time persons";
}

std::vector<ObservedStatistic> read_observed(const std::filesystem::path& path, const models::Model& model) {
  const models::CsvTable csv = models::CsvTable::read(path);
  const RowReader reader(csv, model);
  std::vector<ObservedStatistic> out;
  for (std::size_t row = 0; row < csv.row_count(); ++row) out.push_back(reader.read(row));
  if (out.empty())
    throw sim::InputError(fmt::format("{}: no observed statistics (only a header)", csv.where_header()));
  return out;
}

std::string describe(const ObservedStatistic& s) {
  std::string out = statistic_name(s.kind);
  if (!s.state_or_group.empty()) out += " " + s.state_or_group;
  if (is_timeliness(s.kind)) out += fmt::format(" {}", models::kWindowLabels[s.window]);
  out += s.jobcentre ? ", " + s.jobcentre_name : ", region";
  out += s.from_text == s.to_text ? ", " + s.from_text : fmt::format(", {}..{}", s.from_text, s.to_text);
  return out;
}

}  // namespace labsim::results
