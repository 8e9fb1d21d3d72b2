#include "results/report/chart_axes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "results/text/numbers.hpp"

namespace labsim::results::chart {

namespace {

constexpr double kAxisFont = 11;
constexpr std::string_view kGrid = "#e3e3e3";
constexpr std::string_view kAxisColour = "#555555";

}  // namespace

Ticks nice_ticks(double lo, double hi, int at_most) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  at_most = std::max(at_most, 2);
  const double raw = (hi - lo) / (at_most - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  Ticks ticks;
  for (const double m : std::array{1.0, 2.0, 5.0, 10.0}) {
    const double step = m * magnitude;
    const double first = std::floor(lo / step + 1e-9) * step;
    const double last = std::ceil(hi / step - 1e-9) * step;
    if (std::llround((last - first) / step) + 1 <= at_most || m == 10.0) {
      ticks.step = step;
      const auto n = std::llround((last - first) / step);
      for (long long i = 0; i <= n; ++i) {
        const double v = first + static_cast<double>(i) * step;
        ticks.values.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
      }
      break;
    }
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s == "-0" || s.find_first_not_of("-0.") == std::string::npos)
    s = decimals > 0 ? s.substr(s[0] == '-') : "0";
  return with_separators(s);
}

std::string month_label(std::string_view iso_date) {
  static constexpr std::array<std::string_view, 12> kNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso_date.size() < 7 || iso_date[4] != '-') return std::string(iso_date);
  const int month = (iso_date[5] - '0') * 10 + (iso_date[6] - '0');
  if (month < 1 || month > 12) return std::string(iso_date);
  return fmt::format("{} {}", kNames[static_cast<std::size_t>(month - 1)], iso_date.substr(0, 4));
}

void Range::include(double value) {
  if (!std::isfinite(value)) return;
  if (empty) {
    lo = hi = value;
    empty = false;
  } else {
    lo = std::min(lo, value);
    hi = std::max(hi, value);
  }
}

double text_width(std::string_view text, double font_size) {
  const auto code_points = std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return static_cast<double>(code_points) * 0.6 * font_size;
}

void draw_y_axis(svg::Canvas& canvas, const Area& area, const LinearScale& y, const Ticks& ticks,
                 std::string_view label) {
  for (const double v : ticks.values) {
    const double py = y(v);
    canvas.line({area.left, py}, {area.right(), py}, {kGrid, 1});
    canvas.text({area.left - 6, py + 4}, tick_label(v, ticks.step),
                {kAxisFont, svg::Anchor::end, false, kAxisColour});
  }
  double widest = 0;
  for (const double v : ticks.values)
    widest = std::max(widest, text_width(tick_label(v, ticks.step), kAxisFont));
  if (label.empty()) return;
  const svg::Point at{area.left - widest - 16, area.top + area.height / 2};
  canvas.text(at, label, {12, svg::Anchor::middle, false, "#333333"}, -90);
}

void draw_x_axis(svg::Canvas& canvas, const Area& area, const LinearScale& x, const Ticks& ticks,
                 std::string_view label) {
  canvas.line({area.left, area.bottom()}, {area.right(), area.bottom()}, {kAxisColour, 1});
  for (const double v : ticks.values) {
    const double px = x(v);
    canvas.line({px, area.bottom()}, {px, area.bottom() + 4}, {kAxisColour, 1});
    canvas.text({px, area.bottom() + 17}, tick_label(v, ticks.step),
                {kAxisFont, svg::Anchor::middle, false, kAxisColour});
  }
  if (!label.empty())
    canvas.text({area.left + area.width / 2, area.bottom() + 36}, label, {12, svg::Anchor::middle});
}

void draw_month_axis(svg::Canvas& canvas, const Area& area, const LinearScale& x,
                     const std::vector<std::string>& months, std::string_view label) {
  canvas.line({area.left, area.bottom()}, {area.right(), area.bottom()}, {kAxisColour, 1});
  const double per_month =
      months.size() > 1 ? area.width / static_cast<double>(months.size() - 1) : area.width;
  const double label_px = text_width("Mmm 2011", kAxisFont) + 10;
  std::size_t every = 1;
  for (const std::size_t n : {1, 2, 3, 6, 12, 24, 60}) {
    every = n;
    if (per_month * static_cast<double>(n) >= label_px) break;
  }
  for (std::size_t i = 0; i < months.size(); ++i) {
    const double px = x(static_cast<double>(i));
    const bool labelled = i % every == 0;
    canvas.line({px, area.bottom()}, {px, area.bottom() + (labelled ? 5 : 3)}, {kAxisColour, 1});
    if (labelled) {
      canvas.text({px, area.bottom() + 17}, month_label(months[i]),
                  {kAxisFont, svg::Anchor::middle, false, kAxisColour});
    }
  }
  if (!label.empty())
    canvas.text({area.left + area.width / 2, area.bottom() + 36}, label, {12, svg::Anchor::middle});
}

void draw_title(svg::Canvas& canvas, std::string_view title, std::string_view subtitle) {
  canvas.text({12, 22}, title, {15, svg::Anchor::start, true});
  if (!subtitle.empty()) canvas.text({12, 40}, subtitle, {11.5, svg::Anchor::start, false, "#666666"});
}

double legend_width(const std::vector<LegendEntry>& entries) {
  double widest = 0;
  for (const auto& e : entries) widest = std::max(widest, text_width(e.name, kAxisFont));
  return entries.empty() ? 0 : widest + 34;
}

void draw_legend(svg::Canvas& canvas, svg::Point at, const std::vector<LegendEntry>& entries) {
  double y = at.y;
  for (const auto& e : entries) {
    if (e.band) {
      canvas.polygon({{at.x, y - 6}, {at.x + 22, y - 6}, {at.x + 22, y + 6}, {at.x, y + 6}}, e.colour,
                     kBandOpacity);
    }
    canvas.line({at.x, y}, {at.x + 22, y}, {e.colour, 2.5, e.dash});
    canvas.text({at.x + 28, y + 4}, e.name, {kAxisFont});
    y += 18;
  }
}

}  // namespace labsim::results::chart
