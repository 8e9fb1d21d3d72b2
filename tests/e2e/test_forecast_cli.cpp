// End-to-end runs of `labsim forecast` on the shipped North Jutland 2011 plans: the JSON an analyst's tools
// read, the result file, and bad input.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "results/file/h5_reader.hpp"
#include "run_labsim.hpp"

using labsim::testing::run_labsim;
using labsim::testing::TempDir;

namespace {

const std::string kForecast =
    "forecast scenarios/baseline_2011.toml --targets scenarios/data/nordjylland_targets_2011.csv "
    "--region scenarios/data/nordjylland_region_2011.csv --scale 0.05 -r 12 -j 2";

}  // namespace

TEST_CASE("labsim forecast: 11 jobcentres and the region x 4 targets, bands in order", "[e2e][forecast]") {
  TempDir dir;
  const auto r = run_labsim(kForecast + " --format json", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["target_month"] == "2011-12");
  CHECK(j["replications"] == 12);
  std::map<std::string, std::set<std::string>>
      indicators;  // area -> indicators, plans of jobcentres and sums
  int council_rows = 0;
  for (const auto& row : j["rows"]) {
    for (const char* key : {"jobcentre", "indicator", "plan", "forecast", "low80", "high80", "low95",
                            "high95", "p_meet", "observed", "verdict"})
      REQUIRE(row.contains(key));
    CHECK(row["low95"].get<double>() <= row["low80"].get<double>());
    CHECK(row["low80"].get<double>() <= row["forecast"].get<double>());
    CHECK(row["forecast"].get<double>() <= row["high80"].get<double>());
    CHECK(row["high80"].get<double>() <= row["high95"].get<double>());
    REQUIRE(row["p_meet"].is_number());  // every shipped plan has a value
    CHECK(row["p_meet"].get<double>() >= 0);
    CHECK(row["p_meet"].get<double>() <= 1);
    if (row["plan_source"] == "council_target") {
      ++council_rows;
      continue;
    }
    indicators[row["jobcentre"]].insert(row["indicator"]);
  }
  CHECK(indicators.size() == 12);
  CHECK(indicators.count("region") == 1);
  CHECK(indicators.count("Læsø") == 1);
  for (const auto& [area, seen] : indicators) CHECK(seen.size() == 4);
  CHECK(council_rows == 4);
}

TEST_CASE("labsim forecast -o writes the run and the forecast datasets, and no temporary file",
          "[e2e][forecast]") {
  TempDir dir;
  const auto file = dir.path() / "f.h5";
  const auto r = run_labsim(kForecast + " --format csv -q -o " + file.string(), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(
      r.out.find("jobcentre,indicator,plan_source,plan,observed,forecast,low80,high80,low95,high95,p_meet") !=
      std::string::npos);
  const auto summary = labsim::results::read_array(file, "forecast");
  CHECK(summary.dims == std::vector<std::string>{"area", "indicator", "statistic"});
  CHECK(summary.values.size() == 12 * 4 * 7);
  CHECK(summary.units == "full-time persons");
  const auto levels = labsim::results::read_array(file, "forecast_level");
  CHECK(levels.dims == std::vector<std::string>{"replication", "area", "indicator"});
  CHECK(levels.values.size() == 12 * 12 * 4);
  CHECK(labsim::results::read_array(file, "forecast_p_meet").values.size() == 12 * 4);
  CHECK(labsim::results::read_array(file, "council_target").values.size() == 4);
  CHECK(labsim::results::read_array(file, "labour_reserve").dims.front() == "replication");  // the run too
  const auto out = labsim::results::read_result_file(file);
  CHECK(out.dimension("area").labels.back() == "region");
  CHECK(out.extra_attributes.at("forecast_target_month") == "2011-12");
  // Only the result file and the captured output remain.
  std::set<std::string> entries;
  for (const auto& e : dir.entries()) entries.insert(e);
  CHECK(entries == std::set<std::string>{"f.h5", "stdout.txt", "stderr.txt"});
}

TEST_CASE("labsim forecast: bad input is one line naming the file, exit code 2, no output",
          "[e2e][forecast]") {
  TempDir dir;
  const auto bad_csv = dir.path() / "targets.csv";
  {
    std::ofstream out(bad_csv);
    out << "jobcentre,target_1_plan_2011\nAalborg,12x\n";
  }
  const auto file = dir.path() / "f.h5";
  const std::string tail = " --scale 0.05 -r 2 -o " + file.string();
  const auto bad_number =
      run_labsim("forecast scenarios/baseline_2011.toml --targets " + bad_csv.string() + tail, dir);
  CHECK(bad_number.exit_code == 2);
  CHECK(bad_number.err ==
        "labsim: error: " + bad_csv.string() + ":2: column 'target_1_plan_2011' = \"12x\" is not a number\n");
  CHECK(bad_number.out.empty());

  const auto missing = run_labsim("forecast scenarios/baseline_2011.toml --targets nowhere.csv" + tail, dir);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nowhere.csv: cannot open file") != std::string::npos);

  const auto outside = run_labsim(
      "forecast scenarios/baseline_2011.toml --targets "
      "scenarios/data/nordjylland_targets_2011.csv --target-month 2013-01" +
          tail,
      dir);
  CHECK(outside.exit_code == 2);
  CHECK(outside.err ==
        "labsim: error: scenarios/baseline_2011.toml: the target month 2013-01 is outside the run "
        "(2011-01 to 2012-12); pass --target-month or --set run.months=N\n");

  const auto council = run_labsim(
      "forecast scenarios/baseline_2011.toml --targets "
      "scenarios/data/nordjylland_targets_2011.csv --region "
      "scenarios/data/midtjylland_targets_2012.csv" +
          tail,
      dir);
  CHECK(council.exit_code == 2);
  CHECK(council.err.find("scenarios/data/midtjylland_targets_2012.csv:") != std::string::npos);
  CHECK(labsim::testing::lines(council.err) == 1);

  const auto bad_month = run_labsim(
      "forecast scenarios/baseline_2011.toml --targets "
      "scenarios/data/nordjylland_targets_2011.csv --target-month 2011-13" +
          tail,
      dir);
  CHECK(bad_month.exit_code == 2);
  CHECK(bad_month.err == "labsim: error: --target-month 2011-13: expected YYYY-MM, e.g. 2011-12\n");
  CHECK_FALSE(std::filesystem::exists(file));
}
