// End-to-end runs of `labsim calibrate`: the calibrated scenario validates and extends the original, the
// report's JSON, and bad input (a --fit key the scenario does not have, a broken observed CSV) exiting 2.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "run_labsim.hpp"

using labsim::testing::run_labsim;
using labsim::testing::slurp;
using labsim::testing::TempDir;

namespace {

const std::string kBaseline = "scenarios/baseline_2011.toml";
const std::string kObserved = "scenarios/data/nordjylland_observed_2010.csv";
// Fitted on the Markov twin; checked on the simulator at a small scale, so the test stays fast.
const std::string kQuick = " --scale 0.1 --verify-replications 2 -j 2 --max-evaluations 12";
const std::string kOfferProbability = "states.insured_unemployed.follow_up.offer_probability";

}  // namespace

TEST_CASE("labsim calibrate: the calibrated scenario validates, extends the original and holds the fit",
          "[e2e]") {
  TempDir dir;
  const auto out = dir.path() / "calibrated.toml";
  const auto report = dir.path() / "report.json";
  const auto r =
      run_labsim("calibrate " + kBaseline + " --observed " + kObserved + " --fit " + kOfferProbability +
                     kQuick + " --format json --report " + report.string() + " -o " + out.string(),
                 dir);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  const auto j = nlohmann::json::parse(slurp(report));
  REQUIRE(j["parameters"].size() == 1);
  CHECK(j["parameters"][0]["key"] == kOfferProbability);
  CHECK(j["parameters"][0]["transform"] == "logit");
  CHECK(j["statistics"].size() == 11);
  CHECK(j["verification_replications"] == 2);
  CHECK(j["evaluator"] == "fitted on the Markov twin");
  const double fitted = j["parameters"][0]["fitted"];
  CHECK(fitted > 0);
  CHECK(fitted < 1);

  const std::string text = slurp(out);
  const auto relative =
      std::filesystem::relative(std::filesystem::path(LABSIM_SOURCE_DIR) / kBaseline, dir.path());
  CHECK(text.find("extends = \"" + relative.generic_string() + "\"") != std::string::npos);
  // Both write the shortest text that reads back exactly.
  CHECK(text.find(kOfferProbability + " = " + j["parameters"][0]["fitted"].dump()) != std::string::npos);
  const auto v = run_labsim("validate " + out.string(), dir);
  INFO(v.err);
  CHECK(v.exit_code == 0);
  // Nothing half-written is left behind: only the two files asked for and the captured output.
  const std::set<std::string> expected = {"calibrated.toml", "report.json", "stdout.txt", "stderr.txt"};
  const auto entries = dir.entries();
  CHECK(std::set<std::string>(entries.begin(), entries.end()) == expected);
}

TEST_CASE("labsim calibrate: a key the scenario does not have exits 2 naming it", "[e2e]") {
  TempDir dir;
  const auto out = dir.path() / "c.toml";
  const auto r =
      run_labsim("calibrate " + kBaseline + " --observed " + kObserved +
                     " --fit states.insured_unemployed.follow_up.offer_probabilty -o " + out.string(),
                 dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.starts_with("labsim: error: --fit states.insured_unemployed.follow_up.offer_probabilty: "));
  CHECK(labsim::testing::lines(r.err) == 1);
  CHECK(r.out.empty());
  CHECK(dir.entries().size() == 2);  // only the captured stdout and stderr

  const auto text = run_labsim(
      "calibrate " + kBaseline + " --observed " + kObserved + " --fit name -o " + out.string(), dir);
  CHECK(text.exit_code == 2);
  CHECK(text.err == "labsim: error: --fit name: name is a string in " + kBaseline + ", not a number\n");

  const auto range = run_labsim("calibrate " + kBaseline + " --observed " + kObserved + " --fit " +
                                    kOfferProbability + "=1.5 -o " + out.string(),
                                dir);
  CHECK(range.exit_code == 2);
  CHECK(range.err ==
        "labsim: error: --fit " + kOfferProbability +
            "=1.5: start value 1.5 must lie strictly between 0 and 1 (the key is fitted on a logit scale)\n");
}

TEST_CASE("labsim calibrate: a broken observed CSV exits 2 naming file, line and column", "[e2e]") {
  TempDir dir;
  const auto csv = dir.path() / "observed.csv";
  std::ofstream(csv) << "# observed\nstatistic,jobcentre,state_or_group,window,from,to,value,sd\n"
                        "company_based_share,,insured_unemployed,,2011-01,2011-08,62,3\n"
                        "company_based_share,,insured_unemployed,,2011-01,2011-08,62,-3\n";
  const auto out = dir.path() / "c.toml";
  const auto r = run_labsim("calibrate " + kBaseline + " --observed " + csv.string() + " --fit " +
                                kOfferProbability + " -o " + out.string(),
                            dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "labsim: error: " + csv.string() + ":4: column 'sd': -3 must be > 0 (it sets the weight 1/sd^2)\n");
  CHECK_FALSE(std::filesystem::exists(out));
}
