// End-to-end runs of `labsim compare`: a planted difference between two runs, a file against itself, and bad
// input.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "results/builders.hpp"
#include "results/file/h5_writer.hpp"
#include "run_labsim.hpp"

namespace fs = std::filesystem;
using labsim::testing::lines;
using labsim::testing::run_labsim;
using labsim::testing::TempDir;

namespace {

// A quick baseline run; `extra` adds options such as --set or --seed.
fs::path run_baseline(const TempDir& dir, const std::string& name, const std::string& extra,
                      int replications = 4) {
  const fs::path file = dir.path() / name;
  const auto r =
      run_labsim(fmt::format("run scenarios/baseline.toml --scale 0.05 --replications {} -q -o {} {}",
                             replications, file.string(), extra),
                 dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return file;
}

nlohmann::json compare_json(const std::string& args, const TempDir& dir) {
  const auto r = run_labsim("compare " + args + " --format json", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

// A small file that `labsim run` could have written, with the given months and jobcentres.
fs::path synthetic(const TempDir& dir, const std::string& name, std::vector<std::string> months,
                   std::vector<std::string> jobcentres) {
  using namespace labsim::testing;
  labsim::results::RunOutput out;
  const std::size_t M = months.size(), J = jobcentres.size();
  out.dimensions = {numeric("replication", {0, 1}), labelled("month", std::move(months)),
                    labelled("jobcentre", std::move(jobcentres))};
  out.arrays = {array("labour_reserve", {{"replication", 2}, {"month", M}, {"jobcentre", J}},
                      std::vector<double>(2 * M * J, 1.0), "full-time persons")};
  out.provenance.seed = 1;
  out.provenance.replications = 2;
  const fs::path file = dir.path() / name;
  labsim::results::write_result_file(out, file);
  return file;
}

}  // namespace

TEST_CASE("labsim compare: faster job finding for the young lowers youth on support, paired",
          "[e2e][compare]") {
  TempDir dir;
  const fs::path base = run_baseline(dir, "base.h5", "");
  // Tripling the job-finding hazard of persons under 30 can only shorten their spells on support.
  const fs::path young = run_baseline(dir, "young.h5", "--set covariates.under_30.job_finding=3.0");

  const auto json = compare_json(base.string() + " " + young.string() + " --indicator youth_on_support", dir);
  CHECK(json["reference"]["seed"] == 2011);
  const auto& c = json["comparisons"][0];
  CHECK(c["method"] == "paired");
  REQUIRE(c["rows"].size() == 2);  // 2011 and 2012
  for (const auto& row : c["rows"]) {
    INFO(row.dump());
    CHECK(row["indicator"] == "youth_on_support");
    CHECK(row["difference"].get<double>() < 0);
    CHECK(row["ci_high"].get<double>() < 0);
    CHECK(row["ci_low"].get<double>() <= row["difference"].get<double>());
  }

  const auto table =
      run_labsim("compare " + base.string() + " " + young.string() + " --indicator youth_on_support", dir);
  CHECK(table.exit_code == 0);
  CHECK(table.out.find(
            "common random numbers: same seed 2011, 4 replications, scale 0.05 -> paired differences") !=
        std::string::npos);
  CHECK(table.out.find("youth_on_support (full-time persons, mean per month over the period)") !=
        std::string::npos);

  // Another seed makes the runs independent.
  const fs::path other_seed = run_baseline(dir, "seed7.h5", "--seed 7");
  const auto welch =
      compare_json(base.string() + " " + other_seed.string() + " --indicator youth_on_support", dir);
  CHECK(welch["comparisons"][0]["method"] == "welch");
}

TEST_CASE("labsim compare: a file against itself differs by exactly zero in every row", "[e2e][compare]") {
  TempDir dir;
  const fs::path base = run_baseline(dir, "base.h5", "", 3);
  const auto json = compare_json(base.string() + " " + base.string(), dir);
  const auto& rows = json["comparisons"][0]["rows"];
  int with_values = 0;
  for (const auto& row : rows) {
    if (row["reference"].is_null()) {
      // Nobody to measure, in both files alike.
      CHECK(row["value"].is_null());
      CHECK(row["difference"].is_null());
      continue;
    }
    INFO(row.dump());
    ++with_values;
    CHECK(row["difference"].get<double>() == 0.0);
    CHECK(row["ci_low"].get<double>() == 0.0);
    CHECK(row["ci_high"].get<double>() == 0.0);
  }
  CHECK(with_values > 100);  // every indicator, over 2 years, percent ones by state
}

TEST_CASE("labsim compare: -o writes the output to a file and nothing else", "[e2e][compare]") {
  TempDir dir;
  const fs::path a = synthetic(dir, "a.h5", {"2011-01-01", "2011-02-01"}, {"Aalborg", "Morsø"});
  const fs::path out = dir.path() / "diff.csv";
  const auto r =
      run_labsim("compare " + a.string() + " " + a.string() + " --format csv -o " + out.string(), dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  std::ifstream in(out);
  std::string header;
  std::getline(in, header);
  CHECK(header ==
        "file,indicator,units,period,reference,value,difference,ci_low,ci_high,relative_percent,method");
  for (const auto& name : dir.entries()) CHECK(name.find(".tmp") == std::string::npos);
}

TEST_CASE("labsim compare: bad input exits with code 2 and one line naming the file", "[e2e][compare]") {
  TempDir dir;
  const fs::path a = synthetic(dir, "a.h5", {"2011-01-01", "2011-02-01"}, {"Aalborg", "Morsø"});

  const auto missing = run_labsim("compare " + a.string() + " no_such_file.h5", dir);
  CHECK(missing.exit_code == 2);
  CHECK(lines(missing.err) == 1);
  CHECK(missing.err == "labsim: error: no_such_file.h5: no such file\n");

  const fs::path text = dir.path() / "notes.h5";
  std::ofstream(text) << "not an HDF5 file\n";
  const auto not_hdf5 = run_labsim("compare " + a.string() + " " + text.string(), dir);
  CHECK(not_hdf5.exit_code == 2);
  CHECK(not_hdf5.err == "labsim: error: " + text.string() + ": not an HDF5 file\n");

  const fs::path other_months = synthetic(dir, "c.h5", {"2012-01-01", "2012-02-01"}, {"Aalborg", "Morsø"});
  const auto months = run_labsim("compare " + a.string() + " " + other_months.string(), dir);
  CHECK(months.exit_code == 2);
  CHECK(lines(months.err) == 1);
  CHECK(months.err.find(other_months.string()) != std::string::npos);
  CHECK(months.err.find("dimension \"month\"") != std::string::npos);
}

TEST_CASE("labsim compare: files with other jobcentres are compared, naming what only one has",
          "[e2e][compare]") {
  TempDir dir;
  const fs::path a = synthetic(dir, "a.h5", {"2011-01-01", "2011-02-01"}, {"Aalborg", "Morsø"});
  const fs::path b = synthetic(dir, "b.h5", {"2011-01-01", "2011-02-01"}, {"Aalborg", "Thisted"});
  const auto r = run_labsim("compare " + a.string() + " " + b.string() + " --format csv", dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("# jobcentre Morsø: only in " + a.string() + " (counted as 0 in " + b.string() + ")") !=
        std::string::npos);
  CHECK(r.out.find("# jobcentre Thisted: only in " + b.string() + " (counted as 0 in " + a.string() + ")") !=
        std::string::npos);
}

TEST_CASE("labsim compare and report: a scenario that adds an offer against its parent", "[e2e][compare]") {
  TempDir dir;
  const auto run = [&](const std::string& scenario) {
    const fs::path file = dir.path() / (scenario + ".h5");
    const auto r = run_labsim(
        fmt::format("run scenarios/{}.toml --scale 0.05 --replications 2 -q -o {}", scenario, file.string()),
        dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return file.string();
  };
  const std::string base = run("baseline_2011"), firm = run("firm_centre_campaign");

  const auto table = run_labsim("compare " + base + " " + firm, dir);
  INFO(table.err);
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("offer firm_centre: only in " + firm + " (counted as 0 in " + base + ")") !=
        std::string::npos);
  CHECK(table.out.find("offer_starts (persons per month") != std::string::npos);

  const std::string html = (dir.path() / "report.html").string();
  const auto report = run_labsim("report " + base + " " + firm + " -q -o " + html, dir);
  INFO(report.err);
  CHECK(report.exit_code == 0);
  const std::string page = labsim::testing::slurp(html);
  CHECK(page.find("id=\"comparison\"") != std::string::npos);
  CHECK(page.find("offer firm_centre: only in") != std::string::npos);
}

TEST_CASE("labsim compare: bad options exit with code 2", "[e2e][compare]") {
  TempDir dir;
  const fs::path a = synthetic(dir, "a.h5", {"2011-01-01", "2011-02-01"}, {"Aalborg", "Morsø"});
  const std::string both = a.string() + " " + a.string();
  CHECK(run_labsim("compare " + a.string(), dir).exit_code == 2);  // one file has nothing to compare with
  CHECK(run_labsim("compare " + both + " --period weekly", dir).exit_code == 2);
  CHECK(run_labsim("compare " + both + " --format xlsx", dir).exit_code == 2);
  const auto indicator = run_labsim("compare " + both + " --indicator labour_reserv", dir);
  CHECK(indicator.exit_code == 2);
  CHECK(lines(indicator.err) == 1);
  CHECK(indicator.err.find("--indicator labour_reserv") != std::string::npos);
  const auto by = run_labsim("compare " + both + " --by region", dir);
  CHECK(by.exit_code == 2);
  CHECK(by.err.find("--by region") != std::string::npos);
  const auto folder = run_labsim("compare " + both + " -o /nonexistent/folder/x.csv", dir);
  CHECK(folder.exit_code == 2);
  CHECK(folder.err.find("/nonexistent/folder") != std::string::npos);
}
