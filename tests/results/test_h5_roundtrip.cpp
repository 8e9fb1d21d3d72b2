// Tests that a result file reads back as written and is laid out as netCDF-4 readers (xarray, R) expect.
#include <hdf5.h>
#include <hdf5_hl.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "builders.hpp"
#include "results/file/h5_reader.hpp"
#include "results/file/h5_writer.hpp"
#include "results/stats/summary.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace labsim::results;

namespace {

using labsim::testing::array;
using labsim::testing::labelled;
using labsim::testing::numeric;
using labsim::testing::TempDir;

std::vector<double> iota(std::size_t n, double start) {
  std::vector<double> v(n);
  for (auto& x : v) x = start++;
  return v;
}

// Two state dimensions of equal length, so that a mix-up between them would go unnoticed by sizes alone.
RunOutput sample() {
  RunOutput out;
  out.dimensions = {
      numeric("replication", {0, 1, 2}, "replication number"),
      labelled("month", {"2024-01-01", "2024-02-01"}, "first day of the month"),
      labelled("jobcentre", {"Aalborg", "Hjørring"}, "jobcentre"),
      labelled("from_state", {"sickness", "job", "flexjob"}, "benefit state left"),
      labelled("to_state", {"sickness", "job", "flexjob"}, "benefit state entered"),
      numeric("duration_weeks", {0, 4, 8, 12}, "lower edge of the duration bin", "weeks"),
  };
  out.arrays = {
      array("stock", {{"replication", 3}, {"month", 2}, {"jobcentre", 2}},
            {5, 1, 7, 2, 3, 9, 8, 4, 1, 6, 2, 0}, "full-time persons", "persons in each jobcentre"),
      array("transitions", {{"replication", 3}, {"from_state", 3}, {"to_state", 3}}, iota(27, 0.5),
            "persons per month", "transitions between states", false),
      array("spell_lengths", {{"duration_weeks", 4}}, {40, 30, 20, 10}, "spells",
            "completed spells by duration"),
  };
  out.provenance = {.scenario_path = "scenarios/baseline.toml",
                    .scenario_text = "[run]\nreplications = 3\n",
                    .labsim_version = "0.1.0",
                    .git_commit = "885c606abcde",
                    .command_line = "labsim run scenarios/baseline.toml",
                    .seed = 20240101,
                    .replications = 3,
                    .scale = 1.0,
                    .created_utc = "2024-05-01T12:00:00Z"};
  return out;
}

void check_same(const Dimension& got, const Dimension& want) {
  INFO("dimension " << want.name);
  CHECK(got.name == want.name);
  CHECK(got.description == want.description);
  CHECK(got.units == want.units);
  CHECK(got.labels == want.labels);
  CHECK(got.values == want.values);
}

void check_same(const LabelledArray& got, const LabelledArray& want) {
  INFO("array " << want.name);
  CHECK(got.name == want.name);
  CHECK(got.units == want.units);
  CHECK(got.description == want.description);
  CHECK(got.dims == want.dims);
  CHECK(got.values == want.values);
}

// An HDF5 identifier closed at scope exit, for inspecting the file's layout directly.
struct Id {
  hid_t id;
  herr_t (*close)(hid_t);
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) { REQUIRE(id >= 0); }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { close(id); }
};

}  // namespace

TEST_CASE("h5 round trip: dimensions and arrays read back as written", "[results]") {
  TempDir dir;
  const auto out = sample();
  write_result_file(out, dir.path() / "run.h5");
  const auto back = read_result_file(dir.path() / "run.h5");

  REQUIRE(back.dimensions.size() == out.dimensions.size());
  for (std::size_t i = 0; i < out.dimensions.size(); ++i) check_same(back.dimensions[i], out.dimensions[i]);

  const auto s = summarise_over_replications(out.arrays[0], 3);
  const std::vector<LabelledArray> want = {out.arrays[0], s.mean,        s.low95,
                                           s.high95,      out.arrays[1], out.arrays[2]};
  REQUIRE(back.arrays.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    check_same(back.arrays[i], want[i]);
    CHECK_FALSE(back.arrays[i].summarise);
  }
}

TEST_CASE("h5 round trip: summaries are stored only for replicated arrays that ask", "[results]") {
  TempDir dir;
  const auto out = sample();
  write_result_file(out, dir.path() / "run.h5");

  const auto high = read_array(dir.path() / "run.h5", "stock_high95");
  CHECK(high.dims == std::vector<std::string>{"month", "jobcentre"});
  // Cell (month 0, Aalborg) is {5, 3, 1} over replications: type-7 97.5% = 3 + 0.95 * (5 - 3).
  CHECK(high.values[0] == Approx(4.9));
  CHECK_THROWS_AS(read_array(dir.path() / "run.h5", "transitions_mean"), std::runtime_error);
  CHECK_THROWS_AS(read_array(dir.path() / "run.h5", "spell_lengths_mean"), std::runtime_error);
}

TEST_CASE("h5 round trip: an empty dimension and a scalar array survive", "[results]") {
  TempDir dir;
  RunOutput out = sample();
  out.dimensions.push_back(numeric("offer", {}, "activation offer"));
  out.arrays = {array("offer_places", {{"offer", 0}}, {}, "places"),
                array("total_cost", {}, {1.5e9}, "DKK", "cost of all offers")};
  write_result_file(out, dir.path() / "run.h5");
  const auto back = read_result_file(dir.path() / "run.h5");
  check_same(back.dimensions.back(), out.dimensions.back());
  REQUIRE(back.arrays.size() == 2);
  check_same(back.arrays[0], out.arrays[0]);
  check_same(back.arrays[1], out.arrays[1]);
}

TEST_CASE("h5 round trip: provenance and extra attributes read back", "[results]") {
  TempDir dir;
  RunOutput out = sample();
  // Larger than the 64 KiB HDF5 allows for an attribute stored in the object header.
  for (int i = 0; out.provenance.scenario_text.size() < 100'000; ++i) {
    out.provenance.scenario_text += "# jobcentre Hjørring, line " + std::to_string(i) + "\n";
  }
  out.provenance.seed = std::numeric_limits<std::uint64_t>::max();
  out.provenance.scale = 0.25;
  out.extra_attributes = {{"title", "Nordjylland baseline"}, {"comment", "æøå"}};
  write_result_file(out, dir.path() / "run.h5");
  const auto back = read_result_file(dir.path() / "run.h5");

  const auto& p = back.provenance;
  CHECK(p.scenario_path == out.provenance.scenario_path);
  CHECK(p.scenario_text == out.provenance.scenario_text);
  CHECK(p.labsim_version == out.provenance.labsim_version);
  CHECK(p.git_commit == out.provenance.git_commit);
  CHECK(p.command_line == out.provenance.command_line);
  CHECK(p.seed == std::numeric_limits<std::uint64_t>::max());
  CHECK(p.replications == 3);
  CHECK(p.scale == 0.25);
  CHECK(p.created_utc == out.provenance.created_utc);
  CHECK(back.extra_attributes == out.extra_attributes);
}

TEST_CASE("h5 layout: every axis is attached to its own dimension scale", "[results]") {
  TempDir dir;
  write_result_file(sample(), dir.path() / "run.h5");
  const Id file(H5Fopen((dir.path() / "run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const Id from(H5Dopen2(file.id, "from_state", H5P_DEFAULT), H5Dclose);
  const Id to(H5Dopen2(file.id, "to_state", H5P_DEFAULT), H5Dclose);
  const Id replication(H5Dopen2(file.id, "replication", H5P_DEFAULT), H5Dclose);
  const Id transitions(H5Dopen2(file.id, "transitions", H5P_DEFAULT), H5Dclose);

  CHECK(H5DSis_scale(from.id) > 0);
  CHECK(H5DSis_scale(transitions.id) == 0);
  char name[32] = {};
  REQUIRE(H5DSget_scale_name(to.id, name, sizeof name) > 0);
  CHECK(std::string(name) == "to_state");

  CHECK(H5DSis_attached(transitions.id, replication.id, 0) > 0);
  CHECK(H5DSis_attached(transitions.id, from.id, 1) > 0);
  CHECK(H5DSis_attached(transitions.id, to.id, 2) > 0);
  CHECK(H5DSis_attached(transitions.id, to.id, 1) == 0);
  CHECK(H5DSis_attached(transitions.id, from.id, 2) == 0);
  CHECK(H5Aexists(transitions.id, "DIMENSION_LIST") > 0);
}

TEST_CASE("h5 layout: arrays are chunked under 1 MiB with shuffle and deflate", "[results]") {
  TempDir dir;
  RunOutput out = sample();
  out.dimensions.push_back(numeric("cell", iota(200, 0)));
  out.dimensions[0].values = iota(10, 0);
  out.dimensions[1].labels.resize(120, "2030-01-01");
  out.arrays = {
      array("big", {{"replication", 10}, {"month", 120}, {"cell", 200}}, std::vector<double>(240'000, 2.0))};
  write_result_file(out, dir.path() / "run.h5");

  const Id file(H5Fopen((dir.path() / "run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const Id big(H5Dopen2(file.id, "big", H5P_DEFAULT), H5Dclose);
  const Id dcpl(H5Dget_create_plist(big.id), H5Pclose);
  REQUIRE(H5Pget_layout(dcpl.id) == H5D_CHUNKED);
  hsize_t chunk[3] = {};
  REQUIRE(H5Pget_chunk(dcpl.id, 3, chunk) == 3);
  CHECK(chunk[1] == 120);  // whole trailing axes ...
  CHECK(chunk[2] == 200);
  CHECK(chunk[0] * chunk[1] * chunk[2] * sizeof(double) <= (1u << 20));  // ... as many replications as fit
  CHECK(chunk[0] * 2 * chunk[1] * chunk[2] * sizeof(double) > (1u << 20));

  REQUIRE(H5Pget_nfilters(dcpl.id) == 2);
  unsigned flags = 0;
  std::size_t n_values = 1;
  unsigned level = 0;
  CHECK(H5Pget_filter2(dcpl.id, 0, &flags, &n_values, &level, 0, nullptr, nullptr) == H5Z_FILTER_SHUFFLE);
  n_values = 1;
  CHECK(H5Pget_filter2(dcpl.id, 1, &flags, &n_values, &level, 0, nullptr, nullptr) == H5Z_FILTER_DEFLATE);
  CHECK(level == 4);
  CHECK(H5Dget_storage_size(big.id) < 240'000 * sizeof(double) / 10);
}
