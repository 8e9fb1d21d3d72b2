// Tests for load_scenario's [trial] table: the shipped trials read as written, the run is sized to the
// trial, and mistakes are reported at their key.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "models/scenario/scenario_loader.hpp"
#include "sim/input_error.hpp"

namespace {

using Catch::Matchers::Contains;
using labsim::models::load_scenario;
using labsim::models::Policy;
using labsim::models::Protocol;
using labsim::sim::InputError;

const std::string kSickLeave = LABSIM_SOURCE_DIR "/scenarios/trials/sick_leave_intensive.toml";
const std::string kFourArms = LABSIM_SOURCE_DIR "/scenarios/trials/early_intervention_4arms.toml";

}  // namespace

TEST_CASE("trial loader: the sick-leave trial reads as written", "[models][trial]") {
  const auto sc = load_scenario(kSickLeave);
  REQUIRE(sc.trial);
  const auto& t = *sc.trial;
  CHECK(t.state == "sick_leave");
  CHECK(t.jobcentres == std::vector<std::string>{"Aalborg", "Morsø"});
  CHECK(t.enrolment_months == 4);
  CHECK(t.horizon_weeks == 52);
  REQUIRE(t.arms.size() == 2);
  CHECK(t.arms[0].name == "normal");
  CHECK(t.arms[0].protocol == Protocol::any);
  CHECK(t.arms[1].policy == Policy::intensive);
  CHECK(t.arms[1].protocol == Protocol::offer);
  // The arm's policy is the state's intensive table, e.g. weekly interviews.
  const auto& sick =
      *std::find_if(sc.states.begin(), sc.states.end(), [](auto& s) { return s.name == "sick_leave"; });
  CHECK(t.arms[1].follow_up.interview_every_weeks == sick.follow_up.intensive->interview_every_weeks);
  CHECK(t.arms[1].follow_up.interview_every_weeks == 1);
  CHECK(t.primary_outcome == "self_sufficient_week_26");
  // The run ends on the first month start after the last participant's 52 weeks: enrolment ends
  // 2009-05-01, plus 364 days is 2010-04-30, so the run covers January 2009 to April 2010.
  using namespace std::chrono;
  const sys_days last = sys_days{year{2009} / May / 1} + days{364};
  CHECK(last == sys_days{year{2010} / April / 30});
  CHECK(sc.run.months == 16);
}

TEST_CASE("trial loader: an arm's follow_up changes only what it names", "[models][trial]") {
  const auto sc = load_scenario(
      kSickLeave, {"trial.arms=[{name=\"normal\"},{name=\"early\",follow_up={first_offer_weeks={under_30=13,"
                   "30_plus=13}}}]"});
  const auto& arms = sc.trial->arms;
  REQUIRE(arms.size() == 2);
  const auto& normal = arms[0].follow_up;
  const auto& early = arms[1].follow_up;  // first offer at 13 weeks, nothing else
  CHECK(early.first_offer_weeks.under_30 == 13);
  CHECK(early.first_offer_weeks.age_30_plus == 13);
  CHECK(normal.first_offer_weeks.age_30_plus != 13);
  CHECK(early.interview_every_weeks == normal.interview_every_weeks);
  CHECK(early.offer_mix == normal.offer_mix);
}

TEST_CASE("trial loader: the four-arm trial's arms are programmes in their own jobcentres, by date of birth",
          "[models][trial]") {
  const auto sc = load_scenario(kFourArms);
  const auto& t = *sc.trial;
  CHECK(t.randomization == labsim::models::Randomization::date_of_birth);
  REQUIRE(t.arms.size() == 5);
  CHECK(t.arms[0].programme.empty());  // the control: normal follow-up, with other actors, everywhere
  CHECK(t.arms[0].other_actors);
  CHECK(t.arms[0].jobcentres.empty());
  CHECK(t.arms[0].birth_days.size() == 15);
  const auto& c = t.arms[3];
  CHECK(c.name == "C_early_activation");
  CHECK(c.programme == "C_early_activation");
  CHECK(c.jobcentres == std::vector<std::string>{"Jammerbugt", "Morsø", "Thisted"});
  CHECK(c.birth_days.size() == 16);  // the 16th-31st, as every arm in its own region
  CHECK(c.birth_days.front() == 16);
  // C's one step sets the first offer at 13 weeks and keeps the rest of the normal follow-up.
  const auto& programme = *std::find_if(sc.programmes.begin(), sc.programmes.end(),
                                        [](const auto& p) { return p.name == "C_early_activation"; });
  const auto& insured = *std::find_if(sc.states.begin(), sc.states.end(),
                                      [](const auto& s) { return s.name == "insured_unemployed"; });
  REQUIRE(programme.steps.size() == 1);
  const auto& step = programme.steps[0];
  CHECK(step.sets_offer_deadline);
  CHECK(step.follow_up.first_offer_weeks.age_30_plus == 13);
  CHECK(step.follow_up.interview_every_weeks == insured.follow_up.normal.interview_every_weeks);
  CHECK(step.follow_up.offer_mix == insured.follow_up.normal.offer_mix);
  CHECK(t.unemployed_states.empty());
}

TEST_CASE("trial loader: mistakes name their key", "[models][trial]") {
  const auto fails = [](const std::string& set, const std::string& part) {
    CHECK_THROWS_WITH(load_scenario(kSickLeave, {set}), Contains("--set " + set) && Contains(part));
  };
  fails("trial.state=\"self_sufficient\"", "must be a benefit state");
  fails("trial.state=\"sick\"", "is not a declared state");
  fails("trial.enrolment_start=2009-01-15", "must be the 1st of a month");
  fails("trial.enrolment_start=2008-01-01", "must be on or after run.start");
  fails("trial.enrolment_months=0", "must be in [1, 120]");
  fails("trial.enrolment_share=1.5", "trial.enrolment_share");
  fails("trial.randomization=\"by_date_of_birth\"", "individual");
  fails("trial.outcomes.primary=\"happiness\"", "self_sufficient_week_26");
  fails("trial.outcomes.success_states=[\"sick_leave\"]", "on_support = false");
  fails("trial.arms=[{name=\"only\"}]", "2 to 16");
  fails("trial.arms=[{name=\"a\"},{name=\"a\"}]", "repeats the name");
  fails("trial.arms=[{name=\"a\"},{name=\"b\",protocl=\"offer\"}]", "protocol");
  CHECK_THROWS_WITH(load_scenario(kSickLeave, {"trial.jobcentres=[\"Atlantis\"]"}), Contains("Atlantis"));
  CHECK_THROWS_AS(load_scenario(kSickLeave, {"trial.jobcentres=[\"Atlantis\"]"}), InputError);
}
