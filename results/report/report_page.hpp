// The report as one self-contained HTML page: sections of charts, tables and text, with no scripts, fonts
// or pictures fetched from anywhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace labsim::results {

struct ReportSection {
  std::string id;       // anchor for the table of contents
  std::string heading;  // plain text
  // HTML fragments in order, built with the helpers below (figure, paragraph) or by render(TextTable, html).
  std::vector<std::string> blocks;
};

struct ReportSource {
  std::string file;                                        // as given on the command line
  std::vector<std::pair<std::string, std::string>> facts;  // e.g. {"seed", "20110101"}, shown as a list
};

struct ReportPage {
  std::string title;
  std::vector<ReportSource> sources;
  std::vector<ReportSection> sections;
};

// A chart with a caption saying what it answers.
std::string figure(const std::string& svg, const std::string& caption);
// Plain text as a paragraph (escaped).
std::string paragraph(const std::string& text);
// A caveat in small print.
std::string note(const std::string& text);

std::string render_report_page(const ReportPage& page);

}  // namespace labsim::results
