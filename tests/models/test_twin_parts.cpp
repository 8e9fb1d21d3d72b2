// Tests for the Markov twin's parts on their own: its work tables, one step of one cohort, entries and
// merging.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <vector>

#include "models/counts/monthly_counts.hpp"
#include "models/model.hpp"
#include "models/twin/twin_cohorts.hpp"
#include "models/twin/twin_inputs.hpp"
#include "models/twin/twin_profiles.hpp"
#include "models/twin/twin_step.hpp"
#include "models/twin/twin_table.hpp"
#include "sim/calendar.hpp"
#include "simulation/toy_scenarios.hpp"

using namespace labsim;
using models::twin::Cohort;
using models::twin::Entries;
using models::twin::Entry;
using models::twin::TwinAxis;

namespace {

// A model of two states A and B with constant hazards per month, its twin's profiles and one jobcentre's
// inputs: what the parts need around them.
struct TwoStates {
  TwoStates(double a_per_month, double b_per_month)
      : model(testing::two_state_scenario(a_per_month, b_per_month, 1000, 6, 1), 1.0),
        profiles(model, {.step_days = 7, .profile_steps = 40, .open_band_bins = 4}, 1),
        in(model, 0, profiles),
        counts(6, model.states(), models::kGroupCount, model.offers(), model.benefit_groups().size()) {}

  models::Model model;
  models::TwinProfiles profiles;
  models::twin::JobcentreInputs in;
  models::MonthlyCounts counts;
};

// A cohort of `mass` persons in state A (index 0), group 0, whose spell began at `spell_start`.
Cohort cohort_in_a(double mass, double spell_start) {
  Cohort c;
  c.mass = mass;
  c.spell_start = spell_start;
  return c;
}

double total_mass(const std::vector<Cohort>& cohorts) {
  double total = 0;
  for (const Cohort& c : cohorts) total += c.mass;
  return total;
}

}  // namespace

TEST_CASE("twin_table: the twin's axes of one length everywhere have it fixed when compiling", "[models]") {
  using models::fixed_axis_length;
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::group) == models::kGroupCount);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::exempt) == 2);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::in_reserve) == 2);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::before_deadline) == 2);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::support_class) == models::twin::kSupportClasses);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::profile_kind) == 3);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::state) == 0);
  STATIC_REQUIRE(fixed_axis_length(TwinAxis::jobcentre) == 0);
  const models::twin::Table<double, TwinAxis::state, TwinAxis::group, TwinAxis::exempt> t(
      3, models::kGroupCount, 2);
  CHECK(t.key(2, 1, 1) == (2 * models::kGroupCount + 1) * 2 + 1);
  CHECK(t.index(t.key(2, 3, 0)) == std::array<std::size_t, 3>{2, 3, 0});
}

TEST_CASE("twin_table: sparse sums drain the cells added to, in the order first added, and empty them",
          "[models]") {
  models::twin::SparseSums<Entry, TwinAxis::state, TwinAxis::exempt> sums(4, 2);
  sums.add_at(3, 1).mass += 2;
  sums.add_at(0, 0).mass += 1;
  sums.add_at(3, 1).mass += 4;
  std::vector<std::array<std::size_t, 2>> cells;
  std::vector<double> masses;
  sums.drain([&](const auto& cell, const Entry& e) {
    cells.push_back(cell);
    masses.push_back(e.mass);
  });
  CHECK(cells == std::vector<std::array<std::size_t, 2>>{{3, 1}, {0, 0}});
  CHECK(masses == std::vector<double>{6, 1});
  std::size_t left = 0;
  sums.for_each([&](const auto&, const Entry&) { ++left; });
  CHECK(left == 0);
  CHECK(sums.add_at(3, 1).mass == 0);
}

TEST_CASE("twin_table: a cohort lookup forgets every cell it was told", "[models]") {
  models::twin::CohortLookup<TwinAxis::state, TwinAxis::group> lookup(2, models::kGroupCount);
  const auto key = lookup.key(1, 3);
  CHECK_FALSE(lookup.find(key).has_value());
  lookup.set(key, 7);
  REQUIRE(lookup.find(key).has_value());
  CHECK(*lookup.find(key) == 7);
  CHECK_FALSE(lookup.find(lookup.key(1, 2)).has_value());
  lookup.forget_all();
  CHECK_FALSE(lookup.find(key).has_value());
}

TEST_CASE("twin_step: one stretch of one cohort survives as exp(-rate * days) and counts its person-days",
          "[models]") {
  const double a_per_month = 0.3;
  TwoStates two(a_per_month, 0.1);
  models::twin::TwinStep step(two.in, 40, two.counts);
  const double rate = a_per_month / sim::kDaysPerMonth, days = 9.5, persons = 1000;
  Cohort c = cohort_in_a(persons, 0);
  step.begin(0);
  const double survival = step.segment(c, 0, days, 0);
  const double closed_form = std::exp(-rate * days);
  CHECK(survival == Approx(closed_form).epsilon(1e-12));
  CHECK(c.mass == Approx(persons * closed_form).epsilon(1e-12));
  // Person-days: the integral of persons * exp(-rate * t) over the stretch.
  CHECK(two.counts.in_state.at(0, 0, 0) == Approx(persons * (1 - closed_form) / rate).epsilon(1e-12));

  // Those who left go to B, as the month's flow and as entries.
  Entries entries(two.model);
  step.share_out_leaving(0, entries);
  CHECK(two.counts.flows.at(0, 0, 1) == Approx(persons * (1 - closed_form)).epsilon(1e-12));
  double entered_b = 0, entered_elsewhere = 0;
  entries.for_each([&](const Entries::Index& cell, const Entry& e) {
    (cell[0] == 1 && cell[1] == 0 ? entered_b : entered_elsewhere) += e.mass;
  });
  CHECK(entered_b == Approx(persons * (1 - closed_form)).epsilon(1e-12));
  CHECK(entered_elsewhere == 0);
}

TEST_CASE("twin_step: advancing over split points gives the survival of the whole stretch", "[models]") {
  const double a_per_month = 0.3;
  TwoStates two(a_per_month, 0.1);
  models::twin::TwinStep step(two.in, 40, two.counts);
  Entries entries(two.model);
  Cohort c = cohort_in_a(500, -3);
  c.long_from = 4;  // a split point inside the step
  step.begin(0);
  step.advance(c, 0, 7, 0, entries);
  CHECK(c.mass == Approx(500 * std::exp(-a_per_month / sim::kDaysPerMonth * 7)).epsilon(1e-12));
  // Person-days in the labour reserve only from day 4 on.
  const double rate = a_per_month / sim::kDaysPerMonth;
  CHECK(two.counts.labour_reserve.at(0) ==
        Approx(500 * (std::exp(-rate * 4) - std::exp(-rate * 7)) / rate).epsilon(1e-12));
}

TEST_CASE("twin_cohorts: a step's entries become one cohort per cell, begun mid-step", "[models]") {
  TwoStates two(0.3, 0.1);
  models::twin::TwinCohorts cohorts(two.in);
  Entries entries(two.model);
  entries.add(1, 2, 10, models::twin::kFreshSupport, 0);
  entries.add(1, 2, 5, models::twin::kFreshSupport, 0);
  entries.add(0, 2, 1, models::twin::kFreshSupport, 0);
  cohorts.add_entries(entries, 3.5, 0);
  const auto& all = cohorts.all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].state == 1);
  CHECK(all[0].group == 2);
  CHECK(all[0].mass == 15);
  CHECK(all[0].spell_start == 3.5);
  CHECK(all[1].state == 0);
  CHECK(all[1].mass == 1);
  // Drained: a second call adds nothing.
  cohorts.add_entries(entries, 10.5, 0);
  CHECK(cohorts.all().size() == 2);
}

TEST_CASE("twin_cohorts: merging settled cohorts keeps the total mass and one cohort per cell", "[models]") {
  TwoStates two(0.3, 0.1);
  models::twin::TwinCohorts cohorts(two.in);
  auto& all = cohorts.all();
  // Group 0 in A, begun at different times; one of group 1; all with constant hazards, so settled.
  for (int i = 0; i < 5; ++i) all.push_back(cohort_in_a(10.0 + i, -7.0 * i));
  Cohort other_group = cohort_in_a(3, 0);
  other_group.group = 1;
  all.push_back(other_group);
  const double before = total_mass(all);
  cohorts.merge_settled(1);
  CHECK(total_mass(cohorts.all()) == Approx(before).epsilon(1e-15));
  std::size_t nonempty = 0;
  for (const Cohort& c : cohorts.all()) nonempty += c.mass > 0 ? 1 : 0;
  CHECK(nonempty == 2);
  // Merged once, they stay merged: merging again changes nothing.
  const std::vector<Cohort> merged = cohorts.all();
  cohorts.merge_settled(2);
  REQUIRE(cohorts.all().size() == merged.size());
  for (std::size_t i = 0; i < merged.size(); ++i) CHECK(cohorts.all()[i].mass == merged[i].mass);
}
