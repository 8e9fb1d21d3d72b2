// Calendar months of a run: where each month starts in simulated days, its length and its ISO label.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/strong_types.hpp"

namespace labsim::sim {

// "2011-12" as a year and month; nothing when the text is not exactly YYYY-MM with a month 01 to 12.
std::optional<std::chrono::year_month> parse_year_month(std::string_view text);

class MonthCalendar {
 public:
  // `start` must be the first day of a month; the run covers `months` whole calendar months.
  MonthCalendar(std::chrono::year_month_day start, int months);

  [[nodiscard]] int months() const { return static_cast<int>(month_start_day_.size()) - 1; }
  [[nodiscard]] Days horizon() const { return Days{static_cast<double>(month_start_day_.back())}; }
  [[nodiscard]] Days month_start(int month) const {
    return Days{static_cast<double>(month_start_day_[month])};
  }
  [[nodiscard]] Days month_end(int month) const {
    return Days{static_cast<double>(month_start_day_[month + 1])};
  }
  [[nodiscard]] double month_length_days(int month) const {
    return month_start_day_[month + 1] - month_start_day_[month];
  }

  // The month containing time t (0 <= t < horizon), by table look-up on the day number.
  [[nodiscard]] int month_of(Days t) const { return month_of_day_[static_cast<std::size_t>(t.value)]; }

  // "YYYY-MM-DD" of the month's first day.
  [[nodiscard]] std::string label(int month) const;
  [[nodiscard]] std::vector<std::string> labels() const;
  [[nodiscard]] std::chrono::year_month_day start() const { return start_; }

 private:
  std::chrono::year_month_day start_;
  std::vector<std::int32_t> month_start_day_;
  std::vector<std::uint16_t> month_of_day_;
};

}  // namespace labsim::sim
