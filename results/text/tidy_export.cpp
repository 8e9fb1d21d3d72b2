// Tidy CSV of an array: a row per cell, a column per dimension, written as it is walked so that large arrays
// are not held twice.
#include "results/text/tidy_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "results/text/text_table.hpp"

namespace labsim::results {

namespace {

// Flushed to the stream whenever it grows past this many bytes.
constexpr std::size_t kChunkBytes = 1 << 16;

void append_field(fmt::memory_buffer& buffer, const std::string& text) {
  buffer.append(csv_field(text));
}

void append_number(fmt::memory_buffer& buffer, double value) {
  if (!std::isnan(value)) fmt::format_to(std::back_inserter(buffer), "{}", value);
}

// Each coordinate of the dimension as the CSV field written for it.
std::vector<std::string> coordinate_fields(const Dimension& dimension) {
  std::vector<std::string> fields;
  fields.reserve(dimension.size());
  fmt::memory_buffer buffer;
  for (std::size_t i = 0; i < dimension.size(); ++i) {
    buffer.clear();
    if (dimension.labels.empty()) {
      append_number(buffer, dimension.values[i]);
    } else {
      append_field(buffer, dimension.labels[i]);
    }
    fields.emplace_back(buffer.data(), buffer.size());
  }
  return fields;
}

const Dimension* dimension_named(const std::vector<Dimension>& dimensions, const std::string& name) {
  const auto it =
      std::find_if(dimensions.begin(), dimensions.end(), [&](const Dimension& d) { return d.name == name; });
  return it == dimensions.end() ? nullptr : &*it;
}

void flush(fmt::memory_buffer& buffer, std::ostream& out) {
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  buffer.clear();
}

}  // namespace

void write_tidy_csv(const LabelledArray& array, const std::vector<Dimension>& dimensions, std::ostream& out) {
  std::vector<std::vector<std::string>> fields;  // by axis, then coordinate
  std::vector<std::size_t> lengths;
  std::size_t cells = 1;
  for (const std::string& name : array.dims) {
    const Dimension* dimension = dimension_named(dimensions, name);
    if (!dimension) {
      throw std::invalid_argument(fmt::format("\"{}\": dimension \"{}\" is not given", array.name, name));
    }
    fields.push_back(coordinate_fields(*dimension));
    lengths.push_back(fields.back().size());
    cells *= lengths.back();
  }
  if (cells != array.values.size()) {
    throw std::invalid_argument(fmt::format("\"{}\": {} values for {} cells of its dimensions", array.name,
                                            array.values.size(), cells));
  }
  fmt::memory_buffer buffer;
  for (const std::string& name : array.dims) {
    append_field(buffer, name);
    buffer.push_back(',');
  }
  append_field(buffer, array.name);
  buffer.push_back('\n');
  CellIndex at(lengths);
  for (const double value : array.values) {
    for (std::size_t axis = 0; axis < fields.size(); ++axis) {
      buffer.append(fields[axis][at[axis]]);
      buffer.push_back(',');
    }
    append_number(buffer, value);
    buffer.push_back('\n');
    at.next();
    if (buffer.size() > kChunkBytes) flush(buffer, out);
  }
  flush(buffer, out);
}

void write_tidy_csv(const Dimension& dimension, std::ostream& out) {
  fmt::memory_buffer buffer;
  append_field(buffer, dimension.name);
  buffer.push_back('\n');
  for (const std::string& field : coordinate_fields(dimension)) {
    buffer.append(field);
    buffer.push_back('\n');
  }
  flush(buffer, out);
}

std::string dataset_list(const RunOutput& out) {
  struct Line {
    std::string name, shape, units;
  };
  std::vector<Line> lines;
  for (const LabelledArray& array : out.arrays) {
    std::vector<std::string> axes;
    for (const std::string& name : array.dims) {
      const Dimension* dimension = dimension_named(out.dimensions, name);
      axes.push_back(dimension ? fmt::format("{} {}", name, dimension->size()) : name);
    }
    lines.push_back({array.name, fmt::format("[{}]", fmt::join(axes, ", ")), array.units});
  }
  for (const Dimension& d : out.dimensions) {
    lines.push_back({d.name, fmt::format("[{} {}]", d.name, d.size()),
                     d.units.empty() ? "(dimension)" : d.units + " (dimension)"});
  }
  std::size_t name_width = 0, shape_width = 0;
  for (const Line& line : lines) {
    name_width = std::max(name_width, line.name.size());
    shape_width = std::max(shape_width, line.shape.size());
  }
  std::string text;
  for (const Line& line : lines) {
    std::string row =
        fmt::format("{:<{}}  {:<{}}  {}", line.name, name_width, line.shape, shape_width, line.units);
    row.erase(row.find_last_not_of(' ') + 1);
    text += row + '\n';
  }
  return text;
}

}  // namespace labsim::results
