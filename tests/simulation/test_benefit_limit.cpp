// Benefit exhaustion: the benefit limit moves a person on at an exact spell duration; an older, longer rule
// for spells that began before a date; extensions.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2010} / January / 1;
constexpr int kMonths = 36;  // to 2012-12-31: day 1096 is 2013-01-01
constexpr std::size_t kU = 0, kK = 1;

// Insured unemployed (U) with zero hazards and a 104-week limit to cash benefit (K, absorbing).
models::Scenario exhaustion_scenario(double persons) {
  auto sc = testing::empty_scenario(kStart, kMonths);
  sc.states = {testing::limited_state("U", 104, "K"), testing::absorbing_state("K")};
  sc.jobcentres[0].initial_persons = {{"U", persons}};
  return sc;
}

testing::Simulated run_one(const models::Scenario& sc) {
  return testing::simulate(sc, 2);
}

double flow(const models::TaskTally& t, std::size_t m, std::size_t from, std::size_t to) {
  return t.monthly.flows.at(m, from, to);
}

// Heads (all groups) in state s at the start of month m.
double heads(const models::TaskTally& t, std::size_t m, std::size_t s) {
  const auto h = t.in_state.heads_at_month_starts();
  double n = 0;
  for (std::size_t g = 0; g < h.extent(2); ++g) n += h.at(m, s, g);
  return n;
}

double full_time(const models::TaskTally& t, std::size_t m, std::size_t s) {
  const auto f = t.in_state.full_time_persons();
  double n = 0;
  for (std::size_t g = 0; g < f.extent(2); ++g) n += f.at(m, s, g);
  return n;
}

}  // namespace

TEST_CASE("benefit limit: everyone moves on at exactly 104 weeks", "[models]") {
  const auto run = run_one(exhaustion_scenario(20));
  const auto& t = run.task();
  // Spells start on day 0 (2010-01-01) and run out on day 104 * 7 = 728, 2011-12-30: month 23, which
  // starts on day 365 + 334 = 699 and has 31 days.
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    CHECK(flow(t, m, kU, kK) == (m == 23 ? 20 : 0));
    CHECK(t.limit_reached.at(m, kU) == (m == 23 ? 20 : 0));
  }
  CHECK(heads(t, 23, kU) == 20);
  CHECK(heads(t, 23, kK) == 0);
  CHECK(heads(t, 24, kU) == 0);
  CHECK(heads(t, 24, kK) == 20);
  // On U for 728 - 699 = 29 of December's 31 days.
  CHECK(full_time(t, 23, kU) == Approx(20.0 * 29 / 31));
  CHECK(full_time(t, 22, kU) == Approx(20));
}

TEST_CASE("benefit limit: spells begun under the old rule run out at its end, never before the new limit",
          "[models]") {
  // The old rule applies to spells that began before 2010-07-01 (day 181): it allows old_max_weeks but runs
  // out old_rule_ends_weeks_after weeks after that date, and never before the new 104 weeks (728 days). For a
  // spell from day 0 the limit is day max(728, min(7 * old_max, 181 + 7 * ends_after)).
  struct Case {
    double old_max_weeks, ends_after_weeks, day;
    std::size_t month;
    const char* what;
  };
  const std::array<Case, 3> cases = {{
      // min(1456, 909) = 909: 2012-06-28 (2012-06-01 is day 730 + 152 = 882), month 29.
      {208, 104, 909, 29, "the old rule ends 104 weeks after its last date"},
      // min(770, 909) = 770: 2012-02-10 (2012-02-01 is day 761), month 25.
      {110, 104, 770, 25, "the old maximum comes first"},
      // min(1456, 181 + 364 = 545) = 545 < 728: the new limit, day 728, month 23.
      {208, 52, 728, 23, "never before the new limit"},
  }};
  for (const Case& c : cases) {
    INFO(c.what);
    auto sc = exhaustion_scenario(20);
    auto& limit = *sc.states[kU].benefit_limit;
    limit.old_rule_until = year{2010} / July / 1;
    limit.old_max_weeks = c.old_max_weeks;
    limit.old_rule_ends_weeks_after = c.ends_after_weeks;
    const auto run = run_one(sc);
    const auto& t = run.task();
    const auto starts = testing::month_start_days(kStart, kMonths);
    REQUIRE(starts[c.month] <= c.day);
    REQUIRE(c.day < starts[c.month + 1]);
    for (std::size_t m = 0; m < testing::months_of(t); ++m) {
      INFO("month " << m);
      CHECK(flow(t, m, kU, kK) == (m == c.month ? 20 : 0));
    }
    const double length = starts[c.month + 1] - starts[c.month];
    CHECK(full_time(t, c.month, kU) == Approx(20 * (c.day - starts[c.month]) / length));
  }
}

TEST_CASE("benefit limit: spells that begin after the old rule's date get the new limit", "[models]") {
  // Initial stock from day 0 (old rule: day 909, month 29) plus two cohorts: 2010-03-01 (day 59, before the
  // date: min(59 + 1456, 909) = day 909 too) and 2010-08-01 (day 212, after it: 212 + 728 = day 940,
  // 2012-07-29, month 30).
  auto sc = exhaustion_scenario(20);
  auto& limit = *sc.states[kU].benefit_limit;
  limit.old_rule_until = year{2010} / July / 1;
  limit.old_max_weeks = 208;
  limit.old_rule_ends_weeks_after = 104;
  sc.cohorts = {{.name = "march",
                 .date = year{2010} / March / 1,
                 .jobcentre = "X",
                 .persons = 5,
                 .entry = {{"U", 1.0}}},
                {.name = "august",
                 .date = year{2010} / August / 1,
                 .jobcentre = "X",
                 .persons = 7,
                 .entry = {{"U", 1.0}}}};
  const auto run = run_one(sc);
  const auto& t = run.task();
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    CHECK(flow(t, m, kU, kK) == (m == 29 ? 25 : m == 30 ? 7 : 0));
  }
  // June 2012 (30 days from day 882): 25 persons until day 909 and 7 all month.
  CHECK(full_time(t, 29, kU) == Approx((25.0 * 27 + 7.0 * 30) / 30));
  // July 2012 (31 days from day 912): 7 persons until day 940.
  CHECK(full_time(t, 30, kU) == Approx(7.0 * 28 / 31));
}

TEST_CASE("benefit limit: always extended, nobody ever moves on", "[models]") {
  auto sc = exhaustion_scenario(20);
  sc.states[kU].benefit_limit->extension_share = 1;
  sc.states[kU].benefit_limit->extension_weeks = 10;
  const auto run = run_one(sc);
  const auto& t = run.task();
  CHECK(testing::total(t.monthly.flows) == 0);
  CHECK(testing::total(t.limit_reached) == 0);
  CHECK(heads(t, 35, kU) == 20);
}

TEST_CASE("benefit limit: extensions move persons on only at 104 + 10k weeks", "[models][stats]") {
  auto sc = exhaustion_scenario(200);
  sc.states[kU].benefit_limit->extension_share = 0.5;
  sc.states[kU].benefit_limit->extension_weeks = 10;
  const auto run = run_one(sc);
  const auto& t = run.task();
  // Spells from day 0 can end only at 104, 114, ..., 154 weeks (days 728 + 70k <= 1096): 4-week duration
  // bins 26, 28, 31, 33, 36 and 38; all other bins must be empty.
  const std::array<std::size_t, 6> allowed = {26, 28, 31, 33, 36, 38};
  for (std::size_t b = 0; b < models::kDurationBins; ++b) {
    INFO("bin " << b);
    const bool ok = std::find(allowed.begin(), allowed.end(), b) != allowed.end();
    if (!ok) CHECK(t.completed_spells.at(kU, b) == 0);
  }
  // The same by calendar month: days 728, 798, 868, 938, 1008, 1078 fall in months 23, 26, 28, 30, 33, 35.
  const std::array<std::size_t, 6> months = {23, 26, 28, 30, 33, 35};
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    if (std::find(months.begin(), months.end(), m) == months.end()) CHECK(flow(t, m, kU, kK) == 0);
  }
  // Half of the 200 move on at 104 weeks: Binomial(200, 0.5), sd 7.1; 4 sd (28) holds with probability
  // 1 - 6e-5 for a correct engine, and the seed is pinned.
  CHECK(std::abs(flow(t, 23, kU, kK) - 100) <= 4 * std::sqrt(200 * 0.25));
  CHECK(t.completed_spells.at(kU, 26) == flow(t, 23, kU, kK));
}
