#include "results/report/svg_canvas.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "results/text/markup.hpp"

namespace labsim::results::svg {

std::string_view series_colour(std::size_t i) {
  static constexpr std::array<std::string_view, 8> kPalette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                               "#E69F00", "#56B4E9", "#000000", "#F0E442"};
  return kPalette[i % kPalette.size()];
}

std::string coordinate(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("svg coordinate is not a finite number");
  std::string s = fmt::format("{:.2f}", value);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

namespace {

std::string points_attribute(const std::vector<Point>& points) {
  std::string out;
  for (const Point& p : points) {
    if (!out.empty()) out += ' ';
    out += coordinate(p.x) + ',' + coordinate(p.y);
  }
  return out;
}

std::string stroke_attributes(const Stroke& stroke) {
  std::string out = fmt::format(R"( stroke="{}" stroke-width="{}")", stroke.colour, coordinate(stroke.width));
  if (!stroke.dash.empty()) out += fmt::format(R"( stroke-dasharray="{}")", stroke.dash);
  return out;
}

std::string_view anchor_name(Anchor anchor) {
  switch (anchor) {
    case Anchor::start:
      return "start";
    case Anchor::middle:
      return "middle";
    case Anchor::end:
      return "end";
  }
  return "start";
}

}  // namespace

Canvas::Canvas(double width, double height, std::string_view title, std::string_view id)
    : width_(width), height_(height), id_(id) {
  body_ += fmt::format("<title>{}</title>\n", escape_markup(title));
}

void Canvas::line(Point from, Point to, const Stroke& stroke) {
  body_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>)", coordinate(from.x), coordinate(from.y),
                       coordinate(to.x), coordinate(to.y), stroke_attributes(stroke));
  body_ += '\n';
}

void Canvas::polyline(const std::vector<Point>& points, const Stroke& stroke) {
  if (points.empty()) return;
  body_ += fmt::format(R"(<polyline points="{}" fill="none"{} stroke-linejoin="round"/>)",
                       points_attribute(points), stroke_attributes(stroke));
  body_ += '\n';
}

void Canvas::polygon(const std::vector<Point>& points, std::string_view fill, double opacity) {
  if (points.empty()) return;
  body_ += fmt::format(R"(<polygon points="{}" fill="{}" fill-opacity="{}" stroke="none"/>)",
                       points_attribute(points), fill, coordinate(opacity));
  body_ += '\n';
}

void Canvas::rect(Point top_left, double width, double height, std::string_view fill, const Stroke* outline) {
  body_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>)", coordinate(top_left.x),
                       coordinate(top_left.y), coordinate(width), coordinate(height), fill,
                       outline ? stroke_attributes(*outline) : std::string());
  body_ += '\n';
}

void Canvas::circle(Point centre, double radius, std::string_view fill, const Stroke* outline) {
  body_ += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}"{}/>)", coordinate(centre.x),
                       coordinate(centre.y), coordinate(radius), fill,
                       outline ? stroke_attributes(*outline) : std::string());
  body_ += '\n';
}

void Canvas::path(std::string_view d, const Stroke& stroke, std::string_view fill, std::string_view marker) {
  body_ += fmt::format(R"(<path d="{}" fill="{}"{})", d, fill, stroke_attributes(stroke));
  if (!marker.empty()) body_ += fmt::format(R"x( marker-end="url(#{})")x", marker);
  body_ += "/>\n";
}

void Canvas::text(Point at, std::string_view text, const Font& font, double rotate_degrees) {
  body_ += fmt::format(R"(<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}")", coordinate(at.x),
                       coordinate(at.y), coordinate(font.size), anchor_name(font.anchor), font.colour);
  if (font.bold) body_ += R"( font-weight="bold")";
  if (rotate_degrees != 0) {
    body_ += fmt::format(R"x( transform="rotate({} {} {})")x", coordinate(rotate_degrees), coordinate(at.x),
                         coordinate(at.y));
  }
  body_ += fmt::format(">{}</text>\n", escape_markup(text));
}

std::string Canvas::arrow_marker(std::string_view colour) {
  std::string name = fmt::format("{}-arrow{}", id_, markers_++);
  defs_ +=
      fmt::format(R"(<marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" )"
                  R"(orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker>)",
                  name, colour);
  defs_ += '\n';
  return name;
}

void Canvas::open_group(std::string_view tooltip) {
  body_ += fmt::format("<g><title>{}</title>\n", escape_markup(tooltip));
  ++open_groups_;
}

void Canvas::close_group() {
  if (open_groups_ == 0) throw std::logic_error("svg: close_group without open_group");
  body_ += "</g>\n";
  --open_groups_;
}

std::string Canvas::str() const {
  if (open_groups_ != 0) throw std::logic_error("svg: a group was left open");
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" id="{}" width="{}" height="{}" viewBox="0 0 {} {}" )"
      R"(font-family="DejaVu Sans, Verdana, Arial, sans-serif" role="img">)",
      escape_markup(id_), coordinate(width_), coordinate(height_), coordinate(width_), coordinate(height_));
  out += '\n';
  if (!defs_.empty()) out += "<defs>\n" + defs_ + "</defs>\n";
  out += body_;
  out += "</svg>\n";
  return out;
}

}  // namespace labsim::results::svg
