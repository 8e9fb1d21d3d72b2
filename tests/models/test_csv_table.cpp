// Tests for CsvTable: comments, quoting, line numbers, numbers, and the exact text of its errors.
#include <catch2/catch.hpp>

#include "models/scenario/csv_table.hpp"
#include "sim/input_error.hpp"

namespace {

using Catch::Matchers::Message;
using labsim::models::CsvTable;
using labsim::sim::InputError;

}  // namespace

TEST_CASE("csv_table: skips comments and blank lines and keeps each row's line", "[models]") {
  const CsvTable t = CsvTable::parse(
      "\xEF\xBB\xBF# comment\n\nname, value\r\n# another\nAalborg, 1.5\r\n\nLæsø,2\n", "j.csv");
  CHECK(t.source() == "j.csv");
  CHECK(t.header_line() == 3);
  CHECK(t.columns() == std::vector<std::string>{"name", "value"});
  REQUIRE(t.row_count() == 2);
  CHECK(t.line(0) == 5);
  CHECK(t.line(1) == 7);
  CHECK(t.text(0, 0) == "Aalborg");
  CHECK(t.text(1, 0) == "Læsø");
  CHECK(t.number(0, 1) == 1.5);
  CHECK(t.find_column("value") == 1);
  CHECK_FALSE(t.find_column("other").has_value());
  CHECK(t.where(1) == "j.csv:7");
}

TEST_CASE("csv_table: quoted fields hold commas and doubled quotes", "[models]") {
  const CsvTable t = CsvTable::parse("a,b,c\n\"x, y\", \"say \"\"hi\"\"\" ,\"\"\n", "q.csv");
  REQUIRE(t.row_count() == 1);
  CHECK(t.text(0, 0) == "x, y");
  CHECK(t.text(0, 1) == "say \"hi\"");
  CHECK(t.text(0, 2).empty());
}

TEST_CASE("csv_table: numbers accept signs and exponents, and nothing else", "[models]") {
  const CsvTable t = CsvTable::parse("n\n+3\n-2e2\nabc\n1.5x\n\ninf\n", "n.csv");
  CHECK(t.number(0, 0) == 3);
  CHECK(t.number(1, 0) == -200);
  CHECK_THROWS_MATCHES(t.number(2, 0), InputError, Message("n.csv:4: column 'n' = \"abc\" is not a number"));
  CHECK_THROWS_MATCHES(t.number(3, 0), InputError, Message("n.csv:5: column 'n' = \"1.5x\" is not a number"));
  CHECK_THROWS_MATCHES(t.number(4, 0), InputError, Message("n.csv:7: column 'n' = \"inf\" is not a number"));
}

TEST_CASE("csv_table: malformed files are input errors naming the line", "[models]") {
  CHECK_THROWS_MATCHES(CsvTable::parse("", "e.csv"), InputError,
                       Message("e.csv:1: no header row (the file is empty)"));
  CHECK_THROWS_MATCHES(CsvTable::parse("# only a comment\n", "e.csv"), InputError,
                       Message("e.csv:1: no header row (the file is empty)"));
  CHECK_THROWS_MATCHES(CsvTable::parse("a,b\n1,2,3\n", "f.csv"), InputError,
                       Message("f.csv:2: row has 3 fields but the header has 2"));
  CHECK_THROWS_MATCHES(CsvTable::parse("a,b\n\"1,2\n", "u.csv"), InputError,
                       Message("u.csv:2: unterminated quoted field"));
  CHECK_THROWS_MATCHES(CsvTable::parse("a,b\n\"1\"x,2\n", "u.csv"), InputError,
                       Message("u.csv:2: unexpected text after a closing quote"));
  CHECK_THROWS_MATCHES(CsvTable::parse("a,b,a\n", "d.csv"), InputError,
                       Message("d.csv:1: duplicate column 'a'"));
  CHECK_THROWS_MATCHES(CsvTable::parse("a,,b\n", "d.csv"), InputError,
                       Message("d.csv:1: column 2 has no name"));
}

TEST_CASE("csv_table: a missing file names the file and the reason", "[models]") {
  CHECK_THROWS_MATCHES(CsvTable::read("no/such.csv"), InputError,
                       Message("no/such.csv: cannot open file (No such file or directory)"));
}
