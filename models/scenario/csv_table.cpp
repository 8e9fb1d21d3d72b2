// Reads CSV input tables, keeping each row's source line so that errors can point at it.
#include "models/scenario/csv_table.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

#include "sim/input_error.hpp"

namespace labsim::models {
namespace {

using sim::InputError;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

// Splits one physical line; quoted fields may hold commas and doubled quotes, but not line breaks, so that
// every record keeps exactly one line number.
std::vector<std::string> split_fields(std::string_view line, const std::string& where) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    std::string field;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        if (line[pos] == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') {
            field += '"';
            pos += 2;
            continue;
          }
          ++pos;
          closed = true;
          break;
        }
        field += line[pos++];
      }
      if (!closed) throw InputError(fmt::format("{}: unterminated quoted field", where));
      const auto comma = line.find(',', pos);
      const auto rest = line.substr(pos, comma == std::string_view::npos ? line.size() - pos : comma - pos);
      if (!trim(rest).empty())
        throw InputError(fmt::format("{}: unexpected text after a closing quote", where));
      pos = comma;
    } else {
      const auto comma = line.find(',', pos);
      field = trim(line.substr(pos, comma == std::string_view::npos ? line.size() - pos : comma - pos));
      pos = comma;
    }
    fields.push_back(std::move(field));
    if (pos == std::string_view::npos) break;
    ++pos;
  }
  return fields;
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(fmt::format("{}: cannot open file ({})", path.string(), std::strerror(EISDIR)));
  }
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(fmt::format("{}: cannot open file ({})", path.string(), std::strerror(errno)));
  std::string text;
  char buffer[1 << 16];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get())) text.append(buffer, n);
  if (std::ferror(file.get())) {
    throw InputError(fmt::format("{}: cannot read file ({})", path.string(), std::strerror(errno)));
  }
  return text;
}

CsvTable CsvTable::read(const std::filesystem::path& path) {
  return parse(read_text_file(path), path.string());
}

CsvTable CsvTable::parse(std::string_view text, std::string source) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

  std::vector<std::string> columns;
  int header_line = 0;
  std::vector<Row> rows;
  int line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const auto content = trim(line);
    if (content.empty() || content.front() == '#') continue;

    const std::string where = fmt::format("{}:{}", source, line_number);
    auto fields = split_fields(line, where);
    if (header_line == 0) {
      std::set<std::string_view> seen;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].empty()) throw InputError(fmt::format("{}: column {} has no name", where, i + 1));
        if (!seen.insert(fields[i]).second) {
          throw InputError(fmt::format("{}: duplicate column '{}'", where, fields[i]));
        }
      }
      columns = std::move(fields);
      header_line = line_number;
    } else {
      if (fields.size() != columns.size()) {
        throw InputError(
            fmt::format("{}: row has {} fields but the header has {}", where, fields.size(), columns.size()));
      }
      rows.push_back({line_number, std::move(fields)});
    }
  }
  if (header_line == 0) throw InputError(fmt::format("{}:1: no header row (the file is empty)", source));
  return CsvTable(std::move(source), std::move(columns), header_line, std::move(rows));
}

std::optional<std::size_t> CsvTable::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  return std::nullopt;
}

const std::string& CsvTable::text(std::size_t row, std::size_t column) const {
  return rows_.at(row).fields.at(column);
}

double CsvTable::number(std::size_t row, std::size_t column) const {
  const std::string& field = text(row, column);
  // from_chars rejects a leading '+', which people do write.
  const std::string_view digits = field.starts_with('+') ? std::string_view(field).substr(1) : field;
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) {
    throw InputError(
        fmt::format("{}: column '{}' = \"{}\" is not a number", where(row), columns_.at(column), field));
  }
  return value;
}

std::string CsvTable::where(std::size_t row) const {
  return fmt::format("{}:{}", source_, line(row));
}

std::string CsvTable::where_header() const {
  return fmt::format("{}:{}", source_, header_line_);
}

}  // namespace labsim::models
