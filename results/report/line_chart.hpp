// Lines over months or weeks with shaded 95% bands, alone or as small multiples that share a legend.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace labsim::results {

struct LineSeries {
  std::string name;          // legend entry
  std::vector<double> y;     // one per x; NaN breaks the line
  std::vector<double> low;   // the band's lower edge, or empty for no band
  std::vector<double> high;  // ... and upper edge
  bool dashed = false;
};

struct LineChart {
  std::string id;  // the svg element's id
  std::string title;
  std::string subtitle;
  std::string x_label;  // with units, e.g. "weeks since the spell began"
  std::string y_label;  // with units, e.g. "full-time persons"
  // The x axis: either months (ISO dates, one per point) or numeric x values, one per point.
  std::vector<std::string> months;
  std::vector<double> x;
  std::vector<LineSeries> series;
  bool steps = false;  // draw as a step function (Kaplan-Meier curves)
  bool y_from_zero = true;
  std::optional<double> y_max;        // e.g. 1 for proportions; the data may not exceed it
  std::optional<double> reference_y;  // a dark horizontal line, e.g. at 0 for differences
  double width = 820;
  double height = 380;
};

// A complete <svg> element. Throws std::invalid_argument if a series' length differs from the x axis'.
std::string render_line_chart(const LineChart& chart);

struct SmallMultiples {
  std::string id;
  std::string title;
  std::string subtitle;
  std::string x_label;
  std::string y_label;
  // Each panel's title names it (e.g. a jobcentre); its own x axis, series and y range; the legend is the
  // first panel's series.
  std::vector<LineChart> panels;
  int columns = 4;
  double panel_width = 230;
  double panel_height = 170;
};

std::string render_small_multiples(const SmallMultiples& chart);

}  // namespace labsim::results
