// Estimates with 80% and 95% intervals, one row each, against a reference value: forecast against plan.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace labsim::results {

struct DotWhiskerRow {
  std::string label;    // e.g. a jobcentre
  std::string tooltip;  // shown on hover: the numbers behind the row with their units
  double estimate = std::numeric_limits<double>::quiet_NaN();
  double low80 = std::numeric_limits<double>::quiet_NaN();  // NaN: no 80% whisker
  double high80 = std::numeric_limits<double>::quiet_NaN();
  double low95 = std::numeric_limits<double>::quiet_NaN();  // NaN: no 95% whisker
  double high95 = std::numeric_limits<double>::quiet_NaN();
  double reference = std::numeric_limits<double>::quiet_NaN();  // NaN: no reference mark
  bool emphasised = false;                                      // e.g. the region total: bold label
};

struct DotWhiskerChart {
  std::string id;
  std::string title;
  std::string subtitle;
  std::string x_label;         // with units
  std::string estimate_name;   // legend, e.g. "forecast (median)"
  std::string reference_name;  // legend, e.g. "plan"; empty: no reference marks
  std::vector<DotWhiskerRow> rows;
  bool zero_line = false;  // a vertical line at 0, e.g. for differences
  double width = 820;
};

// A complete <svg> element.
std::string render_dot_whisker_chart(const DotWhiskerChart& chart);

}  // namespace labsim::results
