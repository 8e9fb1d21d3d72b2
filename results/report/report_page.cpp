#include "results/report/report_page.hpp"

#include <fmt/format.h>

#include "results/text/markup.hpp"

namespace labsim::results {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1180px;
       padding: 0 24px 48px; line-height: 1.45; }
h1 { font-size: 26px; margin: 28px 0 8px; }
h2 { font-size: 20px; margin: 40px 0 10px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
nav ol { columns: 2; }
figure { margin: 18px 0 26px; overflow-x: auto; }
figcaption { font-size: 14px; color: #444; max-width: 900px; margin-top: 4px; }
table { border-collapse: collapse; font-size: 13px; margin: 12px 0 6px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left; vertical-align: top; }
th { background: #f3f6f9; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
p.note { font-size: 13px; color: #555; margin: 2px 0; max-width: 900px; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; font-size: 13px; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
details pre { font-size: 12px; background: #f7f7f7; padding: 8px; max-height: 420px; overflow: auto; }
)";

}  // namespace

std::string figure(const std::string& svg, const std::string& caption) {
  return fmt::format("<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n", svg, escape_markup(caption));
}

std::string paragraph(const std::string& text) {
  return "<p>" + escape_markup(text) + "</p>\n";
}

std::string note(const std::string& text) {
  return "<p class=\"note\">" + escape_markup(text) + "</p>\n";
}

std::string render_report_page(const ReportPage& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", escape_markup(page.title),
                     kStyle);
  out += fmt::format("<h1>{}</h1>\n", escape_markup(page.title));
  for (const auto& source : page.sources) {
    out += fmt::format("<h3>{}</h3>\n<dl class=\"facts\">\n", escape_markup(source.file));
    for (const auto& [key, value] : source.facts) {
      out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape_markup(key), escape_markup(value));
    }
    out += "</dl>\n";
  }
  out += "<nav><ol>\n";
  for (const auto& s : page.sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", escape_markup(s.id), escape_markup(s.heading));
  }
  out += "</ol></nav>\n";
  for (const auto& s : page.sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", escape_markup(s.id), escape_markup(s.heading));
    for (const auto& block : s.blocks) out += block;
    out += "</section>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace labsim::results
