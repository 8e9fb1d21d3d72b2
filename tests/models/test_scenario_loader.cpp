// Tests for load_scenario: the shipped baseline, extends, --set, and the exact text of each kind of error.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "sim/input_error.hpp"

namespace {

using Catch::Matchers::Message;
using labsim::models::load_scenario;
using labsim::models::Scenario;
using labsim::sim::InputError;

// Fixtures are loaded by absolute path, so that is the path every message starts with.
const std::string kDir = LABSIM_SOURCE_DIR "/tests/data/scenarios/";

std::string fixture(const std::string& name) {
  return kDir + name;
}

}  // namespace

TEST_CASE("scenario_loader: baseline loads with every state, transition, offer and jobcentre", "[models]") {
  const Scenario s = load_scenario(LABSIM_SOURCE_DIR "/scenarios/baseline.toml");
  CHECK(s.name == "North Jutland baseline 2011");
  CHECK(s.run.start ==
        std::chrono::year_month_day{std::chrono::year{2011}, std::chrono::January, std::chrono::day{1}});
  CHECK(s.run.months == 24);
  CHECK(s.run.replications == 10);
  CHECK(s.run.seed == 2011);
  CHECK(s.covariates.non_western.job_finding == 0.75);

  REQUIRE(s.states.size() == 7);
  CHECK(s.states.front().name == "insured_unemployed");  // file order, not alphabetical
  CHECK(s.states.back().name == "retired_or_left");
  CHECK(s.states.back().absorbing);
  CHECK_FALSE(s.states.back().on_support);
  CHECK(s.states[4].name == "permanent_support");
  CHECK_FALSE(s.states[4].has_follow_up);
  CHECK(s.states[4].on_support);
  CHECK(s.states[3].follow_up.normal.offer_mix.at("guidance_upskilling") == 0.6);

  REQUIRE(s.transitions.size() == 17);
  CHECK(s.transitions.front().from == "insured_unemployed");
  CHECK(s.transitions.front().to == "self_sufficient");
  CHECK(s.transitions.front().job_finding);
  CHECK(s.transitions.front().hazard_per_month.size() == 5);
  CHECK(s.transitions.back().to == "cash_job_ready");
  REQUIRE(s.states.front().benefit_limit.has_value());
  CHECK(s.states.front().benefit_limit->max_weeks == 104);
  CHECK(s.states.front().benefit_limit->to.at("cash_job_ready") == 1.0);

  REQUIRE(s.offers.size() == 5);
  CHECK(s.offers.front().name == "internship");
  CHECK(s.offers.back().name == "job_search_course");

  REQUIRE(s.jobcentres.size() == 11);
  CHECK(s.jobcentres_path == LABSIM_SOURCE_DIR "/scenarios/data/nordjylland_jobcentres.csv");
  CHECK(s.jobcentres.front().name == "Brønderslev");
  CHECK(s.jobcentres.back().name == "Aalborg");
  CHECK(s.jobcentres.back().initial_persons.at("sick_leave") == 2405);
  CHECK(s.jobcentres.back().inflow_per_month.at("sick_leave") == 336.8);
  CHECK(s.jobcentres.back().initial_persons.at("self_sufficient") == 0);  // no column: nobody
  CHECK(s.jobcentres.back().under_30_share == 0.237);
}

TEST_CASE("scenario_loader: defaults fill what a scenario leaves out", "[models]") {
  const Scenario s = load_scenario(fixture("tiny.toml"));
  REQUIRE(s.states.size() == 3);
  CHECK(s.states[1].name == "employed");
  CHECK(s.states[1].label == "employed");
  CHECK_FALSE(s.states[1].absorbing);
  CHECK_FALSE(s.states[1].has_follow_up);
  CHECK(s.description.empty());
  CHECK(s.covariates.under_30.job_finding == 1.0);
  CHECK(s.covariates.non_western.other == 1.0);
  REQUIRE(s.offers.size() == 1);
  CHECK(s.offers[0].lock_in_multiplier == 1.0);
  CHECK(s.offers[0].post_multiplier == 1.0);
  CHECK(s.offers[0].post_months == 0);
  CHECK(s.transitions[1].duration_breaks_months.empty());
  CHECK_FALSE(s.transitions[1].job_finding);
  REQUIRE(s.jobcentres.size() == 2);
  CHECK(s.jobcentres[0].name == "Nord, Syd");
  CHECK(s.jobcentres[0].source_line == 3);
  CHECK(s.jobcentres[1].initial_persons.at("employed") == 25.5);
  CHECK(s.jobcentres[1].non_western_share == 0);
}

TEST_CASE("scenario_loader: a missing file is an input error", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("no_such_file.toml")), InputError,
                       Message(kDir + "no_such_file.toml: cannot open file (No such file or directory)"));
  CHECK_THROWS_MATCHES(load_scenario(fixture("missing_parent.toml")), InputError,
                       Message(kDir + "no_such_parent.toml: cannot open file (No such file or directory)"));
}

TEST_CASE("scenario_loader: a syntax error names its line and toml++'s description", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("syntax_error.toml")), InputError,
                       Message(kDir + "syntax_error.toml:5: syntax error: error while parsing key-value "
                                      "pair: expected value, saw '\\n'"));
}

TEST_CASE("scenario_loader: an unknown key is named in full with the closest known key", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("unknown_key.toml")), InputError,
      Message(kDir +
              "unknown_key.toml:4: unknown key 'states.unemployed.folow_up' (did you mean 'follow_up'?)"));
}

TEST_CASE("scenario_loader: a value of the wrong type names the expected type", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("wrong_type.toml")), InputError,
                       Message(kDir + "wrong_type.toml:4: run.months must be an integer, not a string"));
}

TEST_CASE("scenario_loader: out-of-range values name the rule they break", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("negative_rate.toml")), InputError,
      Message(kDir + "negative_rate.toml:7: transitions[1].hazard_per_month[0] = -0.02 must be >= 0"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("negative_duration.toml")), InputError,
      Message(kDir + "negative_duration.toml:4: offers.course.duration_weeks = -3 must be > 0"));
}

TEST_CASE("scenario_loader: a transition to an undeclared state suggests a declared one", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("unknown_state.toml")), InputError,
                       Message(kDir + "unknown_state.toml:5: transitions[4].to = \"sik\" is not a declared "
                                      "state (did you mean 'sick'?)"));
}

TEST_CASE("scenario_loader: the state graph is checked at load", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("unreachable_state.toml")), InputError,
      Message(kDir + "unreachable_state.toml:4: states.retired is unreachable: no jobcentre has persons or "
                     "inflow in it or in any state that leads to it"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("no_way_out.toml")), InputError,
      Message(kDir + "no_way_out.toml:4: states.training has no way out: add a transition from it or "
                     "declare absorbing = true"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("absorbing_with_way_out.toml")), InputError,
      Message(kDir + "absorbing_with_way_out.toml:5: states.sick is absorbing but transitions[3] leaves "
                     "it: remove the transition or absorbing = true"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("never_offered.toml")), InputError,
      Message(kDir + "never_offered.toml:3: offers.coaching is never offered: give it a weight > 0 "
                     "in an offer_mix in a state it is open to (the state's follow_up, a programme step or a "
                     "trial arm), or remove it"));
}

TEST_CASE("scenario_loader: jobcentre CSV errors name the CSV's line and column", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("bad_csv_number.toml")), InputError,
                       Message(kDir + "bad_number.csv:3: column 'unemployed' = \"abc\" is not a number"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("unknown_csv_column.toml")), InputError,
      Message(kDir + "unknown_column.csv:2: unknown column 'unemploye' (did you mean 'unemployed'?)"));
}

TEST_CASE("scenario_loader: extends inherits, overrides, and replaces transitions by (from, to)",
          "[models]") {
  const Scenario s = load_scenario(fixture("child.toml"));
  CHECK(s.path == fixture("child.toml"));
  CHECK(s.name == "child");  // a name describes one file, so it is not inherited
  CHECK(s.description == "more months, less sickness");
  CHECK(s.run.months == 24);       // overridden
  CHECK(s.run.replications == 2);  // inherited
  CHECK(s.jobcentres_path == fixture("tiny.csv"));
  REQUIRE(s.states.size() == 4);
  CHECK(s.states[0].label == "ledig");
  CHECK(s.states[3].name == "retired");  // the parent's states first, then the child's
  REQUIRE(s.transitions.size() == 5);
  CHECK(s.transitions[2].from == "unemployed");
  CHECK(s.transitions[2].to == "sick");
  CHECK(s.transitions[2].hazard_per_month == std::vector<double>{0.005});
  CHECK(s.transitions[2].source_line == 12);  // the child's [[transitions]], in the parent's place
  CHECK(s.transitions[4].to == "retired");
  CHECK(s.resolved_text.find("extends") == std::string::npos);
  CHECK(s.resolved_text.find("months = 24") != std::string::npos);
  CHECK(s.resolved_text.find("name = 'child'") != std::string::npos);
}

TEST_CASE("scenario_loader: extends a file in another folder through a relative path", "[models]") {
  const Scenario s = load_scenario(fixture("from_baseline.toml"));
  CHECK(s.name == "more internships");
  CHECK(s.jobcentres_path == kDir + "../../../scenarios/data/nordjylland_jobcentres.csv");
  CHECK(s.offers.front().places == 1200);
  CHECK(s.offers.front().duration_weeks == 8);
  CHECK(s.transitions.size() == 17);
}

TEST_CASE("scenario_loader: an error in an inherited value names the parent file", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("child_of_bad_parent.toml")), InputError,
                       Message(kDir + "bad_parent.toml:5: offers.course.places = -1 must be >= 0"));
}

TEST_CASE("scenario_loader: an extends cycle is an error naming the files", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("cycle_a.toml")), InputError,
                       Message(kDir + "cycle_b.toml:2: extends = \"cycle_a.toml\" makes a cycle: " + kDir +
                               "cycle_a.toml -> " + kDir + "cycle_b.toml -> " + kDir + "cycle_a.toml"));
}

TEST_CASE("scenario_loader: --set overrides values after extends", "[models]") {
  const Scenario s =
      load_scenario(fixture("child.toml"), {"offers.course.places=800", "run.months = 6", "name=My scenario",
                                            "states.unemployed.follow_up.offer_probability=0.25"});
  CHECK(s.offers[0].places == 800);
  CHECK(s.run.months == 6);
  CHECK(s.name == "My scenario");  // not TOML, so taken as a string
  CHECK(s.states[0].follow_up.normal.offer_probability == 0.25);
  CHECK(s.resolved_text.find("places = 800") != std::string::npos);
  CHECK(s.resolved_text.find("name = 'My scenario'") != std::string::npos);
}

TEST_CASE("scenario_loader: --set errors name the override instead of a line", "[models]") {
  const std::string tiny = fixture("tiny.toml");
  CHECK_THROWS_MATCHES(
      load_scenario(tiny, {"offers.course.placs=800"}), InputError,
      Message("--set offers.course.placs=800: unknown key 'offers.course.placs' (did you mean 'places'?)"));
  CHECK_THROWS_MATCHES(load_scenario(tiny, {"offers.course.places=-5"}), InputError,
                       Message("--set offers.course.places=-5: offers.course.places = -5 must be >= 0"));
  CHECK_THROWS_MATCHES(load_scenario(tiny, {"run.months=abc"}), InputError,
                       Message("--set run.months=abc: run.months must be an integer, not a string"));
  CHECK_THROWS_MATCHES(load_scenario(tiny, {"run.months"}), InputError,
                       Message("--set run.months: expected key=value, e.g. --set run.months=12"));
}

TEST_CASE("scenario_loader: duration bands must be increasing and match the hazards", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("bad_breaks.toml")), InputError,
                       Message(kDir + "bad_breaks.toml:6: transitions[4].duration_breaks_months[1] = 3 must "
                                      "be > the break before it (6)"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("band_count.toml")), InputError,
      Message(kDir + "band_count.toml:7: transitions[4].hazard_per_month has 1 values but needs 2: one per "
                     "band of duration_breaks_months"));
}

TEST_CASE("scenario_loader: a transition may not loop or repeat a (from, to) pair", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("self_loop.toml")), InputError,
      Message(kDir + "self_loop.toml:5: transitions[4].to = \"sick\" must differ from transitions[4].from"));
  CHECK_THROWS_MATCHES(load_scenario(fixture("duplicate_pair.toml")), InputError,
                       Message(kDir + "duplicate_pair.toml:9: transitions[4] repeats from = \"employed\", to "
                                      "= \"unemployed\" of transitions[1]"));
}

TEST_CASE("scenario_loader: a missing key is reported at its enclosing table", "[models]") {
  CHECK_THROWS_MATCHES(load_scenario(fixture("no_run.toml")), InputError,
                       Message(kDir + "no_run.toml:1: run is required"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("tiny.toml"), {"states.sick.follow_up.offer_probability=0.1"}), InputError,
      Message(
          "--set states.sick.follow_up.offer_probability=0.1: states.sick.follow_up.first_interview_weeks is "
          "required"));
}

TEST_CASE("scenario_loader: run settings are range-checked", "[models]") {
  const std::string tiny = fixture("tiny.toml");
  CHECK_THROWS_MATCHES(
      load_scenario(tiny, {"run.start=2020-01-15"}), InputError,
      Message("--set run.start=2020-01-15: run.start = 2020-01-15 must be the 1st of a month"));
  CHECK_THROWS_MATCHES(load_scenario(tiny, {"run.months=0"}), InputError,
                       Message("--set run.months=0: run.months = 0 must be in [1, 1200]"));
  CHECK_THROWS_MATCHES(load_scenario(tiny, {"run.seed=-1"}), InputError,
                       Message("--set run.seed=-1: run.seed = -1 must be >= 0"));
  CHECK_THROWS_MATCHES(
      load_scenario(tiny, {"run.replications=1.5"}), InputError,
      Message("--set run.replications=1.5: run.replications must be an integer, not a float"));
}

TEST_CASE("scenario_loader: offer_mix names only declared offers", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("tiny.toml"), {"states.unemployed.follow_up.offer_mix.cours=1"}), InputError,
      Message("--set states.unemployed.follow_up.offer_mix.cours=1: "
              "states.unemployed.follow_up.offer_mix.cours is not a declared offer (did you mean "
              "'course'?)"));
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("tiny.toml"), {"states.unemployed.follow_up.offer_mix.course=0"}), InputError,
      Message("--set states.unemployed.follow_up.offer_mix.course=0: "
              "states.unemployed.follow_up.offer_mix needs a weight > 0 because offer_probability "
              "= 0.5 is > 0"));
}

TEST_CASE("scenario_loader: a jobcentre may appear only once", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(fixture("duplicate_jobcentre.toml")), InputError,
      Message(kDir + "duplicate_jobcentre.csv:4: jobcentre 'Nord' appears twice (first on line 2)"));
}
