// Writes one SVG picture as text: shapes in pixels, text escaped, numbers short, colours as attributes so the
// picture keeps its look when copied out of the report into a slide.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace labsim::results::svg {

struct Point {
  double x = 0;
  double y = 0;
};

enum class Anchor { start, middle, end };

// The stroke of a line or outline: colour, width in pixels and an SVG dash pattern ("" for solid).
struct Stroke {
  std::string_view colour = "#333333";
  double width = 1;
  std::string_view dash = "";
};

struct Font {
  double size = 12;
  Anchor anchor = Anchor::start;
  bool bold = false;
  std::string_view colour = "#222222";
};

// A colour-blind-safe palette (Okabe and Ito), cycled: the i-th series' colour.
std::string_view series_colour(std::size_t i);

class Canvas {
 public:
  // `title` becomes the picture's <title> (read by screen readers and shown as a tooltip) and `id` its id.
  Canvas(double width, double height, std::string_view title, std::string_view id);

  void line(Point from, Point to, const Stroke& stroke);
  void polyline(const std::vector<Point>& points, const Stroke& stroke);
  // A filled shape without outline, e.g. a band between two curves.
  void polygon(const std::vector<Point>& points, std::string_view fill, double opacity);
  void rect(Point top_left, double width, double height, std::string_view fill,
            const Stroke* outline = nullptr);
  void circle(Point centre, double radius, std::string_view fill, const Stroke* outline = nullptr);
  // A path in SVG path syntax, e.g. a curved edge; `fill` "none" for an open path. `marker` names a marker
  // made by arrow_marker, or "" for none.
  void path(std::string_view d, const Stroke& stroke, std::string_view fill = "none",
            std::string_view marker = "");
  // `rotate_degrees` turns the text about its anchor point, e.g. -90 for a y-axis label.
  void text(Point at, std::string_view text, const Font& font, double rotate_degrees = 0);
  // Declares an arrowhead marker of the given colour, referred to by the returned name in path().
  std::string arrow_marker(std::string_view colour);
  // Tooltip for the next shape group: open_group("...") ... close_group().
  void open_group(std::string_view tooltip);
  void close_group();

  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double height() const { return height_; }
  // The finished <svg> element.
  [[nodiscard]] std::string str() const;

 private:
  double width_;
  double height_;
  std::string id_;
  std::string defs_;
  std::string body_;
  int markers_ = 0;
  int open_groups_ = 0;
};

// A number for an SVG attribute: at most two decimals, no trailing zeros.
std::string coordinate(double value);

}  // namespace labsim::results::svg
