// Tests of the text-table renderer: alignment by code points, CSV quoting, markdown escaping.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "results/text/text_table.hpp"

using labsim::results::Cell;
using labsim::results::render;
using labsim::results::TextFormat;
using labsim::results::TextTable;

namespace {

TextTable jobcentres() {
  TextTable t;
  t.title = "Persons by jobcentre";
  t.headings = {"jobcentre", "persons"};
  t.csv_names = {"jobcentre", "persons"};
  t.rows = {{{"Morsø", std::nullopt}, {"1,234", 1234.0}}, {{"Aalborg", std::nullopt}, {"5", 5.0}}};
  t.notes = {"scale 1"};
  return t;
}

}  // namespace

TEST_CASE("text_table: table aligns by code points, numbers right and text left", "[results]") {
  // "Morsø" is 6 bytes but 5 columns wide, so it takes 4 spaces of padding to reach "jobcentre" (9).
  CHECK(render(jobcentres(), TextFormat::table) ==
        "Persons by jobcentre\n"
        "jobcentre  persons\n"
        "---------  -------\n"
        "Morsø        1,234\n"
        "Aalborg          5\n"
        "scale 1\n");
}

TEST_CASE("text_table: a text column wider than its heading pads the heading", "[results]") {
  TextTable t;
  t.headings = {"å", "n"};
  t.csv_names = {"a", "n"};
  t.rows = {{{"Frederikshavn", std::nullopt}, {"12", 12.0}}};
  CHECK(render(t, TextFormat::table) ==
        "å               n\n"
        "-------------  --\n"
        "Frederikshavn  12\n");
}

TEST_CASE("text_table: csv quotes commas and quotes and writes numbers at full precision", "[results]") {
  TextTable t;
  t.title = "not in csv";
  t.headings = {"Name", "Value", "Missing"};
  t.csv_names = {"name", "value", "missing"};
  t.rows = {{{"Hjørring, Nord", std::nullopt}, {"0.3", 0.1 + 0.2}, {"n/a", std::nan("")}},
            {{"say \"hi\"", std::nullopt}, {"-2.1 pp", -2.125}, {"text only", std::nullopt}}};
  t.notes = {"paired differences"};
  CHECK(render(t, TextFormat::csv) ==
        "name,value,missing\n"
        "\"Hjørring, Nord\",0.30000000000000004,\n"
        "\"say \"\"hi\"\"\",-2.125,text only\n"
        "# paired differences\n");
}

TEST_CASE("text_table: md escapes pipes and right-aligns number columns", "[results]") {
  TextTable t;
  t.title = "Offers";
  t.headings = {"offer", "places"};
  t.csv_names = {"offer", "places"};
  t.rows = {{{"a|b", std::nullopt}, {"1,800", 1800.0}}};
  t.notes = {"first note", "second | note"};
  CHECK(render(t, TextFormat::md) ==
        "### Offers\n"
        "\n"
        "| offer | places |\n"
        "|---|---:|\n"
        "| a\\|b | 1,800 |\n"
        "\n"
        "first note\n"
        "\n"
        "second | note\n");
}

TEST_CASE("text_table: several tables are separated by a blank line, each csv with its header", "[results]") {
  TextTable a;
  a.headings = a.csv_names = {"x"};
  a.rows = {{{"1", 1.0}}};
  TextTable b;
  b.headings = b.csv_names = {"y"};
  b.rows = {{{"2", 2.0}}};
  CHECK(render({a, b}, TextFormat::csv) == "x\n1\n\ny\n2\n");
  CHECK(render({a, b}, TextFormat::table) == "x\n-\n1\n\ny\n-\n2\n");
}

TEST_CASE("text_table: a row with the wrong number of cells is rejected", "[results]") {
  TextTable t = jobcentres();
  t.rows[1].pop_back();
  CHECK_THROWS_AS(render(t, TextFormat::table), std::invalid_argument);
  TextTable u = jobcentres();
  u.csv_names.pop_back();
  CHECK_THROWS_AS(render(u, TextFormat::csv), std::invalid_argument);
}
