// The first-offer deadline: a person without an offer gets one at the practice deadline, and timeliness is
// measured against the legal one.
#include <catch2/catch.hpp>

#include "models/counts/indicators.hpp"
#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr std::size_t kF = 0, kCourse = 0, kLegal = 2, kOneMonth = 0, kThreeMonths = 1;
constexpr auto kStart = year{2011} / January / 1;

// State F is followed up with interviews every 4 weeks that never lead to an offer (offer_probability 0), so
// the practice deadline (13 weeks under 30, 39 weeks from 30) is the only way into the course, which lasts
// longer than the run. 40 persons are there at the start and a cohort of 60 new spells arrives on day 0;
// only the cohort counts for timeliness (the initial stock has no spell history).
models::Scenario deadline_scenario(double under_30_share, std::vector<double> places_by_month) {
  auto sc = testing::empty_scenario(kStart, 10);
  auto f = testing::followed_up_state("F", {.first_interview_weeks = 4,
                                            .interview_every_weeks = 4,
                                            .offer_probability = 0,
                                            .offer_mix = {{"course", 1.0}},
                                            .first_offer_weeks = {.under_30 = 13, .age_30_plus = 39},
                                            .deadline_compliance = 1});
  f.deadlines.first_offer_weeks = {.under_30 = 13, .age_30_plus = 39};
  sc.states = {f};
  sc.offers = {{.name = "course",
                .label = "course",
                .duration_weeks = 100,
                .places = 1000,
                .places_by_month = std::move(places_by_month)}};
  sc.jobcentres[0].initial_persons = {{"F", 40}};
  sc.jobcentres[0].under_30_share = under_30_share;
  sc.cohorts = {{.name = "new", .date = kStart, .jobcentre = "X", .persons = 60, .entry = {{"F", 1.0}}}};
  return sc;
}

// Month (from the run start) containing `day`, by the chrono month table.
std::size_t month_containing(double day, int months) {
  const auto starts = testing::month_start_days(kStart, months);
  std::size_t m = 0;
  while (m + 1 < starts.size() && starts[m + 1] <= day) ++m;
  return m;
}

double starts_in(const models::TaskTally& t, std::size_t month) {
  return t.offer_starts.at(month, kF, kCourse);
}

// Timeliness of first offers for spells that began in `month`, in percent, for window w.
double offer_timeliness(const models::TaskTally& t, std::size_t window, std::size_t month = 0) {
  return models::percent(t.monthly.first_offer_met, t.monthly.first_offer_due).at(month, 0, window);
}

}  // namespace

TEST_CASE("deadlines: under-30s get their offer at exactly 13 weeks of spell", "[models]") {
  const models::Model model(deadline_scenario(1.0, {}), 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 7, .threads = 1});
  const auto& t = run.task(0, 0);
  // Everyone's spell starts on day 0, so every deadline falls on day 13 * 7 = 91, 2011-04-02: month 3.
  const std::size_t due_month = month_containing(91.0, 10);
  REQUIRE(due_month == 3);
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    CHECK(starts_in(t, m) == (m == due_month ? 100.0 : 0.0));
  }
  // The 60 cohort members are the only new spells; all got the offer at 91 days: within the legal 13 weeks
  // (91 days) and within 3 months (91.31 days), not within 1 month (30.44 days).
  CHECK(t.monthly.first_offer_due.at(0, 0, kLegal) == 60);
  CHECK(offer_timeliness(t, kLegal) == 100.0);
  CHECK(offer_timeliness(t, kThreeMonths) == 100.0);
  CHECK(offer_timeliness(t, kOneMonth) == 0.0);
}

TEST_CASE("deadlines: 30-plus persons get theirs at 39 weeks, later than under-30s", "[models]") {
  const models::Model model(deadline_scenario(0.5, {}), 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 7, .threads = 1});
  const auto& t = run.task(0, 0);
  // Head counts by group at the start of month 1 (everyone has arrived by then): groups 0 and 1 are under 30.
  const auto heads = t.in_state.heads_at_month_starts();
  const auto at = [&](std::size_t g) { return heads.at(1, kF, g); };
  const double under_30 = at(0) + at(1), age_30_plus = at(2) + at(3);
  REQUIRE(under_30 + age_30_plus == 100);
  REQUIRE(under_30 > 0);
  REQUIRE(age_30_plus > 0);
  // Under 30: day 91 (month 3). 30 and over: day 39 * 7 = 273, 2011-10-01, the first day of month 9.
  const std::size_t young_month = month_containing(91.0, 10), old_month = month_containing(273.0, 10);
  REQUIRE(young_month == 3);
  REQUIRE(old_month == 9);
  CHECK(starts_in(t, young_month) == under_30);
  CHECK(starts_in(t, old_month) == age_30_plus);
  CHECK(testing::total(t.offer_starts) == 100);
  // Each age band is measured against its own legal deadline, which the practice deadline meets.
  CHECK(offer_timeliness(t, kLegal) == 100.0);
}

TEST_CASE("deadlines: without places the deadline is missed and the offer comes when places do", "[models]") {
  // No places in months 0-3, plenty from month 4 (2011-05-01, day 120). A second cohort of 20 arrives on day
  // 31 (2011-02-01); its deadline (day 122, month 4) makes an offer, which first serves the 100 persons in
  // line since day 91.
  auto sc = deadline_scenario(1.0, {0, 0, 0, 0, 1000});
  sc.cohorts.push_back({.name = "later",
                        .date = year{2011} / February / 1,
                        .jobcentre = "X",
                        .persons = 20,
                        .entry = {{"F", 1.0}}});
  const models::Model model(sc, 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 7, .threads = 1});
  const auto& t = run.task(0, 0);
  REQUIRE(month_containing(122.0, 10) == 4);
  // Everyone whose deadline fell in month 3 found no place and joined the line.
  CHECK(t.offer_queue_joins.at(3, kF, kCourse) == 100);
  for (std::size_t m = 0; m < testing::months_of(t); ++m) {
    INFO("month " << m);
    CHECK(starts_in(t, m) == (m == 4 ? 120.0 : 0.0));
  }
  // The first cohort (spells from month 0) started on day 122: past 13 weeks and past 3 months. The second
  // (spells from month 1) started at exactly 13 weeks.
  CHECK(offer_timeliness(t, kLegal) == 0.0);
  CHECK(offer_timeliness(t, kThreeMonths) == 0.0);
  CHECK(offer_timeliness(t, kLegal, 1) == 100.0);
}

// Places that appear at a month start go to those in line at once, even when nobody else makes or leaves an
// offer (here nobody does): the jobcentre has its own event at such month starts.
TEST_CASE("deadlines: persons in line start when a new month brings places", "[models]") {
  const models::Model model(deadline_scenario(1.0, {0, 0, 0, 0, 1000}), 1.0);
  const auto run = models::simulate(model, {.replications = 1, .seed = 7, .threads = 1});
  const auto& t = run.task(0, 0);
  // Timeliness is 0% either way: the offer comes at day 120 at the earliest, past the 91-day deadline.
  CHECK(offer_timeliness(t, kLegal) == 0.0);
  CHECK(starts_in(t, 3) == 0);
  CHECK(starts_in(t, 4) == 100);  // all 100 in line, on day 120 (2011-05-01)
}
