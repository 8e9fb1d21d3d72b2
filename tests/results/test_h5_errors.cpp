// Tests that bad output is rejected with a clear message and that a failed write leaves no file behind.
#include <hdf5.h>
#include <hdf5_hl.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "builders.hpp"
#include "results/file/h5_reader.hpp"
#include "results/file/h5_writer.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace labsim::results;

namespace {

using labsim::testing::array;
using labsim::testing::labelled;
using labsim::testing::numeric;
using labsim::testing::TempDir;

RunOutput small() {
  RunOutput out;
  out.dimensions = {numeric("replication", {0, 1}),
                    labelled("month", {"2024-01-01", "2024-02-01", "2024-03-01"})};
  out.arrays = {array("stock", {{"replication", 2}, {"month", 3}}, {1, 2, 3, 4, 5, 6}, "full-time persons")};
  return out;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("h5_writer: an array of the wrong size is rejected before any file is written", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  RunOutput out = small();
  out.arrays[0].values.pop_back();
  CHECK_THROWS_MATCHES(
      write_result_file(out, path), std::invalid_argument,
      Catch::Message(path.string() + ": array \"stock\" has 5 values but its dimensions replication (2) x "
                                     "month (3) need 6"));
  CHECK(dir.entries().empty());
}

TEST_CASE("h5_writer: an array whose axes are in the wrong order is refused, naming the dataset and axis",
          "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  RunOutput out;
  out.dimensions = {labelled("state", {"A", "B"}), labelled("group", {"x", "y", "z"})};
  // Laid out [group][state]: the same 6 values as [state][group], so the count alone would pass.
  out.arrays = {array("stock", {{"state", 3}, {"group", 2}}, {1, 2, 3, 4, 5, 6})};
  CHECK_THROWS_MATCHES(
      write_result_file(out, path), std::invalid_argument,
      Catch::Message(path.string() +
                     ": array \"stock\" has 3 entries along axis 1 (\"state\"), but dimension "
                     "\"state\" has 2; are its axes in the wrong order?"));
  CHECK(dir.entries().empty());

  out.arrays[0].shape = {2, 3};
  write_result_file(out, path);
  CHECK(read_array(path, "stock").shape == std::vector<std::size_t>{2, 3});
}

TEST_CASE("h5_writer: an array with more axis lengths than dimension names is refused", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  RunOutput out = small();
  out.arrays[0].shape = {2, 3, 1};
  CHECK_THROWS_MATCHES(write_result_file(out, path), std::invalid_argument,
                       Catch::Message(path.string() + ": array \"stock\" has 3 axes but 2 dimension names"));
}

TEST_CASE("h5_writer: an array without a shape is refused, naming the dataset and its dimensions",
          "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  RunOutput out = small();
  out.arrays[0].shape.clear();
  CHECK_THROWS_MATCHES(
      write_result_file(out, path), std::invalid_argument,
      Catch::Message(path.string() + ": array \"stock\" has no shape; give the length of each of its axes "
                                     "(replication, month)"));
  CHECK(dir.entries().empty());

  // A scalar has no axes, so its empty shape is complete.
  out = small();
  out.arrays.push_back(array("total", {}, {42}));
  write_result_file(out, path);
  CHECK(read_array(path, "total").values == std::vector<double>{42});
}

TEST_CASE("h5_writer: a failed write keeps the previous file and leaves no temporary", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  write_result_file(small(), path);
  const auto before = file_bytes(path);
  RunOutput bad = small();
  bad.arrays[0].values.push_back(7);
  CHECK_THROWS_AS(write_result_file(bad, path), std::invalid_argument);
  CHECK(dir.entries() == std::vector<std::string>{"run.h5"});
  CHECK(file_bytes(path) == before);
}

TEST_CASE("h5_writer: a failure after the temporary file was written removes it", "[results]") {
  TempDir dir;
  // A non-empty directory under the requested name makes the final rename fail, after all HDF5 work is done.
  const auto path = dir.path() / "run.h5";
  fs::create_directory(path);
  std::ofstream(path / "keep.txt") << "x";
  CHECK_THROWS_AS(write_result_file(small(), path), fs::filesystem_error);
  CHECK(dir.entries() == std::vector<std::string>{"run.h5"});
  CHECK(fs::is_directory(path));
}

TEST_CASE("h5_writer: inconsistent dimensions and names are rejected with their names", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  const auto rejects = [&](const RunOutput& out, const std::string& why) {
    CHECK_THROWS_MATCHES(write_result_file(out, path), std::invalid_argument,
                         Catch::Message(path.string() + ": " + why));
  };
  RunOutput out = small();
  out.arrays[0].dims = {"replication", "mnth"};
  rejects(out, "array \"stock\" uses dimension \"mnth\", which is not defined");

  out = small();
  out.dimensions.push_back(labelled("state", {"a", "b"}));
  out.arrays.push_back(array("moves", {{"state", 2}, {"state", 2}}, {1, 2, 3, 4}));
  rejects(out, "array \"moves\" uses dimension \"state\" twice; give each axis its own dimension");

  out = small();
  out.arrays.push_back(array("stock_mean", {{"month", 3}}, {1, 2, 3}));
  rejects(out, "array \"stock_mean\" clashes with summary \"stock_mean\" of array \"stock\"");

  out = small();
  out.dimensions.push_back(out.dimensions[1]);
  rejects(out, "dimension \"month\" is defined twice");

  out = small();
  out.dimensions[1].values = {1, 2, 3};
  rejects(out, "dimension \"month\" has both labels and values; give one of them");

  out = small();
  out.arrays[0].name = "stocks/flows";
  rejects(out, "array name \"stocks/flows\" must be non-empty and contain no '/'");

  out = small();
  out.extra_attributes["seed"] = "42";
  rejects(out, "extra attribute \"seed\" clashes with a provenance attribute");
  CHECK(dir.entries().empty());
}

TEST_CASE("h5_reader: a missing file is named in the error", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "nothing.h5";
  CHECK_THROWS_MATCHES(read_result_file(path), std::runtime_error,
                       Catch::Message(path.string() + ": no such file"));
}

TEST_CASE("h5_reader: a file that is not HDF5 is named in the error", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "notes.h5";
  std::ofstream(path) << "not an HDF5 file at all\n";
  CHECK_THROWS_MATCHES(read_array(path, "stock"), std::runtime_error,
                       Catch::Message(path.string() + ": not an HDF5 file"));
}

TEST_CASE("h5_reader: a missing dataset is named along with the arrays present", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  write_result_file(small(), path);
  CHECK_THROWS_MATCHES(
      read_array(path, "stok"), std::runtime_error,
      Catch::Message(path.string() +
                     ": no dataset \"stok\" (arrays in the file: stock, stock_mean, stock_low95, "
                     "stock_high95)"));
  CHECK_THROWS_MATCHES(read_array(path, "month"), std::runtime_error,
                       Catch::Message(path.string() + ": \"month\" is a dimension, not an array"));
}

TEST_CASE("h5_reader: an array axis whose length differs from its dimension is named", "[results]") {
  TempDir dir;
  const auto path = dir.path() / "run.h5";
  RunOutput out = small();
  out.dimensions.push_back(labelled("state", {"a", "b"}));
  write_result_file(out, path);
  {
    // Another tool re-labels the month axis of "stock" with the 2 states, which HDF5 allows.
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    const hid_t stock = H5Dopen2(file, "stock", H5P_DEFAULT);
    const hid_t month = H5Dopen2(file, "month", H5P_DEFAULT);
    const hid_t state = H5Dopen2(file, "state", H5P_DEFAULT);
    REQUIRE(H5DSdetach_scale(stock, month, 1) >= 0);
    REQUIRE(H5DSattach_scale(stock, state, 1) >= 0);
    for (const hid_t id : {stock, month, state}) H5Dclose(id);
    H5Fclose(file);
  }
  CHECK_THROWS_MATCHES(
      read_result_file(path), std::runtime_error,
      Catch::Message(path.string() + ": \"stock\" has 3 entries along axis 2 (\"state\"), but dimension "
                                     "\"state\" has 2"));
}
