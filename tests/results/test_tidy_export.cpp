// Tests for the tidy CSV export: every row names its cell by labels and holds that cell's value exactly, read
// back by a CSV parser, from memory and through a result file.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "builders.hpp"
#include "results/file/h5_reader.hpp"
#include "results/file/h5_writer.hpp"
#include "results/text/tidy_export.hpp"
#include "support/temp_dir.hpp"

using namespace labsim::results;

namespace {

using labsim::testing::array;
using labsim::testing::labelled;
using labsim::testing::numeric;
using labsim::testing::TempDir;
using Table = std::vector<std::vector<std::string>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// RFC 4180: fields split at commas outside quotes, "" inside quotes is one quote, rows end in '\n'.
Table parse_csv(const std::string& text) {
  Table rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
    } else {
      field += c;
    }
  }
  REQUIRE(field.empty());  // the last line ends in '\n'
  REQUIRE(row.empty());
  return rows;
}

std::string tidy(const LabelledArray& a, const std::vector<Dimension>& dims) {
  std::ostringstream out;
  write_tidy_csv(a, dims, out);
  return out.str();
}

// The coordinate of a dimension as the CSV shows it: the label, or the number read back.
std::size_t position(const Dimension& d, const std::string& field) {
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d.labels.empty() ? std::strtod(field.c_str(), nullptr) == d.values[i] : d.labels[i] == field)
      return i;
  }
  FAIL("\"" << field << "\" is no coordinate of " << d.name);
  return 0;
}

// Each row, found by its labels alone, holds the value of that cell; and rows come in C order.
void check_cells(const Table& rows, const LabelledArray& a, const std::vector<const Dimension*>& dims) {
  REQUIRE(rows.size() == a.values.size() + 1);
  std::vector<std::string> header;
  for (const Dimension* d : dims) header.push_back(d->name);
  header.push_back(a.name);
  CHECK(rows[0] == header);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    INFO("row " << r << ": " << rows[r].front());
    REQUIRE(rows[r].size() == dims.size() + 1);
    std::size_t cell = 0;
    for (std::size_t axis = 0; axis < dims.size(); ++axis)
      cell = cell * dims[axis]->size() + position(*dims[axis], rows[r][axis]);
    CHECK(cell == r - 1);
    const double expected = a.values[cell];
    const std::string& field = rows[r].back();
    if (std::isnan(expected)) {
      CHECK(field.empty());
    } else {
      CHECK(std::strtod(field.c_str(), nullptr) == expected);  // exact: the shortest text that reads back
    }
  }
}

// A label with a comma and one with quotes, a numeric scale with a fraction, a NaN, and values that need all
// 17 digits or an exponent.
struct Sample {
  std::vector<Dimension> dims = {
      labelled("jobcentre", {"Nord, Syd", "\"Vest\" (west)", "Aalborg"}),
      numeric("duration_weeks", {0, 4, 156.5}, "lower edge", "weeks"),
      labelled("month", {"2011-01-01", "2011-02-01"}),
  };
  LabelledArray a = array("spells", {{"jobcentre", 3}, {"duration_weeks", 3}, {"month", 2}},
                          {0.1 + 0.2, 1.0 / 3.0, kNaN, 2.0, -0.0, 1e-300, 123456789.125, -2.5e17, 7, 8, 9, 10,
                           11, 12, 13, 14, 15, kNaN},
                          "spells");
  std::vector<const Dimension*> order() const { return {&dims[0], &dims[1], &dims[2]}; }
};

}  // namespace

TEST_CASE("tidy_export: a row per cell, labelled by each dimension, with the cell's exact value",
          "[results]") {
  const Sample s;
  const std::string text = tidy(s.a, s.dims);
  check_cells(parse_csv(text), s.a, s.order());
  // Quoted as RFC 4180 asks, numbers without trailing noise.
  CHECK(text.find("\"Nord, Syd\",0,2011-01-01,0.30000000000000004\n") != std::string::npos);
  CHECK(text.find("\"\"\"Vest\"\" (west)\",156.5,2011-02-01,10\n") != std::string::npos);
  CHECK(text.find("\nAalborg,156.5,2011-02-01,\n") != std::string::npos);
  CHECK(text.find(",2\n") != std::string::npos);
}

TEST_CASE("tidy_export: the dimensions may be given in any order and include others", "[results]") {
  const Sample s;
  std::vector<Dimension> shuffled = {s.dims[2], labelled("state", {"a", "b"}), s.dims[0], s.dims[1]};
  CHECK(tidy(s.a, shuffled) == tidy(s.a, s.dims));
}

TEST_CASE("tidy_export: a dimension on its own is one column", "[results]") {
  const Sample s;
  for (const Dimension& d : s.dims) {
    std::ostringstream out;
    write_tidy_csv(d, out);
    const Table rows = parse_csv(out.str());
    REQUIRE(rows.size() == d.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{d.name});
    for (std::size_t i = 0; i < d.size(); ++i) CHECK(position(d, rows[i + 1].at(0)) == i);
  }
}

TEST_CASE("tidy_export: an array without dimensions is one value", "[results]") {
  CHECK(tidy(array("total", {}, {12.5}), {}) == "total\n12.5\n");
}

TEST_CASE("tidy_export: a missing dimension or a wrong number of values is an error", "[results]") {
  const Sample s;
  CHECK_THROWS_WITH(tidy(s.a, {s.dims[0], s.dims[2]}),
                    "\"spells\": dimension \"duration_weeks\" is not given");
  LabelledArray short_one = s.a;
  short_one.values.pop_back();
  CHECK_THROWS_WITH(tidy(short_one, s.dims), "\"spells\": 17 values for 18 cells of its dimensions");
}

TEST_CASE("tidy_export: a result file's arrays, summaries and dimensions read back cell by cell",
          "[results]") {
  const Sample s;
  RunOutput out;
  out.dimensions = s.dims;
  out.dimensions.push_back(numeric("replication", {0, 1}));
  std::vector<double> replicated = s.a.values;
  for (double v : s.a.values) replicated.push_back(v * 3);
  out.arrays = {s.a,
                array("stock", {{"replication", 2}, {"jobcentre", 3}, {"duration_weeks", 3}, {"month", 2}},
                      replicated, "full-time persons", "persons")};
  out.provenance.scenario_path = "x.toml";
  out.provenance.replications = 2;
  TempDir dir;
  write_result_file(out, dir.path() / "r.h5");
  const RunOutput back = read_result_file(dir.path() / "r.h5");

  check_cells(parse_csv(tidy(back.array("spells"), back.dimensions)), s.a, s.order());
  const Dimension& replication = back.dimension("replication");
  check_cells(parse_csv(tidy(back.array("stock"), back.dimensions)), out.arrays[1],
              {&replication, &s.dims[0], &s.dims[1], &s.dims[2]});
  // The summary over replications: the mean of each cell's two values, NaN where both are NaN.
  LabelledArray mean = s.a;
  mean.name = "stock_mean";
  for (double& v : mean.values) v = (v + v * 3) / 2;
  const Table mean_rows = parse_csv(tidy(back.array("stock_mean"), back.dimensions));
  REQUIRE(mean_rows.size() == mean.values.size() + 1);
  for (std::size_t r = 1; r < mean_rows.size(); ++r) {
    const double expected = mean.values[r - 1];
    if (std::isnan(expected)) {
      CHECK(mean_rows[r].back().empty());
    } else {
      CHECK(std::strtod(mean_rows[r].back().c_str(), nullptr) == Approx(expected));
    }
  }
  for (const Dimension& d : s.dims) {
    std::ostringstream written, read;
    write_tidy_csv(d, written);
    write_tidy_csv(back.dimension(d.name), read);
    CHECK(read.str() == written.str());
  }
}

TEST_CASE("tidy_export: the list names each dataset with its dimensions, sizes and units", "[results]") {
  const Sample s;
  RunOutput out;
  out.dimensions = s.dims;
  out.arrays = {s.a, array("total", {{"month", 2}}, {1, 2}, "DKK per month")};
  std::istringstream lines(dataset_list(out));
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(line);
  REQUIRE(rows.size() == out.arrays.size() + out.dimensions.size());
  const auto columns = [](std::string row) {
    std::vector<std::string> parts;
    for (std::size_t at; (at = row.find("  ")) != std::string::npos;) {
      if (at > 0) parts.push_back(row.substr(0, at));
      row = row.substr(row.find_first_not_of(' ', at));
    }
    parts.push_back(row);
    return parts;
  };
  CHECK(columns(rows[0]) ==
        std::vector<std::string>{"spells", "[jobcentre 3, duration_weeks 3, month 2]", "spells"});
  CHECK(columns(rows[1]) == std::vector<std::string>{"total", "[month 2]", "DKK per month"});
  CHECK(columns(rows[2]) == std::vector<std::string>{"jobcentre", "[jobcentre 3]", "(dimension)"});
  CHECK(columns(rows[3]) ==
        std::vector<std::string>{"duration_weeks", "[duration_weeks 3]", "weeks (dimension)"});
  // Columns line up.
  CHECK(rows[0].find('[') == rows[3].find('['));
}
