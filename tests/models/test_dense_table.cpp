// Tests for DenseTable (values in C order over named axes), over axes of run-time and of fixed length.
#include <array>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/dense_table.hpp"

namespace example {

// Axes of the tests' own, two of them of a length fixed when compiling, found by argument-dependent lookup
// as the Markov twin's axes are.
enum class Side : std::uint8_t { left_right, row, column };
constexpr std::size_t fixed_length(Side axis) {
  return axis == Side::left_right ? 2 : axis == Side::column ? 5 : 0;
}

// Axes without fixed_length(): each table gives every length.
enum class Free : std::uint8_t { a, b, c };

}  // namespace example

namespace {

using example::Free;
using example::Side;
using labsim::models::DenseTable;
using labsim::models::fixed_axis_length;

}  // namespace

TEST_CASE("dense_table: an axis has the fixed length its enum declares, else 0", "[models]") {
  STATIC_REQUIRE(fixed_axis_length(Side::left_right) == 2);
  STATIC_REQUIRE(fixed_axis_length(Side::column) == 5);
  STATIC_REQUIRE(fixed_axis_length(Side::row) == 0);
  STATIC_REQUIRE(fixed_axis_length(Free::a) == 0);
  STATIC_REQUIRE(fixed_axis_length(Free::c) == 0);
}

TEST_CASE("dense_table: starts at T{} with one length per axis", "[models]") {
  const DenseTable<double, Free, Free::a, Free::b, Free::c> t(2, 3, 4);
  CHECK(t.extents() == std::array<std::size_t, 3>{2, 3, 4});
  CHECK(t.extent(1) == 3);
  CHECK(t.size() == 24);
  for (double v : t.values()) CHECK(v == 0);
  const DenseTable<const int*, Side, Side::row> pointers(3);
  for (const int* p : pointers.values()) CHECK(p == nullptr);
  const DenseTable<double, Free, Free::a> empty;
  CHECK(empty.size() == 0);
  CHECK(empty.extent(0) == 0);
}

TEST_CASE("dense_table: keys run in C order over the axes and take apart into their indices", "[models]") {
  // Fixed lengths in the middle and at the end, run-time lengths first and between: each mixes into the key.
  DenseTable<int, Side, Side::row, Side::left_right, Side::row, Side::column> t(3, 2, 4, 5);
  REQUIRE(t.size() == 3 * 2 * 4 * 5);
  std::size_t expected = 0;
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t lr = 0; lr < 2; ++lr) {
      for (std::size_t r2 = 0; r2 < 4; ++r2) {
        for (std::size_t c = 0; c < 5; ++c, ++expected) {
          REQUIRE(t.key(r, lr, r2, c) == expected);
          REQUIRE(t.key({r, lr, r2, c}) == expected);
          REQUIRE(t.index(expected) == std::array<std::size_t, 4>{r, lr, r2, c});
        }
      }
    }
  }
  CHECK(expected == t.size());
}

TEST_CASE("dense_table: at, operator[] and values see the same cells", "[models]") {
  DenseTable<double, Free, Free::a, Free::b, Free::c> t(2, 3, 4);
  t.at(1, 2, 3) = 7;
  t.at({0, 1, 0}) = 5;
  t[t.key(1, 0, 2)] = 9;
  const std::vector<double> values(t.values().begin(), t.values().end());
  // [a][b][c]: the last axis varies fastest.
  CHECK(values[(1 * 3 + 2) * 4 + 3] == 7);
  CHECK(values[(0 * 3 + 1) * 4 + 0] == 5);
  CHECK(values[(1 * 3 + 0) * 4 + 2] == 9);
  CHECK(t.at({1, 2, 3}) == 7);
  CHECK(t.at(0, 1, 0) == 5);
  CHECK(t[(1 * 3 + 0) * 4 + 2] == 9);
  double sum = 0;
  for (double v : values) sum += v;
  CHECK(sum == 21);
}

TEST_CASE("dense_table: a row is the cells along the last axis, at the others' indices", "[models]") {
  DenseTable<double, Side, Side::row, Side::left_right, Side::column> t(3, 2, 5);
  t.at(2, 1, 0) = 1;
  t.at(2, 1, 4) = 4;
  t.at(2, 0, 4) = -1;  // the row before
  const auto row = t.row(2, 1);
  REQUIRE(row.size() == 5);
  CHECK(row.data() == &t.at(2, 1, 0));
  CHECK(std::vector<double>(row.begin(), row.end()) == std::vector<double>{1, 0, 0, 0, 4});
  t.row(0, 0)[3] = 8;
  CHECK(t.at(0, 0, 3) == 8);
  const auto& constant = t;
  CHECK(constant.row(2, 0)[4] == -1);
  DenseTable<double, Free, Free::a> line(4);
  CHECK(line.row().size() == 4);
  CHECK(line.row().data() == line.values().data());
}

TEST_CASE("dense_table: fill sets every cell, == compares lengths and cells", "[models]") {
  DenseTable<int, Free, Free::a, Free::b> a(2, 3), b(2, 3), c(3, 2);
  CHECK(a == b);
  CHECK(a != c);  // the same number of cells, laid out differently
  a.fill(4);
  for (int v : a.values()) CHECK(v == 4);
  CHECK(a != b);
  b.fill(4);
  CHECK(a == b);
  b.at(1, 2) = 0;
  CHECK(a != b);
}
