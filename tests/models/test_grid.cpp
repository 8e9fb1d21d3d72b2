// Tests for Grid (counts over the result file's axes; its indexing is DenseTable's, tested in
// test_dense_table.cpp) and PresenceCounter (person-time in such cells).
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "models/counts/grid.hpp"
#include "models/counts/presence_counter.hpp"
#include "sim/calendar.hpp"

namespace {

using labsim::models::Axis;
using labsim::models::axis_name;
using labsim::models::Grid;
using labsim::models::PresenceCounter;
using namespace std::chrono;

// January (31 days) and February (28 days) 2011.
labsim::sim::MonthCalendar two_months() {
  return {year{2011} / January / 1, 2};
}

}  // namespace

TEST_CASE("grid: starts at zero with one length per axis", "[models]") {
  const Grid<Axis::month, Axis::state, Axis::offer> g(2, 3, 4);
  CHECK(g.extents() == std::array<std::size_t, 3>{2, 3, 4});
  CHECK(g.extent(1) == 3);
  CHECK(g.size() == 24);
  for (double v : g.values()) CHECK(v == 0);
  const Grid<Axis::month> empty;
  CHECK(empty.size() == 0);
}

TEST_CASE("grid: its type names the result file's dimensions, in order", "[models]") {
  using Flows = Grid<Axis::month, Axis::from_state, Axis::to_state>;
  std::vector<std::string> names;
  for (Axis a : Flows::axes) names.emplace_back(axis_name(a));
  CHECK(names == std::vector<std::string>{"month", "from_state", "to_state"});
  CHECK(std::string(axis_name(Axis::benefit_group)) == "benefit_group");
  CHECK(std::string(axis_name(Axis::within)) == "within");
  CHECK(std::string(axis_name(Axis::duration_weeks)) == "duration_weeks");
  CHECK(std::string(axis_name(Axis::cost_item)) == "cost_item");
}

TEST_CASE("grid: add counts one, += adds cell by cell, cellwise combines two grids", "[models]") {
  Grid<Axis::month, Axis::state> a(2, 2), b(2, 2);
  a.add(1, 0);
  a.add(1, 0);
  b.at(1, 0) = 4;
  b.at(0, 1) = 3;
  CHECK(a.at(1, 0) == 2);
  const auto ratio = cellwise(b, a, [](double x, double y) { return y > 0 ? x / y : -1.0; });
  CHECK(ratio.at(1, 0) == 2);
  CHECK(ratio.at(0, 1) == -1);
  a += b;
  CHECK(a.at(1, 0) == 6);
  CHECK(a.at(0, 1) == 3);
  CHECK(a.at(0, 0) == 0);
  CHECK(a != b);
  Grid<Axis::month, Axis::state> c = b;
  CHECK(c == b);
  c.fill(std::nan(""));
  CHECK(std::isnan(c.at(1, 1)));
}

TEST_CASE("presence counter: a stay counts as its share of each month, in its own cell", "[models]") {
  const auto calendar = two_months();
  PresenceCounter<Axis::state, Axis::group> p(calendar, 2, 3);
  p.change({1, 2}, labsim::sim::Days{15.5}, +1);  // 15.5 of January's 31 days
  p.change({1, 2}, labsim::sim::Days{38}, -1);    // 7 of February's 28
  p.add_initial({0, 0});                          // all along
  const auto fte = p.full_time_persons();
  CHECK(fte.extents() == std::array<std::size_t, 3>{2, 2, 3});
  CHECK(fte.at(0, 1, 2) == 0.5);
  CHECK(fte.at(1, 1, 2) == 0.25);
  CHECK(fte.at(0, 0, 0) == 1);
  CHECK(fte.at(1, 0, 0) == 1);
  double others = 0;
  for (double v : fte.values()) others += v;
  CHECK(others == 0.5 + 0.25 + 2);

  const auto heads = p.heads_at_month_starts();
  CHECK(heads.extents() == std::array<std::size_t, 3>{2, 2, 3});
  CHECK(heads.at(0, 1, 2) == 0);
  CHECK(heads.at(1, 1, 2) == 1);
  CHECK(heads.at(1, 0, 0) == 1);
  const auto end = p.heads_at_end();
  CHECK(end.extents() == std::array<std::size_t, 2>{2, 3});
  CHECK(end.at(1, 2) == 0);
  CHECK(end.at(0, 0) == 1);
}

TEST_CASE("presence counter: an interval recorded afterwards is clipped to the run", "[models]") {
  const auto calendar = two_months();
  PresenceCounter<Axis::group> p(calendar, 2);
  p.add_interval({1}, -5, 45.5);  // from before the start to 14.5 days into February
  p.add_interval({0}, 50, 100);   // from day 50 past the horizon (day 59)
  p.add_interval({0}, 70, 80);    // wholly after it: nothing
  const auto fte = p.full_time_persons();
  CHECK(fte.at(0, 1) == 1);
  CHECK(fte.at(1, 1) == Approx(14.5 / 28));
  CHECK(fte.at(0, 0) == 0);
  CHECK(fte.at(1, 0) == Approx(9.0 / 28));
  CHECK(p.heads_at_end().at(0) == 1);
  CHECK(p.heads_at_end().at(1) == 0);
}
