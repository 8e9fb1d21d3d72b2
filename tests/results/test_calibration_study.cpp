// Tests of the calibration study: planted values recovered on a toy scenario, the --fit keys resolved
// against it, and every evaluation compiled from the document in memory rather than the files on disk.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/stats/calibration_statistics.hpp"
#include "results/stats/calibration_study.hpp"
#include "sim/input_error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace labsim;
using results::FitParameter;

namespace {

const fs::path kFixtures = LABSIM_SOURCE_DIR "/tests/data/scenarios";
const std::vector<std::string> kPlanted = {"calibration.exit_multiplier.unemployed=1.3",
                                           "calibration.exit_multiplier.employed=0.7"};
const std::vector<std::string> kFitted = {"calibration.exit_multiplier.unemployed",
                                          "calibration.exit_multiplier.employed"};

// The test fixture tiny.toml with its jobcentre table, copied into a fresh folder together with a scenario
// that extends it: three files the document must hold.
class ToyScenario {
 public:
  ToyScenario() {
    fs::copy_file(kFixtures / "tiny.toml", dir_.path() / "tiny.toml");
    fs::copy_file(kFixtures / "tiny.csv", dir_.path() / "tiny.csv");
    std::ofstream(path()) << "extends = \"tiny.toml\"\nname = \"toy\"\n[run]\nmonths = 10\n";
  }
  [[nodiscard]] fs::path path() const { return dir_.path() / "toy.toml"; }
  [[nodiscard]] const fs::path& folder() const { return dir_.path(); }
  void remove_files() const {
    for (const char* name : {"toy.toml", "tiny.toml", "tiny.csv"}) REQUIRE(fs::remove(dir_.path() / name));
  }

 private:
  testing::TempDir dir_;
};

// Stocks of the unemployed and the employed over two windows each, as the twin measures them with the
// planted multipliers; each known to 1%.
std::vector<results::ObservedStatistic> planted_statistics(const ToyScenario& toy) {
  const models::Model model(models::load_scenario(toy.path(), kPlanted), 1.0);
  const fs::path csv = toy.folder() / "observed.csv";
  std::ofstream(csv) << "statistic,jobcentre,state_or_group,window,from,to,value,sd\n"
                        "stock,,unemployed,,2020-02,2020-04,0,1\n"
                        "stock,,unemployed,,2020-06,2020-08,0,1\n"
                        "stock,,employed,,2020-02,2020-04,0,1\n"
                        "stock,,employed,,2020-06,2020-08,0,1\n";
  std::vector<results::ObservedStatistic> observed = results::read_observed(csv, model);
  fs::remove(csv);
  const models::TwinResult twin = models::run_twin(model);
  std::vector<models::MonthlyCounts> counts;
  for (const models::TwinJobcentre& jc : twin.jobcentres) counts.push_back(jc.monthly);
  const std::vector<double> values = results::measure(model, counts, observed);
  for (std::size_t i = 0; i < observed.size(); ++i) {
    observed[i].value = values[i];
    observed[i].sd = 0.01 * values[i];
  }
  return observed;
}

results::CalibrationOptions on_twin() {
  results::CalibrationOptions options;
  options.fit_on = results::FitOn::twin;
  options.verify_replications = 0;
  options.threads = 1;
  return options;
}

}  // namespace

TEST_CASE("calibration_study: recovers planted exit multipliers on the Markov twin", "[results]") {
  // The data are the twin's own expected values at (1.3, 0.7), so the objective is exactly zero there and
  // smooth around it. From the start (1, 1), Levenberg-Marquardt stops when a step changes the sum of squares
  // or the parameters by less than 1e-10 relative; the forward-difference slopes (step 1e-6) leave the
  // optimum a little off, far below the tolerance of 1e-6 relative used here.
  const ToyScenario toy;
  const auto document = models::ScenarioDocument::read(toy.path());
  results::CalibrationInputs inputs;
  inputs.observed = planted_statistics(toy);
  inputs.parameters = results::fit_parameters(document, {}, kFitted);
  REQUIRE(inputs.parameters.size() == 2);
  CHECK(inputs.parameters[0].start == 1);  // a multiplier not written starts at 1
  CHECK(inputs.parameters[0].transform == results::Transform::log);

  const results::CalibrationResult result = results::calibrate(document, inputs, on_twin());
  INFO(result.fit.status);
  CHECK(result.fit.converged);
  CHECK(result.fit.values[0] == Approx(1.3).epsilon(1e-6));
  CHECK(result.fit.values[1] == Approx(0.7).epsilon(1e-6));
  CHECK(result.fit.chi_square < 1e-8);
  CHECK(result.fit.rejected_evaluations == 0);
  CHECK(result.scenario_name == "toy");
  CHECK(result.evaluator == "fitted on the Markov twin");
  CHECK(result.verification.replications == 0);
}

TEST_CASE("calibration_study: evaluations compile the document in memory, not the files on disk",
          "[results]") {
  // The same study twice, the second time with the scenario, the file it extends and its jobcentre table
  // deleted after the document was read: every evaluation and the check on the simulator must still run,
  // and give the same numbers bit for bit.
  const ToyScenario toy;
  results::CalibrationInputs inputs;
  inputs.observed = planted_statistics(toy);
  results::CalibrationOptions options = on_twin();
  options.verify_replications = 2;
  options.max_evaluations = 20;

  const auto with_files = models::ScenarioDocument::read(toy.path());
  inputs.parameters = results::fit_parameters(with_files, {}, kFitted);
  const results::CalibrationResult before = results::calibrate(with_files, inputs, options);

  const auto document = models::ScenarioDocument::read(toy.path());
  toy.remove_files();
  REQUIRE_THROWS_AS(models::load_scenario(toy.path()), sim::InputError);
  const results::CalibrationResult after = results::calibrate(document, inputs, options);
  CHECK(after.fit.evaluations == before.fit.evaluations);
  CHECK(after.fit.evaluations > 3);
  CHECK(after.fit.values == before.fit.values);
  CHECK(after.verification.replications == 2);
  CHECK(after.verification.mean == before.verification.mean);
  CHECK(results::fit_parameters(document, {}, kFitted)[1].key == kFitted[1]);
}

TEST_CASE("calibration_study: --fit keys start from the scenario and are checked before any work",
          "[results]") {
  const ToyScenario toy;
  const auto document = models::ScenarioDocument::read(toy.path());
  const auto only = [&](const std::string& spec, const std::vector<std::string>& set = {}) {
    return results::fit_parameters(document, set, {spec}).front();
  };
  const FitParameter probability = only("states.unemployed.follow_up.offer_probability");
  CHECK(probability.start == 0.5);  // as tiny.toml writes it
  CHECK(probability.transform == results::Transform::logit);
  CHECK(only("offers.course.places").start == 100);
  CHECK(only("offers.course.duration_weeks=3").start == 3);

  const auto error_of = [&](const std::vector<std::string>& specs, const std::vector<std::string>& set = {}) {
    try {
      results::fit_parameters(document, set, specs);
    } catch (const sim::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(
      error_of({"offers.course.duration_weeks=-1"}) ==
      "--fit offers.course.duration_weeks=-1: start value -1 must be > 0 (the key is fitted on a log scale)");
  CHECK(error_of({"offers.course.duration_weeks=six"}) ==
        "--fit offers.course.duration_weeks=six: start value 'six' is not a number");
  CHECK(error_of({"offers.course.duration_weeks"}, {"offers.course.duration_weeks=4"}) ==
        "--fit offers.course.duration_weeks: the key is also given with --set; fit it or set it, not both");
  CHECK(error_of({"offers.course.duration_weeks", "offers.course.duration_weeks=2"}) ==
        "--fit offers.course.duration_weeks: the key is given twice");
  CHECK(error_of({"states.unemployed.follow_up.deadline_compliance"}) ==
        "--fit states.unemployed.follow_up.deadline_compliance: "
        "states.unemployed.follow_up.deadline_compliance "
        "is not set in " +
            toy.path().string() +
            " (nor in a file it extends); give a start value, --fit "
            "states.unemployed.follow_up.deadline_compliance=START");
  CHECK(error_of({"offers.course.placs"})
            .starts_with("--fit offers.course.placs: --set offers.course.placs=1: "));
}
