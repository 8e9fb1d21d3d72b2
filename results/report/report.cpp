#include "results/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "results/report/report_compare.hpp"
#include "results/report/report_forecast.hpp"
#include "results/report/report_page.hpp"
#include "results/report/report_run.hpp"
#include "results/report/report_trial.hpp"
#include "results/text/markup.hpp"
#include "sim/input_error.hpp"

namespace labsim::results {

namespace {

ReportSource source_of(const NamedRun& f) {
  const Provenance& p = f.run.provenance;
  ReportSource source{f.file, {}};
  const auto add = [&](std::string key, std::string value) {
    if (!value.empty()) source.facts.emplace_back(std::move(key), std::move(value));
  };
  add("scenario", f.run.attribute("title"));
  add("scenario file", p.scenario_path);
  add("replications", std::to_string(p.replications));
  add("seed", std::to_string(p.seed));
  if (p.scale != 1) add("scale", fmt::format("{} (populations and places multiplied by it)", p.scale));
  add("made", p.created_utc);
  add("by", fmt::format("labsim {} (commit {})", p.labsim_version, p.git_commit));
  add("command", p.command_line);
  return source;
}

ReportSection provenance_section(const std::vector<NamedRun>& files) {
  ReportSection section{"provenance", "The scenarios as run", {}};
  section.blocks.push_back(
      paragraph("The full scenario behind each file, after `extends` and --set overrides, "
                "exactly as stored in the file."));
  for (const auto& f : files) {
    section.blocks.push_back(fmt::format("<details><summary>{}</summary>\n<pre>{}</pre>\n</details>\n",
                                         escape_markup(f.file),
                                         escape_markup(f.run.provenance.scenario_text)));
  }
  return section;
}

}  // namespace

std::string render_report(const std::vector<NamedRun>& files) {
  ReportPage page;
  std::vector<NamedRun> runs;
  for (const auto& f : files) {
    if (!is_run_file(f.run) && !is_trial_file(f.run)) {
      throw sim::InputError(f.file +
                            ": not a labsim run, forecast or trial result (no stock or "
                            "km_not_self_sufficient dataset)");
    }
    if (is_run_file(f.run)) runs.push_back(f);
    page.sources.push_back(source_of(f));
  }
  page.title = files.size() == 1 && !files.front().run.attribute("title").empty()
                   ? files.front().run.attribute("title")
                   : "labsim report";
  if (runs.size() >= 2) page.sections.push_back(comparison_section(runs));
  for (std::size_t i = 0; i < files.size(); ++i) {
    const RunOutput& f = files[i].run;
    const std::string id = fmt::format("f{}", i + 1);
    const std::string name = files.size() == 1 ? std::string() : files[i].file;
    if (is_trial_file(f)) {
      page.sections.push_back(trial_section(f, name, id));
      continue;
    }
    if (is_forecast_file(f)) page.sections.push_back(forecast_section(f, name, id));
    for (auto& s : run_sections(f, name, id)) page.sections.push_back(std::move(s));
  }
  page.sections.push_back(provenance_section(files));
  return render_report_page(page);
}

}  // namespace labsim::results
