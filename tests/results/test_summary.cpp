// Tests of the mean and 95% interval over replications against hand-computed numbers.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "builders.hpp"
#include "results/stats/summary.hpp"

using labsim::results::LabelledArray;
using labsim::results::summarise_over_replications;

namespace {

LabelledArray replicated(std::vector<double> values,
                         std::vector<std::pair<std::string, std::size_t>> axes = {}) {
  if (axes.empty()) axes = {{"replication", values.size()}};
  return labsim::testing::array("stock", std::move(axes), std::move(values), "full-time persons",
                                "persons in each state at month end");
}

}  // namespace

TEST_CASE("summary: mean and type-7 percentiles of 1..10", "[results]") {
  // Shuffled, so that the percentiles depend on sorting, not on the input order.
  const auto s = summarise_over_replications(replicated({7, 3, 10, 1, 5, 9, 2, 8, 4, 6}), 10);
  REQUIRE(s.mean.values.size() == 1);
  CHECK(s.mean.values[0] == Approx(5.5).epsilon(1e-12));
  CHECK(s.low95.values[0] == Approx(1.225).epsilon(1e-12));   // (10 - 1) * 0.025 = 0.225 past the 1st
  CHECK(s.high95.values[0] == Approx(9.775).epsilon(1e-12));  // (10 - 1) * 0.975 = 8.775 past the 1st
}

TEST_CASE("summary: statistics are taken per cell across replications", "[results]") {
  // 4 replications x 2 cells, stored replication-major: cell 0 is {4, 1, 3, 2}, cell 1 is {7, 7, 7, 7}.
  const auto s = summarise_over_replications(
      replicated({4, 7, 1, 7, 3, 7, 2, 7}, {{"replication", 4}, {"month", 2}}), 4);
  REQUIRE(s.mean.values.size() == 2);
  CHECK(s.mean.values[0] == Approx(2.5));
  CHECK(s.low95.values[0] == Approx(1.075));   // 3 * 0.025 = 0.075 of the way from 1 to 2
  CHECK(s.high95.values[0] == Approx(3.925));  // 3 * 0.975 = 2.925: 0.925 of the way from 3 to 4
  CHECK(s.mean.values[1] == 7.0);
  CHECK(s.low95.values[1] == 7.0);
  CHECK(s.high95.values[1] == 7.0);
}

TEST_CASE("summary: results are named, laid out and described after the input", "[results]") {
  const auto s = summarise_over_replications(
      replicated({1, 2, 3, 4, 5, 6}, {{"replication", 2}, {"month", 3}, {"state", 1}}), 2);
  CHECK(s.mean.name == "stock_mean");
  CHECK(s.low95.name == "stock_low95");
  CHECK(s.high95.name == "stock_high95");
  for (const auto* a : {&s.mean, &s.low95, &s.high95}) {
    CHECK(a->dims == std::vector<std::string>{"month", "state"});
    CHECK(a->units == "full-time persons");
    CHECK(a->values.size() == 3);
    CHECK_FALSE(a->summarise);
  }
  CHECK(s.mean.description == "mean over replications of stock: persons in each state at month end");
  CHECK(s.low95.description ==
        "2.5% percentile over replications of stock: persons in each state at month end");
  CHECK(s.high95.description ==
        "97.5% percentile over replications of stock: persons in each state at month end");
}

TEST_CASE("summary: a single replication gives a zero-width interval", "[results]") {
  const auto s = summarise_over_replications(replicated({3.5, -1.0}, {{"replication", 1}, {"month", 2}}), 1);
  CHECK(s.mean.values == std::vector<double>{3.5, -1.0});
  CHECK(s.low95.values == std::vector<double>{3.5, -1.0});
  CHECK(s.high95.values == std::vector<double>{3.5, -1.0});
}

TEST_CASE("summary: NaN replications are left out, and a cell is NaN only when all are", "[results]") {
  // Cells (columns) 0 and 1 over three replications: {1, NaN, 3} and {NaN, NaN, NaN}.
  const auto s = summarise_over_replications(
      replicated({1, NAN, NAN, NAN, 3, NAN}, {{"replication", 3}, {"month", 2}}), 3);
  CHECK(s.mean.values[0] == 2.0);
  CHECK(s.low95.values[0] == Approx(1.05));  // type 7 over {1, 3}: 1 + 0.025 * 2
  CHECK(s.high95.values[0] == Approx(2.95));
  CHECK(std::isnan(s.mean.values[1]));
  CHECK(std::isnan(s.low95.values[1]));
  CHECK(std::isnan(s.high95.values[1]));
}

TEST_CASE("summary: arrays not led by replication are rejected", "[results]") {
  CHECK_THROWS_MATCHES(
      summarise_over_replications(replicated({1, 2}, {{"month", 2}}), 2), std::invalid_argument,
      Catch::Message("cannot summarise array \"stock\": its first dimension must be \"replication\""));
  CHECK_THROWS_MATCHES(
      summarise_over_replications(replicated({1, 2, 3}), 2), std::invalid_argument,
      Catch::Message("cannot summarise array \"stock\": 3 values do not split into 2 replications"));
  CHECK_THROWS_MATCHES(summarise_over_replications(replicated({}), 0), std::invalid_argument,
                       Catch::Message("cannot summarise array \"stock\" over 0 replications"));
}

TEST_CASE("summary: the replications are taken from the array's shape, not only its value count",
          "[results]") {
  // 2 replications of 2 cells, or 4 replications of 1: the count cannot tell them apart, the shape can.
  CHECK_THROWS_MATCHES(
      summarise_over_replications(replicated({1, 2, 3, 4}, {{"replication", 4}, {"month", 1}}), 2),
      std::invalid_argument,
      Catch::Message("cannot summarise array \"stock\": its first axis has length 4, not 2"));
  LabelledArray no_shape = replicated({1, 2, 3, 4});
  no_shape.shape.clear();
  CHECK_THROWS_MATCHES(
      summarise_over_replications(no_shape, 4), std::invalid_argument,
      Catch::Message("cannot summarise array \"stock\": its shape [] does not give one length "
                     "per dimension (replication)"));
}
