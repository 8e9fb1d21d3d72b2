// Renders tables of labelled numbers for people (aligned text, GitHub markdown) and for programs (CSV).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labsim::results {

enum class TextFormat { table, md, csv, html };

// One cell: the text shown in table/md (with units, e.g. "-2.1 pp", "1,234 persons"), and for csv the plain
// number at full precision when there is one.
struct Cell {
  std::string text;
  std::optional<double> number;
};

struct TextTable {
  std::string title;                   // table: a line above, md: a "### " heading; csv: not written
  std::vector<std::string> headings;   // table/md column headers, for people
  std::vector<std::string> csv_names;  // csv header, snake_case; same size as headings
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // table: lines below; md: paragraphs below; csv: lines "# note"
};

// table: columns aligned by UTF-8 code points, cells with a number right-aligned and text left-aligned, a
// rule under the header. md: a GitHub pipe table with '|' in cells escaped. csv: RFC 4180 quoting; a cell
// with a number is written as that number (shortest text that reads back exactly, empty for NaN), other cells
// as their text. Throws std::invalid_argument if csv_names or a row does not have one entry per heading.
std::string render(const TextTable& table, TextFormat format);

// html: a <table> with the title as caption, numeric columns right-aligned (class "num"), notes as
// <p class="note"> after it; all text escaped.
// A CSV field as RFC 4180 asks: quoted, with quotes doubled, when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

// Several tables one after another (a blank line between; csv: each with its own header, separated by a blank
// line)
std::string render(const std::vector<TextTable>& tables, TextFormat format);

}  // namespace labsim::results
