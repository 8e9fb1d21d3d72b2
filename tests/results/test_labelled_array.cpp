// Tests of indexing a result array by its own axes: at, block, AxesView and CellIndex against the stored
// C-order layout, and the messages for arrays read with the wrong axes.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <type_traits>

#include "builders.hpp"
#include "results/labelled_array.hpp"

using labsim::results::AxesView;
using labsim::results::CellIndex;
using labsim::results::LabelledArray;
using labsim::testing::array;

namespace {

// 2 x 3 x 4 cells over (replication, month, state), filled in C order with 100 r + 10 m + s, so a value
// names its own cell.
LabelledArray cube() {
  std::vector<double> values;
  for (int r = 0; r < 2; ++r) {
    for (int m = 0; m < 3; ++m) {
      for (int s = 0; s < 4; ++s) values.push_back(100 * r + 10 * m + s);
    }
  }
  return array("stock", {{"replication", 2}, {"month", 3}, {"state", 4}}, values);
}

}  // namespace

TEST_CASE("labelled_array: at reads and writes the cell of the stored C-order layout", "[results]") {
  LabelledArray a = cube();
  CHECK(a.at({0, 0, 0}) == 0);
  CHECK(a.at({1, 2, 3}) == 123);
  CHECK(a.at({1, 0, 2}) == 102);
  CHECK(a.at({0, 2, 1}) == 21);
  a.at({1, 1, 1}) = -1;
  CHECK(a.values[12 + 4 + 1] == -1);  // replication 1 starts after 3 x 4 cells, month 1 after 4 more

  const LabelledArray scalar = array("total", {}, {7.5});
  CHECK(scalar.at({}) == 7.5);
}

TEST_CASE("labelled_array: a block is the contiguous cells under its leading indices", "[results]") {
  LabelledArray a = cube();
  const auto month = a.block({1, 2});
  CHECK(std::vector<double>(month.begin(), month.end()) == std::vector<double>{120, 121, 122, 123});
  const auto replication = a.block({1});
  REQUIRE(replication.size() == 12);
  CHECK(replication.front() == 100);
  CHECK(replication.back() == 123);
  CHECK(a.block({}).size() == a.values.size());
  for (double& v : a.block({0, 1})) v = 0;
  CHECK(a.at({0, 1, 3}) == 0);
  CHECK(a.at({0, 2, 0}) == 20);  // the next month is untouched
}

TEST_CASE("labelled_array: axis finds a dimension by name and names the array when it is missing",
          "[results]") {
  const LabelledArray a = cube();
  CHECK(a.axis("replication") == 0);
  CHECK(a.axis("state") == 2);
  CHECK_THROWS_MATCHES(
      a.axis("jobcentre"), std::out_of_range,
      Catch::Message(
          "array \"stock\" has no dimension \"jobcentre\" (its dimensions: replication, month, state)"));
  CHECK_THROWS_MATCHES(array("total", {}, {1}).axis("month"), std::out_of_range,
                       Catch::Message("array \"total\" has no dimension \"month\" (its dimensions: none)"));
}

TEST_CASE("axes_view: axes named in the array's order read the stored layout", "[results]") {
  const LabelledArray a = cube();
  const AxesView<3> v(a, {"replication", "month", "state"});
  CHECK(v.extent(0) == 2);
  CHECK(v.extent(1) == 3);
  CHECK(v.extent(2) == 4);
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t m = 0; m < 3; ++m) {
      for (std::size_t s = 0; s < 4; ++s) CHECK(v(r, m, s) == a.at({r, m, s}));
    }
  }
}

TEST_CASE("axes_view: axes named in another order read the array transposed", "[results]") {
  const LabelledArray a = cube();
  const AxesView<3> v(a, {"state", "replication", "month"});
  CHECK(v.extent(0) == 4);
  CHECK(v.extent(1) == 2);
  CHECK(v.extent(2) == 3);
  CHECK(v(3, 1, 2) == 123);
  CHECK(v(0, 1, 2) == 120);
  CHECK(v(2, 0, 1) == 12);
}

TEST_CASE("axes_view: an array read with other axes than its own is refused with a clear message",
          "[results]") {
  const LabelledArray a = cube();
  CHECK_THROWS_MATCHES(
      AxesView<3>(a, {"replication", "jobcentre", "state"}), std::out_of_range,
      Catch::Message(
          "array \"stock\" has no dimension \"jobcentre\" (its dimensions: replication, month, state)"));
  CHECK_THROWS_MATCHES(AxesView<2>(a, {"replication", "month"}), std::out_of_range,
                       Catch::Message("array \"stock\" is over [replication, month, state], but is read as "
                                      "[replication, month]"));
  CHECK_THROWS_MATCHES(AxesView<3>(a, {"month", "state", "month"}), std::out_of_range,
                       Catch::Message("array \"stock\" is read with dimension \"month\" twice"));

  LabelledArray no_shape = a;
  no_shape.shape.clear();
  CHECK_THROWS_MATCHES(AxesView<3>(no_shape, {"replication", "month", "state"}), std::out_of_range,
                       Catch::Message("array \"stock\" has shape [], not one length per dimension "
                                      "(replication, month, state)"));
  LabelledArray short_one = a;
  short_one.values.pop_back();
  CHECK_THROWS_MATCHES(AxesView<3>(short_one, {"replication", "month", "state"}), std::out_of_range,
                       Catch::Message("array \"stock\" has 23 values, but its shape [2, 3, 4] needs 24"));
}

TEST_CASE("axes_view: a view cannot be made of a temporary array", "[results]") {
  // The view refers to the array's values; one made of a temporary would dangle.
  STATIC_REQUIRE_FALSE(
      std::is_constructible_v<AxesView<1>, LabelledArray&&, std::array<std::string_view, 1>>);
  STATIC_REQUIRE(std::is_constructible_v<AxesView<1>, const LabelledArray&, std::array<std::string_view, 1>>);
}

TEST_CASE("cell_index: walks the cells in storage order, the last axis fastest", "[results]") {
  const LabelledArray a = cube();
  CellIndex at(a.shape);
  std::size_t cells = 0;
  for (const double v : a.values) {
    CHECK(v == 100.0 * static_cast<double>(at[0]) + 10.0 * static_cast<double>(at[1]) +
                   static_cast<double>(at[2]));
    at.next();
    ++cells;
  }
  CHECK(cells == 24);
  CHECK(at[0] == 0);  // past the last cell it wraps to the first
  CHECK(at[1] == 0);
  CHECK(at[2] == 0);
}

#ifndef NDEBUG
namespace {

// True if `f` aborts (a failed assert) when run in a child process.
bool aborts(const std::function<void()>& f) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // The test framework's own abort handler would report the child's abort as a failure of its own.
    std::signal(SIGABRT, SIG_DFL);
    if (std::freopen("/dev/null", "w", stderr) == nullptr ||
        std::freopen("/dev/null", "w", stdout) == nullptr)
      _exit(2);
    f();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

}  // namespace

TEST_CASE("labelled_array: an index past its axis fails an assertion in Debug builds", "[results]") {
  const LabelledArray a = cube();
  const AxesView<3> v(a, {"state", "replication", "month"});
  CHECK_FALSE(aborts([&] { (void)a.at({1, 2, 3}); }));
  CHECK(aborts([&] { (void)a.at({0, 3, 0}); }));
  CHECK(aborts([&] { (void)a.at({0, 0, 0, 0}); }));
  CHECK(aborts([&] { (void)a.block({2}); }));
  CHECK_FALSE(aborts([&] { (void)v(3, 1, 2); }));
  CHECK(aborts([&] { (void)v(4, 0, 0); }));
  CHECK(aborts([&] { (void)v(0, 0, 3); }));
}
#endif
