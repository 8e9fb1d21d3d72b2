// Tests for ScenarioDocument: a scenario read once and compiled with overrides gives what load_scenario gives
// (values and error messages), from memory, after its files are gone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_number.hpp"
#include "sim/input_error.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Message;
using labsim::models::load_scenario;
using labsim::models::Scenario;
using labsim::models::ScenarioDocument;
using labsim::sim::InputError;

const std::string kDir = LABSIM_SOURCE_DIR "/tests/data/scenarios/";

}  // namespace

TEST_CASE("scenario_document: compiles as load_scenario reads, with and without overrides", "[models]") {
  const std::string child = kDir + "child.toml";
  const ScenarioDocument document = ScenarioDocument::read(child);
  CHECK(document.path() == child);
  for (const std::vector<std::string>& overrides :
       {std::vector<std::string>{}, {"offers.course.places=800", "run.months = 6", "name=My scenario"}}) {
    const Scenario from_memory = document.compile(overrides);
    const Scenario from_files = load_scenario(child, overrides);
    CHECK(from_memory.resolved_text == from_files.resolved_text);
    CHECK(from_memory.name == from_files.name);
    CHECK(from_memory.run.months == from_files.run.months);
    CHECK(from_memory.offers[0].places == from_files.offers[0].places);
    CHECK(from_memory.jobcentres_path == from_files.jobcentres_path);
    REQUIRE(from_memory.jobcentres.size() == 2);
    CHECK(from_memory.jobcentres[1].initial_persons == from_files.jobcentres[1].initial_persons);
    CHECK(from_memory.transitions[2].source_line == 12);  // sources survive: the child's line
  }
  CHECK(document.compile({"run.months=6"}).run.months == 6);
  CHECK(document.compile().run.months == 24);  // an earlier compile's overrides do not stay behind
}

TEST_CASE("scenario_document: errors name file, line and key as load_scenario's do", "[models]") {
  const ScenarioDocument document = ScenarioDocument::read(kDir + "tiny.toml");
  CHECK_THROWS_MATCHES(
      document.compile({"offers.course.placs=800"}), InputError,
      Message("--set offers.course.placs=800: unknown key 'offers.course.placs' (did you mean 'places'?)"));
  CHECK_THROWS_MATCHES(document.compile({"offers.course.places=-5"}), InputError,
                       Message("--set offers.course.places=-5: offers.course.places = -5 must be >= 0"));
  // Reading checks the scenario: the loader's message, naming the parent file and its line.
  CHECK_THROWS_MATCHES(ScenarioDocument::read(kDir + "child_of_bad_parent.toml"), InputError,
                       Message(kDir + "bad_parent.toml:5: offers.course.places = -1 must be >= 0"));
  const ScenarioDocument bad_csv = ScenarioDocument::read(kDir + "tiny.toml");
  CHECK_THROWS_MATCHES(bad_csv.compile({"population.jobcentres=" + kDir + "bad_number.csv"}), InputError,
                       Message(kDir + "bad_number.csv:3: column 'unemployed' = \"abc\" is not a number"));
}

TEST_CASE("scenario_document: compiles from memory once its files are gone", "[models]") {
  labsim::testing::TempDir dir;
  for (const char* name : {"tiny.toml", "tiny.csv", "child.toml"}) {
    fs::copy_file(kDir + name, dir.path() / name);
  }
  const fs::path child = dir.path() / "child.toml";
  const ScenarioDocument document = ScenarioDocument::read(child, {"run.months=3"});
  const std::string expected = load_scenario(child, {"offers.course.places=7"}).resolved_text;
  for (const char* name : {"tiny.toml", "tiny.csv", "child.toml"}) REQUIRE(fs::remove(dir.path() / name));

  CHECK_THROWS_AS(load_scenario(child), InputError);
  const Scenario s = document.compile({"offers.course.places=7"});
  CHECK(s.resolved_text == expected);
  CHECK(s.jobcentres.size() == 2);
  CHECK(labsim::models::scenario_number(document, {}, "run.months", "test") == 24);
  CHECK(labsim::models::scenario_number(document, {"run.months=5"}, "run.months", "test") == 5);
  // A file the document does not hold is looked for on disk, and its absence named.
  CHECK_THROWS_WITH(document.compile({"population.jobcentres=" + (dir.path() / "other.csv").string()}),
                    Catch::Matchers::StartsWith((dir.path() / "other.csv").string() + ": cannot open file"));
}
