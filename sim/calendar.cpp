// Month boundaries from std::chrono's civil calendar.
#include "sim/calendar.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

namespace labsim::sim {

std::optional<std::chrono::year_month> parse_year_month(std::string_view text) {
  int year = 0;
  unsigned month = 0;
  const char* end = text.data() + text.size();
  const auto y = std::from_chars(text.data(), end, year);
  const bool ok = text.size() == 7 && y.ec == std::errc{} && y.ptr == text.data() + 4 && *y.ptr == '-' &&
                  std::from_chars(y.ptr + 1, end, month).ptr == end && month >= 1 && month <= 12;
  if (!ok) return std::nullopt;
  return std::chrono::year{year} / std::chrono::month{month};
}

MonthCalendar::MonthCalendar(std::chrono::year_month_day start, int months) : start_(start) {
  using namespace std::chrono;
  if (!start.ok() || start.day() != day{1})
    throw std::invalid_argument("a run must start on the 1st of a month");
  if (months < 1 || months > 1200) throw std::invalid_argument("a run must cover 1 to 1200 months");
  const sys_days first{start};
  const year_month ym{start.year(), start.month()};
  for (int m = 0; m <= months; ++m) {
    const sys_days begin{(ym + std::chrono::months{m}) / day{1}};
    month_start_day_.push_back(static_cast<std::int32_t>((begin - first).count()));
  }
  month_of_day_.reserve(static_cast<std::size_t>(month_start_day_.back()));
  for (int m = 0; m < months; ++m) {
    for (auto d = month_start_day_[m]; d < month_start_day_[m + 1]; ++d) {
      month_of_day_.push_back(static_cast<std::uint16_t>(m));
    }
  }
}

std::string MonthCalendar::label(int month) const {
  using namespace std::chrono;
  const year_month_day d{sys_days{start_} + days{month_start_day_[month]}};
  return fmt::format("{:04d}-{:02d}-01", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

std::vector<std::string> MonthCalendar::labels() const {
  std::vector<std::string> out;
  for (int m = 0; m < months(); ++m) out.push_back(label(m));
  return out;
}

}  // namespace labsim::sim
