// A small CSV reader for input tables: `#` comments, a header row, quoted fields, each row's source line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace labsim::models {

// The whole file as bytes; throws sim::InputError "<path>: cannot open file (<reason>)".
std::string read_text_file(const std::filesystem::path& path);

// Rows of text fields under a header. Errors are sim::InputError "<source>:<line>: <what>".
class CsvTable {
 public:
  // Reads `path`, which names the file in every error exactly as given.
  static CsvTable read(const std::filesystem::path& path);
  // Parses `text` as if it had been read from a file named `source`.
  static CsvTable parse(std::string_view text, std::string source);

  const std::string& source() const { return source_; }
  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t row_count() const { return rows_.size(); }
  int header_line() const { return header_line_; }
  int line(std::size_t row) const { return rows_.at(row).line; }

  std::optional<std::size_t> find_column(std::string_view name) const;
  const std::string& text(std::size_t row, std::size_t column) const;
  // The field as a finite number, or an error naming the column and quoting the text.
  double number(std::size_t row, std::size_t column) const;

  // "<source>:<line>" of a row or of the header, to start an error message.
  std::string where(std::size_t row) const;
  std::string where_header() const;

 private:
  struct Row {
    int line = 0;
    std::vector<std::string> fields;
  };

  CsvTable(std::string source, std::vector<std::string> columns, int header_line, std::vector<Row> rows)
      : source_(std::move(source)),
        columns_(std::move(columns)),
        header_line_(header_line),
        rows_(std::move(rows)) {}

  std::string source_;
  std::vector<std::string> columns_;
  int header_line_ = 0;
  std::vector<Row> rows_;
};

}  // namespace labsim::models
