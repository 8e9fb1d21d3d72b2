// Tests of sim/calendar.hpp: month boundaries and lengths, month look-up, labels and invalid starts.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/calendar.hpp"

namespace {

using labsim::sim::Days;
using labsim::sim::MonthCalendar;
using namespace std::chrono_literals;

// Month lengths as known facts, not from the class under test: 30 days hath September, April, June and
// November; February has 29 days in a leap year (2012) and 28 otherwise (2011).
constexpr int kLengths2011[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr int kLengths2012[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::string iso_first_of_month(int year, int month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-01", year, month);
  return buffer;
}

}  // namespace

TEST_CASE("calendar: month boundaries over 24 months from 2011-01-01", "[sim]") {
  const MonthCalendar calendar(2011y / std::chrono::January / 1d, 24);
  REQUIRE(calendar.months() == 24);
  int start_day = 0;
  for (int m = 0; m < 24; ++m) {
    const int length = m < 12 ? kLengths2011[m] : kLengths2012[m - 12];
    INFO("month " << m);
    CHECK(calendar.month_start(m).value == start_day);
    CHECK(calendar.month_length_days(m) == length);
    CHECK(calendar.month_end(m).value == start_day + length);
    start_day += length;
  }
  CHECK(calendar.month_start(1).value == 31);   // January has 31 days
  CHECK(calendar.month_length_days(13) == 29);  // February 2012 is a leap month
  CHECK(calendar.month_start(14).value == 365 + 31 + 29);
  CHECK(calendar.horizon().value == 365 + 366);  // 2011 and the leap year 2012
}

TEST_CASE("calendar: month boundaries agree with std::chrono day counts", "[sim]") {
  // A second, independent source: days between the 1st of each month and the start, counted by sys_days.
  using namespace std::chrono;
  const year_month_day start = 2019y / March / 1d;
  const MonthCalendar calendar(start, 30);
  for (int m = 0; m <= 30; ++m) {
    const int y = 2019 + (2 + m) / 12;
    const unsigned mo = static_cast<unsigned>((2 + m) % 12 + 1);
    const auto expected = (sys_days{year{y} / month{mo} / 1d} - sys_days{start}).count();
    INFO("month " << m);
    const Days got = m < 30 ? calendar.month_start(m) : calendar.horizon();
    CHECK(got.value == static_cast<double>(expected));
  }
}

TEST_CASE("calendar: February follows the Gregorian leap-year rules", "[sim]") {
  // Divisible by 4 is a leap year, except centuries, except every fourth century.
  CHECK(MonthCalendar(1900y / std::chrono::February / 1d, 1).month_length_days(0) == 28);
  CHECK(MonthCalendar(2000y / std::chrono::February / 1d, 1).month_length_days(0) == 29);
  CHECK(MonthCalendar(2023y / std::chrono::February / 1d, 1).month_length_days(0) == 28);
  CHECK(MonthCalendar(2024y / std::chrono::February / 1d, 1).month_length_days(0) == 29);
  CHECK(MonthCalendar(2100y / std::chrono::February / 1d, 1).month_length_days(0) == 28);
}

TEST_CASE("calendar: a run can start mid-year and cross the new year", "[sim]") {
  const MonthCalendar calendar(2011y / std::chrono::November / 1d, 4);
  CHECK(calendar.month_length_days(0) == 30);  // November
  CHECK(calendar.month_length_days(1) == 31);  // December
  CHECK(calendar.month_length_days(2) == 31);  // January
  CHECK(calendar.month_length_days(3) == 29);  // February 2012
  CHECK(calendar.horizon().value == 30 + 31 + 31 + 29);
  CHECK(calendar.labels() ==
        std::vector<std::string>{"2011-11-01", "2011-12-01", "2012-01-01", "2012-02-01"});
  CHECK(calendar.start() == 2011y / std::chrono::November / 1d);
}

TEST_CASE("calendar: month_of at month boundaries", "[sim]") {
  const MonthCalendar calendar(2011y / std::chrono::January / 1d, 24);
  CHECK(calendar.month_of(Days{0.0}) == 0);
  CHECK(calendar.month_of(Days{30.999}) == 0);            // January 31st, late in the day
  CHECK(calendar.month_of(Days{31.0}) == 1);              // midnight of February 1st
  CHECK(calendar.month_of(Days{365 + 31 + 28.5}) == 13);  // February 29th, 2012
  CHECK(calendar.month_of(Days{365 + 31 + 29}) == 14);    // March 1st, 2012
  for (int m = 0; m < 24; ++m) {
    INFO("month " << m);
    const double start = calendar.month_start(m).value;
    const double end = calendar.month_end(m).value;
    CHECK(calendar.month_of(Days{start}) == m);
    CHECK(calendar.month_of(Days{start + 0.5}) == m);
    CHECK(calendar.month_of(Days{end - 1e-9}) == m);
    if (m + 1 < 24) CHECK(calendar.month_of(Days{end}) == m + 1);
  }
  CHECK(calendar.month_of(Days{calendar.horizon().value - 1e-9}) == 23);
}

TEST_CASE("calendar: labels are the first day of each month", "[sim]") {
  const MonthCalendar calendar(2011y / std::chrono::January / 1d, 24);
  std::vector<std::string> expected;
  for (int year = 2011; year <= 2012; ++year) {
    for (int month = 1; month <= 12; ++month) expected.push_back(iso_first_of_month(year, month));
  }
  CHECK(calendar.labels() == expected);
  CHECK(calendar.label(0) == "2011-01-01");
  CHECK(calendar.label(13) == "2012-02-01");
  CHECK(calendar.label(23) == "2012-12-01");
}

TEST_CASE("calendar: a start that is not the 1st of a month throws", "[sim]") {
  using std::chrono::January;
  CHECK_THROWS_MATCHES(MonthCalendar(2011y / January / 2d, 24), std::invalid_argument,
                       Catch::Message("a run must start on the 1st of a month"));
  CHECK_THROWS_MATCHES(MonthCalendar(2011y / January / 31d, 24), std::invalid_argument,
                       Catch::Message("a run must start on the 1st of a month"));
  CHECK_THROWS_MATCHES(MonthCalendar(2011y / std::chrono::month{13} / 1d, 24), std::invalid_argument,
                       Catch::Message("a run must start on the 1st of a month"));
}

TEST_CASE("calendar: a run must cover 1 to 1200 months", "[sim]") {
  using std::chrono::January;
  CHECK_THROWS_MATCHES(MonthCalendar(2011y / January / 1d, 0), std::invalid_argument,
                       Catch::Message("a run must cover 1 to 1200 months"));
  CHECK_THROWS_MATCHES(MonthCalendar(2011y / January / 1d, 1201), std::invalid_argument,
                       Catch::Message("a run must cover 1 to 1200 months"));
  CHECK(MonthCalendar(2011y / January / 1d, 1).months() == 1);
  CHECK(MonthCalendar(2011y / January / 1d, 1200).months() == 1200);
}
