// Text, markdown, CSV and HTML rendering of TextTable.
#include "results/text/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "results/text/markup.hpp"

namespace labsim::results {

namespace {

// Terminals show one column per code point for the scripts labsim prints (Danish names), not one per byte.
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void check_shape(const TextTable& t) {
  if (t.csv_names.size() != t.headings.size()) {
    throw std::invalid_argument(fmt::format("table \"{}\": {} csv names for {} headings", t.title,
                                            t.csv_names.size(), t.headings.size()));
  }
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    if (t.rows[i].size() != t.headings.size()) {
      throw std::invalid_argument(fmt::format("table \"{}\": row {} has {} cells for {} headings", t.title, i,
                                              t.rows[i].size(), t.headings.size()));
    }
  }
}

// A column whose cells hold numbers is read down its right edge, so its heading goes there too.
std::vector<bool> numeric_columns(const TextTable& t) {
  std::vector<bool> numeric(t.headings.size(), false);
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) numeric[c] = numeric[c] || row[c].number.has_value();
  }
  return numeric;
}

std::string padded(const std::string& s, std::size_t width, bool right) {
  const std::string fill(width - std::min(width, code_points(s)), ' ');
  return right ? fill + s : s + fill;
}

std::string trimmed_line(std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  return line + '\n';
}

std::string render_plain(const TextTable& t) {
  std::vector<std::size_t> widths(t.headings.size());
  for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = code_points(t.headings[c]);
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], code_points(row[c].text));
  }
  const auto numeric = numeric_columns(t);
  const auto line = [&](auto&& text_of, auto&& right_of) {
    std::string s;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      if (c > 0) s += "  ";
      s += padded(text_of(c), widths[c], right_of(c));
    }
    return trimmed_line(std::move(s));
  };
  std::string out;
  if (!t.title.empty()) out += t.title + '\n';
  out += line([&](std::size_t c) { return t.headings[c]; }, [&](std::size_t c) { return bool(numeric[c]); });
  out += line([&](std::size_t c) { return std::string(widths[c], '-'); }, [](std::size_t) { return false; });
  for (const auto& row : t.rows) {
    out += line([&](std::size_t c) { return row[c].text; },
                [&](std::size_t c) { return row[c].number.has_value(); });
  }
  for (const auto& note : t.notes) out += note + '\n';
  return out;
}

std::string md_escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';  // a line break would end the table row
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_md(const TextTable& t) {
  std::string out;
  if (!t.title.empty()) out += "### " + t.title + "\n\n";
  const auto numeric = numeric_columns(t);
  std::string header = "|", rule = "|";
  for (std::size_t c = 0; c < t.headings.size(); ++c) {
    header += " " + md_escaped(t.headings[c]) + " |";
    rule += numeric[c] ? "---:|" : "---|";
  }
  out += header + '\n' + rule + '\n';
  for (const auto& row : t.rows) {
    std::string s = "|";
    for (const auto& cell : row) s += " " + md_escaped(cell.text) + " |";
    out += s + '\n';
  }
  for (const auto& note : t.notes) out += '\n' + note + '\n';
  return out;
}

std::string csv_value(const Cell& cell) {
  if (!cell.number) return csv_field(cell.text);
  if (std::isnan(*cell.number)) return "";  // read as missing by spreadsheets, pandas and R alike
  return fmt::format("{}", *cell.number);
}

std::string render_csv(const TextTable& t) {
  const auto line = [](const std::vector<std::string>& fields) {
    std::string s;
    for (std::size_t i = 0; i < fields.size(); ++i) s += (i ? "," : "") + fields[i];
    return s + '\n';
  };
  std::vector<std::string> fields;
  for (const auto& name : t.csv_names) fields.push_back(csv_field(name));
  std::string out = line(fields);
  for (const auto& row : t.rows) {
    fields.clear();
    for (const auto& cell : row) fields.push_back(csv_value(cell));
    out += line(fields);
  }
  for (const auto& note : t.notes) out += "# " + note + '\n';
  return out;
}

std::string render_html(const TextTable& t) {
  const auto numeric = numeric_columns(t);
  const auto cell = [&](std::string_view tag, std::size_t c, const std::string& text) {
    return fmt::format("<{0}{1}>{2}</{0}>", tag, numeric[c] ? R"( class="num")" : "", escape_markup(text));
  };
  std::string out = "<table>\n";
  if (!t.title.empty()) out += "<caption>" + escape_markup(t.title) + "</caption>\n";
  out += "<thead><tr>";
  for (std::size_t c = 0; c < t.headings.size(); ++c) out += cell("th", c, t.headings[c]);
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) out += cell("td", c, row[c].text);
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  for (const auto& note : t.notes) out += "<p class=\"note\">" + escape_markup(note) + "</p>\n";
  return out;
}

}  // namespace

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string render(const TextTable& table, TextFormat format) {
  check_shape(table);
  switch (format) {
    case TextFormat::table:
      return render_plain(table);
    case TextFormat::md:
      return render_md(table);
    case TextFormat::csv:
      return render_csv(table);
    case TextFormat::html:
      return render_html(table);
  }
  throw std::invalid_argument("unknown text format");
}

std::string render(const std::vector<TextTable>& tables, TextFormat format) {
  std::string out;
  for (std::size_t i = 0; i < tables.size(); ++i) out += (i ? "\n" : "") + render(tables[i], format);
  return out;
}

}  // namespace labsim::results
