// End-to-end runs of the labsim executable: result files, determinism across threads, and bad input.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "results/file/h5_reader.hpp"
#include "run_labsim.hpp"

namespace fs = std::filesystem;
using labsim::testing::lines;
using labsim::testing::run_labsim;
using labsim::testing::slurp;
using labsim::testing::TempDir;

TEST_CASE("labsim run: the baseline writes a labelled, self-describing result file", "[e2e]") {
  TempDir dir;
  const fs::path file = dir.path() / "baseline.h5";
  const auto r =
      run_labsim("run scenarios/baseline.toml --scale 0.02 --replications 2 -o " + file.string(), dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Results: " + file.string()) != std::string::npos);
  CHECK(r.out.find("insured_unemployed") != std::string::npos);

  const auto result = labsim::results::read_result_file(file);
  const auto stock = labsim::results::read_array(file, "stock");
  CHECK(stock.dims == std::vector<std::string>{"replication", "month", "jobcentre", "state", "group"});
  CHECK(stock.units == "full-time persons");
  CHECK(result.provenance.replications == 2);
  CHECK(result.provenance.seed == 2011);
  CHECK(result.provenance.scale == 0.02);
  CHECK(result.provenance.scenario_text.find("[offers.internship]") != std::string::npos);
  CHECK(!result.provenance.labsim_version.empty());
  for (const char* name : {"stock_mean", "stock_low95", "stock_high95", "flows", "inflow", "offer_starts",
                           "offer_full_time", "completed_spells", "persons_at_month_start"}) {
    INFO(name);
    CHECK_NOTHROW(labsim::results::read_array(file, name));
  }
  const auto& jobcentres = result.dimension("jobcentre").labels;
  CHECK(jobcentres.size() == 11);
  CHECK(jobcentres.back() == "Aalborg");
}

TEST_CASE("labsim run: the same seed gives identical datasets at 1 and 2 threads", "[e2e]") {
  TempDir dir;
  const std::string common = "run scenarios/baseline.toml --scale 0.03 --replications 3 --seed 99 -q ";
  REQUIRE(run_labsim(common + "--threads 1 -o " + (dir.path() / "t1.h5").string(), dir).exit_code == 0);
  REQUIRE(run_labsim(common + "--threads 2 -o " + (dir.path() / "t2.h5").string(), dir).exit_code == 0);
  const auto one = labsim::results::read_result_file(dir.path() / "t1.h5");
  const auto two = labsim::results::read_result_file(dir.path() / "t2.h5");
  REQUIRE(one.arrays.size() == two.arrays.size());
  REQUIRE(one.arrays.size() >= 10);
  for (std::size_t i = 0; i < one.arrays.size(); ++i) {
    INFO(one.arrays[i].name);
    CHECK(one.arrays[i].name == two.arrays[i].name);
    // Bit for bit, so that NaN (a share with nobody to measure) compares equal to itself.
    const auto& a = one.arrays[i].values;
    const auto& b = two.arrays[i].values;
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("labsim run: an unknown key gives one line naming file, line and key, exit 2, no file", "[e2e]") {
  TempDir dir;
  const fs::path scenario = dir.path() / "typo.toml";
  std::ofstream(scenario) << "extends = \"" << LABSIM_SOURCE_DIR << "/scenarios/baseline.toml\"\n"
                          << "[offers.internship]\n"
                          << "placse = 800\n";
  const fs::path file = dir.path() / "typo.h5";
  const auto r = run_labsim("run " + scenario.string() + " -o " + file.string(), dir);
  CHECK(r.exit_code == 2);
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find(scenario.string() + ":3:") != std::string::npos);
  CHECK(r.err.find("offers.internship.placse") != std::string::npos);
  CHECK(!fs::exists(file));
  for (const auto& entry : fs::directory_iterator(dir.path())) CHECK(entry.path().extension() != ".h5");
}

TEST_CASE("labsim run: bad command-line values exit with code 2", "[e2e]") {
  TempDir dir;
  CHECK(run_labsim("run scenarios/baseline.toml --scale -1", dir).exit_code == 2);
  CHECK(run_labsim("run scenarios/baseline.toml --replications 0", dir).exit_code == 2);
  CHECK(run_labsim("run", dir).exit_code == 2);
  const auto missing = run_labsim("run scenarios/no_such_file.toml", dir);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("scenarios/no_such_file.toml") != std::string::npos);
  const auto bad_set =
      run_labsim("run scenarios/baseline.toml --set offers.internship.places=-5 -o x.h5", dir);
  CHECK(bad_set.exit_code == 2);
  CHECK(bad_set.err.find("offers.internship.places") != std::string::npos);
  const auto no_folder = run_labsim("run scenarios/baseline.toml -o /nonexistent/folder/x.h5", dir);
  CHECK(no_folder.exit_code == 2);
  CHECK(no_folder.err.find("/nonexistent/folder") != std::string::npos);
}

TEST_CASE("labsim validate and --version answer without simulating", "[e2e]") {
  TempDir dir;
  const auto v = run_labsim("validate scenarios/baseline.toml", dir);
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("11 jobcentres") != std::string::npos);
  const auto version = run_labsim("--version", dir);
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("labsim ", 0) == 0);
}
