// End-to-end runs of the shipped programme designs: each validates, runs at a small scale, and compares and
// reports against the scenario it extends; the trials run and print their tables.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "run_labsim.hpp"

namespace fs = std::filesystem;
using labsim::testing::run_labsim;
using labsim::testing::slurp;
using labsim::testing::TempDir;

namespace {

struct Design {
  std::string scenario;     // under scenarios/
  std::string parent;       // the scenario it extends, under scenarios/
  std::string parent_args;  // the parent run on the design's calendar, for a comparison month by month
};

// The designs written as programme steps, cohorts with bonuses or grants, or eligibility rules; and the
// firm-centre campaign, which adds an offer of its own.
const std::vector<Design> kDesigns = {
    {"clarification_programme_2020", "baseline_2011", "--set run.start=2020-12-01 --set run.months=24"},
    {"job_rotation_day_one", "baseline_2011", ""},
    {"payment_by_results", "baseline_2011", "--set run.start=2021-01-01 --set run.months=24"},
    {"firm_centre_campaign", "baseline_2011", ""}};

const std::vector<std::string> kTrials = {"hig1_early_intervention", "early_intervention_4arms"};

// A run of scenarios/SCENARIO.toml at scale 0.05 with 2 replications (and ARGS), into FILE_NAME.h5.
std::string small_run(const std::string& scenario, const TempDir& dir, const std::string& args = "",
                      const std::string& file_name = "") {
  const fs::path file = dir.path() / ((file_name.empty() ? scenario : file_name) + ".h5");
  const auto r = run_labsim(
      "run scenarios/" + scenario + ".toml --scale 0.05 --replications 2 -q " + args + " -o " + file.string(),
      dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(file));
  return file.string();
}

}  // namespace

TEST_CASE("programme designs: each validates, runs small, and compares and reports against its parent",
          "[e2e]") {
  TempDir dir;
  std::map<std::string, std::string> parents;  // each parent and calendar runs once
  for (const Design& d : kDesigns) {
    INFO(d.scenario);
    const std::string key = d.parent + " " + d.parent_args;
    if (!parents.contains(key))
      parents[key] = small_run(d.parent, dir, d.parent_args, "parent_" + std::to_string(parents.size()));
    const std::string& parent = parents[key];
    const auto valid = run_labsim("validate scenarios/" + d.scenario + ".toml", dir);
    INFO(valid.err);
    CHECK(valid.exit_code == 0);
    CHECK(valid.out.find("scenarios/" + d.scenario + ".toml: valid") != std::string::npos);

    const std::string run = small_run(d.scenario, dir);
    const auto table = run_labsim("compare " + parent + " " + run, dir);
    INFO(table.err);
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("labour_reserve") != std::string::npos);

    const std::string html = (dir.path() / (d.scenario + ".html")).string();
    const auto report = run_labsim("report " + parent + " " + run + " -q -o " + html, dir);
    INFO(report.err);
    CHECK(report.exit_code == 0);
    CHECK(slurp(html).find("id=\"comparison\"") != std::string::npos);
  }
}

TEST_CASE("programme designs: the early-intervention trials validate, run small and print their tables",
          "[e2e][trial]") {
  TempDir dir;
  for (const std::string& trial : kTrials) {
    INFO(trial);
    const std::string path = "scenarios/trials/" + trial + ".toml";
    const auto valid = run_labsim("validate " + path, dir);
    INFO(valid.err);
    CHECK(valid.exit_code == 0);
    const auto md = run_labsim(
        "trial " + path + " --scale 0.2 -r 1 --format md -o " + (dir.path() / (trial + ".h5")).string(), dir);
    INFO(md.err);
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.find("| arm | randomized | exempted | received the protocol |") != std::string::npos);
    CHECK(md.out.find("\n| control | ") != std::string::npos);
    CHECK(md.out.find("| self_sufficient_week_26 (primary) |") != std::string::npos);
  }
}
