// A result file in memory, what every folder of results/ works on: named dimensions with labels, and arrays
// laid out over them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace labsim::results {

// A named dimension, stored in the file as an HDF5 dimension scale (netCDF-4 style), so that xarray and R
// show labels. Exactly one of `labels` (strings, e.g. jobcentre names or ISO month dates) or `values`
// (numbers, e.g. the lower edge of duration bins in weeks) is filled.
struct Dimension {
  std::string name{};                 // e.g. "month", "jobcentre", "state", "from_state", "duration_weeks"
  std::string description{};          // stored as the scale's `long_name` attribute
  std::string units{};                // optional, e.g. "weeks"
  std::vector<std::string> labels{};  // string coordinates, or
  std::vector<double> values{};       // numeric coordinates
  // Names for people, one per label (e.g. the Danish names of the benefit states), stored as the scale's
  // `display_names` attribute; empty when the labels are all there is.
  std::vector<std::string> display_names{};

  [[nodiscard]] std::size_t size() const { return labels.empty() ? values.size() : labels.size(); }
};

// A dense array in C (row-major) order over `dims`, which name entries of RunOutput::dimensions.
struct LabelledArray {
  std::string name{};               // dataset name, e.g. "stock"
  std::string units{};              // e.g. "full-time persons"
  std::string description{};        // one sentence for the `long_name` attribute
  std::vector<std::string> dims{};  // e.g. {"replication", "month", "jobcentre", "state", "group"}
  std::vector<double> values{};     // product of dimension sizes
  bool summarise = true;            // when dims[0] == "replication": also store mean, low95, high95 over it
  // The length of each axis as the values are laid out, checked against the dimensions' lengths when
  // written; empty when the producer gives only the dimension names (then only the count is checked).
  std::vector<std::size_t> shape{};
};

struct Provenance {
  std::string scenario_path{};
  std::string scenario_text{};  // full scenario after extends and overrides
  std::string labsim_version{};
  std::string git_commit{};
  std::string command_line{};
  std::uint64_t seed = 0;
  int replications = 0;
  double scale = 1.0;
  std::string created_utc{};  // ISO 8601
};

struct RunOutput {
  std::vector<Dimension> dimensions{};
  std::vector<LabelledArray> arrays{};
  Provenance provenance{};
  std::map<std::string, std::string> extra_attributes{};  // further root attributes, e.g. "title"

  [[nodiscard]] bool has_array(const std::string& name) const {
    for (const auto& a : arrays) {
      if (a.name == name) return true;
    }
    return false;
  }
  // A further root attribute (e.g. "title"), or "" when there is none.
  [[nodiscard]] std::string attribute(const std::string& name) const {
    const auto it = extra_attributes.find(name);
    return it == extra_attributes.end() ? std::string() : it->second;
  }

  // The array or dimension called `name`; throws std::out_of_range if there is none.
  [[nodiscard]] const LabelledArray& array(const std::string& name) const {
    return named(arrays, name, "array");
  }
  [[nodiscard]] const Dimension& dimension(const std::string& name) const {
    return named(dimensions, name, "dimension");
  }

 private:
  template <class T>
  static const T& named(const std::vector<T>& items, const std::string& name, const char* kind) {
    for (const auto& item : items) {
      if (item.name == name) return item;
    }
    throw std::out_of_range(std::string("run output has no ") + kind + " '" + name + "'");
  }
};

}  // namespace labsim::results
