// Tests for load_scenario's activation-system sections: follow-up policies, deadlines, exemption, benefit
// limits, offer details, business cycle, caseworkers, money and cohorts; their defaults and their errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "sim/input_error.hpp"

namespace {

using Catch::Matchers::Message;
using labsim::models::Cohort;
using labsim::models::FollowUpPolicy;
using labsim::models::InitialDurations;
using labsim::models::kNoDeadline;
using labsim::models::load_scenario;
using labsim::models::OfferSpec;
using labsim::models::Policy;
using labsim::models::Scenario;
using labsim::models::StateSpec;
using labsim::sim::InputError;

const std::string kDir = LABSIM_SOURCE_DIR "/tests/data/scenarios/";
const std::string kActivation = kDir + "activation.toml";
const std::string kTiny = kDir + "tiny.toml";

std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

template <typename Spec>
const Spec& named(const std::vector<Spec>& specs, const std::string& name) {
  const auto it = std::find_if(specs.begin(), specs.end(), [&name](const Spec& s) { return s.name == name; });
  REQUIRE(it != specs.end());
  return *it;
}

const StateSpec& state(const Scenario& s, const std::string& name) {
  return named(s.states, name);
}

const OfferSpec& offer(const Scenario& s, const std::string& name) {
  return named(s.offers, name);
}

// The load error for `overrides` applied to the activation fixture.
void check_set_error(const std::string& set, const std::string& message,
                     const std::string& file = kActivation) {
  CHECK_THROWS_MATCHES(load_scenario(file, {set}), InputError, Message("--set " + set + ": " + message));
}

}  // namespace

TEST_CASE("scenario_loader: states read deadlines, exemption, benefit limit and flags", "[models]") {
  const Scenario s = load_scenario(kActivation);
  CHECK(s.initial_durations == InitialDurations::stationary);
  const StateSpec& unemployed = state(s, "unemployed");
  CHECK(unemployed.benefit_group == "unemployment");
  CHECK_FALSE(unemployed.permanent_support);
  CHECK(unemployed.deadlines.first_interview_weeks.under_30 == 4.3);
  CHECK(unemployed.deadlines.first_interview_weeks.age_30_plus == 13);
  CHECK(unemployed.deadlines.first_offer_weeks.under_30 == 13);
  CHECK(unemployed.deadlines.first_offer_weeks.age_30_plus == 39);
  CHECK(unemployed.exemption.share == 0.05);
  CHECK(unemployed.exemption.job_finding_multiplier == 0.5);
  CHECK(unemployed.exemption.other_multiplier == 1);

  REQUIRE(unemployed.benefit_limit);
  const auto& limit = *unemployed.benefit_limit;
  CHECK(limit.max_weeks == 104);
  CHECK(limit.to == std::map<std::string, double>{{"cash", 3}, {"sick", 1}});
  CHECK(limit.extension_share == 0.1);
  CHECK(limit.extension_weeks == 26);
  CHECK(limit.old_rule_until == ymd(2020, 7, 1));
  CHECK(limit.old_max_weeks == 208);
  CHECK(limit.old_rule_ends_weeks_after == 104);

  const StateSpec& flex_job = state(s, "flex_job");
  CHECK(flex_job.permanent_support);
  CHECK(flex_job.benefit_group == "flex_job");
  CHECK_FALSE(flex_job.benefit_limit);
  CHECK(state(s, "cash").label == "kontanthjælp");
  CHECK(flex_job.deadlines.first_offer_weeks.under_30 == kNoDeadline);
  CHECK(flex_job.exemption.share == 0);
}

TEST_CASE("scenario_loader: follow-up policies inherit what they leave out from normal", "[models]") {
  const Scenario s = load_scenario(kActivation);
  const auto& f = state(s, "unemployed").follow_up;
  const FollowUpPolicy& normal = f.normal;
  CHECK(normal.first_interview_weeks == 4);
  CHECK(normal.interview_every_weeks == 13);
  CHECK(normal.cadence_until_weeks == kNoDeadline);
  CHECK(normal.offer_probability == 0.5);
  CHECK(normal.offer_mix == std::map<std::string, double>{{"course", 1}});
  CHECK(normal.first_offer_weeks.under_30 == 10);     // given
  CHECK(normal.first_offer_weeks.age_30_plus == 39);  // the state's deadline
  CHECK(normal.deadline_compliance == 0.8);
  CHECK(normal.interview_job_finding_multiplier == 1.1);
  CHECK(normal.interview_effect_weeks == 2);
  CHECK(normal.high_risk_interview_every_weeks == 13);
  CHECK(normal.low_risk_interview_every_weeks == 13);

  REQUIRE(f.intensive);
  const FollowUpPolicy& intensive = *f.intensive;
  CHECK(intensive.first_interview_weeks == 4);  // inherited
  CHECK(intensive.interview_every_weeks == 1);
  CHECK(intensive.cadence_until_weeks == 17);
  CHECK(intensive.offer_probability == 0.5);                                       // inherited
  CHECK(intensive.offer_mix == std::map<std::string, double>{{"internship", 1}});  // replaced whole
  CHECK(intensive.first_offer_weeks.under_30 == 10);
  CHECK(intensive.first_offer_weeks.age_30_plus == 39);
  CHECK(intensive.deadline_compliance == 0.8);
  CHECK(intensive.interview_job_finding_multiplier == 1.1);
  CHECK(intensive.interview_effect_weeks == 2);
  CHECK(intensive.high_risk_interview_every_weeks == 1);
  CHECK(intensive.low_risk_interview_every_weeks == 1);

  REQUIRE(f.risk_targeted);
  const FollowUpPolicy& risk = *f.risk_targeted;
  CHECK(risk.risk_threshold == 0.4);
  CHECK(risk.long_spell_weeks == 52);
  CHECK(risk.interview_every_weeks == 13);
  CHECK(risk.high_risk_interview_every_weeks == 4);
  CHECK(risk.low_risk_interview_every_weeks == 13);
  CHECK(risk.offer_mix == normal.offer_mix);

  REQUIRE(f.other_actor);
  CHECK(f.other_actor->first_interview_weeks == 2);
  CHECK(f.other_actor->offer_probability == 0);
  CHECK(f.other_actor->interview_every_weeks == 13);
  CHECK(f.other_actor_weeks == 26);

  CHECK(f.policy == Policy::intensive);
  CHECK(f.policy_by_jobcentre ==
        std::map<std::string, Policy>{{"Vest", Policy::risk_targeted}, {"Nord, Syd", Policy::normal}});

  const auto& sick = state(s, "sick").follow_up;
  CHECK(sick.policy == Policy::normal);
  CHECK_FALSE(sick.risk_targeted);
  REQUIRE(sick.intensive);
  CHECK(sick.intensive->offer_mix == std::map<std::string, double>{{"partial_return", 1}});
  CHECK(sick.normal.first_offer_weeks.under_30 == kNoDeadline);  // no deadlines, no practice deadline
}

TEST_CASE("scenario_loader: transitions follow the business cycle by default only when job finding",
          "[models]") {
  const Scenario s = load_scenario(kActivation);
  REQUIRE(s.transitions.size() == 6);
  CHECK(s.transitions[0].job_finding);
  CHECK(s.transitions[0].cycle_elasticity == 1.0);
  CHECK(s.transitions[1].to == "unemployed");
  CHECK(s.transitions[1].cycle_elasticity == -0.5);  // the replaced employed -> unemployed
  CHECK(s.transitions[2].cycle_elasticity == 0.0);
  CHECK(s.transitions[4].from == "cash");
  CHECK(s.transitions[4].cycle_elasticity == 1.0);
  CHECK(s.transitions[5].cycle_elasticity == 0.5);
  CHECK(s.business_cycle.index == std::vector<double>{1.0, 0.95, 0.9});
}

TEST_CASE("scenario_loader: offers read places over time, costs, add-on and partial return", "[models]") {
  const Scenario s = load_scenario(kActivation);
  REQUIRE(s.offers.size() == 4);
  const OfferSpec& course = offer(s, "course");
  CHECK(course.places_cycle_elasticity == 0);
  CHECK(course.activation);
  CHECK_FALSE(course.company_based);
  CHECK(course.weekly_cost_dkk == 0);
  CHECK(course.completion_state.empty());

  const OfferSpec& internship = offer(s, "internship");
  CHECK(internship.places == 20);
  CHECK(internship.places_by_jobcentre == std::map<std::string, double>{{"Vest", 5}});
  CHECK(internship.places_by_month == std::vector<double>{10, 12, 14});
  CHECK(internship.company_based);
  CHECK(internship.places_cycle_elasticity == 1);  // company-based default
  CHECK(internship.weekly_cost_dkk == 500);
  CHECK(internship.add_on_share == 0.2);
  CHECK_FALSE(internship.add_on);

  const OfferSpec& mentor = offer(s, "mentor");
  CHECK(mentor.add_on);
  CHECK_FALSE(mentor.activation);

  const OfferSpec& partial = offer(s, "partial_return");
  CHECK(partial.places == 0);  // places_by_month stands in for it
  CHECK(partial.places_by_month == std::vector<double>{50});
  CHECK(partial.places_cycle_elasticity == -0.5);
  CHECK(partial.hours_steps == std::vector<double>{0.25, 0.5, 0.5, 1});
  CHECK(partial.relapse_probability == 0.1);
  CHECK(partial.completion_state == "flex_job");
}

TEST_CASE("scenario_loader: caseworkers, money and cohorts", "[models]") {
  const Scenario s = load_scenario(kActivation);
  CHECK(s.caseworkers.interviews_per_week_each == 20);
  CHECK(s.caseworkers.per_1000_in_follow_up == 5);
  CHECK(s.caseworkers.by_jobcentre == std::map<std::string, double>{{"Vest", 3}});
  CHECK(s.caseworkers.cost_dkk_per_year == 450000);

  CHECK(s.money.benefit_dkk_per_day == std::map<std::string, double>{{"unemployed", 600}, {"cash", 450}});
  CHECK(s.money.other_actor_dkk_per_interview == 800);
  REQUIRE(s.money.rule_sets.size() == 2);
  CHECK(s.money.reimbursement == 1);
  const auto& before = s.money.rule_sets[0];
  CHECK(before.name == "before_2011");  // file order
  CHECK(before.benefit_passive == std::map<std::string, double>{{"unemployed", 0.5}, {"cash", 0.35}});
  CHECK(before.benefit_untimely == 0.3);
  CHECK(before.benefit_in_offer == std::map<std::string, double>{{"course", 0.5}, {"internship", 0.5}});
  CHECK(before.offer_cost == std::map<std::string, double>{{"course", 0.5}});
  CHECK(before.caseworkers == 0.5);
  CHECK(before.other_actors == 0.5);
  const auto& reform = s.money.rule_sets[1];
  CHECK(reform.name == "reform_2011");
  CHECK(reform.benefit_untimely == 0);
  CHECK(reform.offer_cost.empty());
  CHECK(reform.caseworkers == 0);

  REQUIRE(s.cohorts.size() == 2);
  const Cohort& layoff = s.cohorts[0];
  CHECK(layoff.name == "Skagen layoff");
  CHECK(layoff.date == ymd(2020, 2, 1));
  CHECK(layoff.jobcentre == "Vest");
  CHECK(layoff.persons == 130);
  CHECK(layoff.entry == std::map<std::string, double>{{"unemployed", 0.8}, {"sick", 0.2}});
  CHECK(layoff.spread_weeks == 2);
  CHECK(layoff.job_finding_multiplier == 0.8);
  CHECK(layoff.trade == "metal");
  CHECK(layoff.policy == Policy::intensive);
  CHECK(layoff.source_line == 127);
  const Cohort& programme = s.cohorts[1];
  CHECK(programme.jobcentre == "Nord, Syd");
  CHECK(programme.spread_weeks == 0);
  CHECK(programme.job_finding_multiplier == 1);
  CHECK(programme.trade.empty());
  CHECK_FALSE(programme.policy);
}

TEST_CASE("scenario_loader: a scenario without the new sections gets their defaults", "[models]") {
  const Scenario s = load_scenario(kTiny);
  CHECK(s.initial_durations == InitialDurations::zero);
  const StateSpec& unemployed = s.states[0];
  CHECK(unemployed.benefit_group == "unemployed");
  CHECK_FALSE(unemployed.permanent_support);
  CHECK(unemployed.deadlines.first_interview_weeks.age_30_plus == kNoDeadline);
  CHECK(unemployed.exemption.share == 0);
  CHECK(unemployed.exemption.other_multiplier == 1);
  CHECK_FALSE(unemployed.benefit_limit);
  const auto& f = unemployed.follow_up;
  CHECK(f.policy == Policy::normal);
  CHECK_FALSE(f.intensive);
  CHECK_FALSE(f.risk_targeted);
  CHECK_FALSE(f.other_actor);
  CHECK(f.other_actor_weeks == 0);
  CHECK(f.policy_by_jobcentre.empty());
  CHECK(f.normal.first_offer_weeks.under_30 == kNoDeadline);
  CHECK(f.normal.deadline_compliance == 1);
  CHECK(f.normal.interview_job_finding_multiplier == 1);
  CHECK(f.normal.interview_effect_weeks == 0);
  CHECK(f.normal.high_risk_interview_every_weeks == 13);
  CHECK(f.normal.low_risk_interview_every_weeks == 13);
  CHECK(s.transitions[0].cycle_elasticity == 1.0);  // job finding
  CHECK(s.transitions[1].cycle_elasticity == 0.0);
  const OfferSpec& course = s.offers[0];
  CHECK(course.places_cycle_elasticity == 0);
  CHECK(course.activation);
  CHECK_FALSE(course.add_on);
  CHECK(course.places_by_month.empty());
  CHECK(course.hours_steps.empty());
  CHECK(s.business_cycle.index.empty());
  CHECK(s.caseworkers.interviews_per_week_each == 0);
  CHECK(s.money.rule_sets.empty());
  CHECK(s.money.reimbursement == 0);
  CHECK(s.cohorts.empty());
}

TEST_CASE("scenario_loader: first_offer_weeks defaults to the state's deadlines, band by band", "[models]") {
  const Scenario s =
      load_scenario(kTiny, {"states.unemployed.deadlines.first_offer_weeks={ under_30 = 13, 30_plus = 39 }",
                            "states.unemployed.follow_up.intensive.first_offer_weeks={ 30_plus = 20 }"});
  const auto& f = s.states[0].follow_up;
  CHECK(f.normal.first_offer_weeks.under_30 == 13);
  CHECK(f.normal.first_offer_weeks.age_30_plus == 39);
  REQUIRE(f.intensive);
  CHECK(f.intensive->first_offer_weeks.under_30 == 13);
  CHECK(f.intensive->first_offer_weeks.age_30_plus == 20);
}

TEST_CASE("scenario_loader: an unknown key in a new table names its closest known key", "[models]") {
  check_set_error("cohort=1", "unknown key 'cohort' (did you mean 'cohorts'?)");
  check_set_error("population.initial_duration=\"zero\"",
                  "unknown key 'population.initial_duration' (did you mean 'initial_durations'?)");
  check_set_error("states.unemployed.deadlines.first_ofer_weeks={}",
                  "unknown key 'states.unemployed.deadlines.first_ofer_weeks' (did you mean "
                  "'first_offer_weeks'?)");
  check_set_error("states.unemployed.deadlines.first_offer_weeks.under30=4",
                  "unknown key 'states.unemployed.deadlines.first_offer_weeks.under30' (did you mean "
                  "'under_30'?)");
  check_set_error("states.unemployed.exempt.shares=0.1",
                  "unknown key 'states.unemployed.exempt.shares' (did you mean 'share'?)");
  check_set_error("states.unemployed.benefit_limit.max_week=3",
                  "unknown key 'states.unemployed.benefit_limit.max_week' (did you mean 'max_weeks'?)");
  check_set_error("states.unemployed.follow_up.polcy=\"normal\"",
                  "unknown key 'states.unemployed.follow_up.polcy' (did you mean 'policy'?)");
  check_set_error("states.unemployed.follow_up.risk_targeted.long_spell_week=3",
                  "unknown key 'states.unemployed.follow_up.risk_targeted.long_spell_week' (did you mean "
                  "'long_spell_weeks'?)");
  // The risk keys belong to risk_targeted alone.
  check_set_error("states.unemployed.follow_up.intensive.risk_threshold=0.5",
                  "unknown key 'states.unemployed.follow_up.intensive.risk_threshold'");
  check_set_error("states.unemployed.follow_up.risk_threshold=0.5",
                  "unknown key 'states.unemployed.follow_up.risk_threshold'");
  check_set_error(
      "offers.internship.places_by_jobcenter={}",
      "unknown key 'offers.internship.places_by_jobcenter' (did you mean 'places_by_jobcentre'?)");
  check_set_error("business_cycle.indx=[1]", "unknown key 'business_cycle.indx' (did you mean 'index'?)");
  check_set_error("caseworkers.per_1000_in_folow_up=1",
                  "unknown key 'caseworkers.per_1000_in_folow_up' (did you mean 'per_1000_in_follow_up'?)");
  check_set_error("money.benefit_dkk_per_dy={}",
                  "unknown key 'money.benefit_dkk_per_dy' (did you mean 'benefit_dkk_per_day'?)");
  check_set_error("money.rules.reform_2011.caseworker=0.5",
                  "unknown key 'money.rules.reform_2011.caseworker' (did you mean 'caseworkers'?)");
  check_set_error("cohorts=[{ name = \"a\", dates = 2020-02-01 }]",
                  "unknown key 'cohorts[0].dates' (did you mean 'date'?)");
  CHECK_THROWS_MATCHES(
      load_scenario(kDir + "cycle_elasticity_typo.toml"), InputError,
      Message(kDir + "cycle_elasticity_typo.toml:8: unknown key 'transitions[4].cycle_elasticty' "
                     "(did you mean 'cycle_elasticity'?)"));
}

TEST_CASE("scenario_loader: new values out of range name the rule they break", "[models]") {
  check_set_error("states.unemployed.exempt.share=1.5",
                  "states.unemployed.exempt.share = 1.5 must be in [0, 1]");
  check_set_error("states.unemployed.deadlines.first_interview_weeks.under_30=0",
                  "states.unemployed.deadlines.first_interview_weeks.under_30 = 0 must be > 0");
  check_set_error("states.unemployed.follow_up.risk_targeted.risk_threshold=1",
                  "states.unemployed.follow_up.risk_targeted.risk_threshold = 1 must be in (0, 1)");
  check_set_error("states.unemployed.follow_up.deadline_compliance=1.2",
                  "states.unemployed.follow_up.deadline_compliance = 1.2 must be in [0, 1]");
  check_set_error("states.unemployed.follow_up.intensive.interview_every_weeks=0",
                  "states.unemployed.follow_up.intensive.interview_every_weeks = 0 must be > 0");
  check_set_error("states.unemployed.benefit_limit.old_max_weeks=52",
                  "states.unemployed.benefit_limit.old_max_weeks = 52 must be >= max_weeks (104)");
  check_set_error("offers.partial_return.hours_steps=[0.5, 0.25]",
                  "offers.partial_return.hours_steps[1] = 0.25 must be >= the step before it (0.5)");
  check_set_error("offers.partial_return.hours_steps=[0, 1]",
                  "offers.partial_return.hours_steps[0] = 0 must be in (0, 1]");
  check_set_error("offers.internship.places_by_month=[]",
                  "offers.internship.places_by_month must have at least one value");
  check_set_error(
      "offers.internship.places_by_month=[1,1,1,1,1,1,1,1,1,1,1,1,1]",
      "offers.internship.places_by_month has 13 values; at most 12 are allowed (one per month of the "
      "run)");
  check_set_error("offers.internship.places_by_jobcentre.Vest=-1",
                  "offers.internship.places_by_jobcentre.Vest = -1 must be >= 0");
  check_set_error("business_cycle.index=[1, 0]", "business_cycle.index[1] = 0 must be > 0");
  check_set_error("caseworkers.cost_dkk_per_year=-1", "caseworkers.cost_dkk_per_year = -1 must be >= 0");
  check_set_error("money.rules.reform_2011.benefit_passive.unemployed=2",
                  "money.rules.reform_2011.benefit_passive.unemployed = 2 must be in [0, 1]");
  check_set_error(
      "population.initial_durations=\"stationry\"",
      "population.initial_durations = \"stationry\" must be \"zero\" or \"stationary\" (did you mean "
      "'stationary'?)");
}

TEST_CASE("scenario_loader: undeclared states and offers in new tables suggest a declared one", "[models]") {
  check_set_error("states.unemployed.benefit_limit.to.csh=1",
                  "states.unemployed.benefit_limit.to.csh is not a declared state (did you mean 'cash'?)");
  check_set_error(
      "offers.partial_return.completion_state=\"flex_jb\"",
      "offers.partial_return.completion_state = \"flex_jb\" is not a declared state (did you mean "
      "'flex_job'?)");
  check_set_error("money.benefit_dkk_per_day.cashh=1",
                  "money.benefit_dkk_per_day.cashh is not a declared state (did you mean 'cash'?)");
  check_set_error("money.rules.reform_2011.offer_cost.internshp=1",
                  "money.rules.reform_2011.offer_cost.internshp is not a declared offer (did you mean "
                  "'internship'?)");
  check_set_error(
      "states.unemployed.follow_up.intensive.offer_mix={ mentr = 1 }",
      "states.unemployed.follow_up.intensive.offer_mix.mentr is not a declared offer (did you mean "
      "'mentor'?)");
  check_set_error(
      "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 1, entry = { "
      "sik = 1 } }]",
      "cohorts[0].entry.sik is not a declared state (did you mean 'sick'?)");
}

TEST_CASE("scenario_loader: jobcentre names are checked against the CSV with a suggestion", "[models]") {
  const std::string csv = kDir + "tiny.csv";
  CHECK_THROWS_MATCHES(load_scenario(kDir + "unknown_jobcentre.toml"), InputError,
                       Message(kDir +
                               "unknown_jobcentre.toml:5: offers.internship.places_by_jobcentre.\"Nord "
                               "Syd\" is not a jobcentre in " +
                               csv + " (did you mean 'Nord, Syd'?)"));
  check_set_error("states.unemployed.follow_up.policy_by_jobcentre.Vst=\"normal\"",
                  "states.unemployed.follow_up.policy_by_jobcentre.Vst is not a jobcentre in " + csv +
                      " (did you mean 'Vest'?)");
  check_set_error("caseworkers.by_jobcentre.Syd=2",
                  "caseworkers.by_jobcentre.Syd is not a jobcentre in " + csv);
  check_set_error(
      "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"vest\", persons = 1, entry = { "
      "sick = 1 } }]",
      "cohorts[0].jobcentre = \"vest\" is not a jobcentre in " + csv + " (did you mean 'Vest'?)");
}

TEST_CASE("scenario_loader: a policy needs its table", "[models]") {
  check_set_error("states.unemployed.follow_up.policy=\"intensive\"",
                  "states.unemployed.follow_up.policy = \"intensive\" needs a "
                  "[states.unemployed.follow_up.intensive] table",
                  kTiny);
  check_set_error("states.sick.follow_up.policy_by_jobcentre.Vest=\"risk_targeted\"",
                  "states.sick.follow_up.policy_by_jobcentre.Vest = \"risk_targeted\" needs a "
                  "[states.sick.follow_up.risk_targeted] table");
  check_set_error("states.unemployed.follow_up.policy=\"intensiv\"",
                  "states.unemployed.follow_up.policy = \"intensiv\" must be \"normal\", \"intensive\" or "
                  "\"risk_targeted\" (did you mean 'intensive'?)");
  check_set_error("states.unemployed.follow_up.other_actor_weeks=26",
                  "states.unemployed.follow_up.other_actor_weeks = 26 needs a "
                  "[states.unemployed.follow_up.other_actor] table",
                  kTiny);
  // Every state with follow-up needs the cohort's policy; unemployed has risk_targeted, sick does not.
  check_set_error(
      "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 1, entry = { "
      "sick = 1 }, policy = \"risk_targeted\" }]",
      "cohorts[0].policy = \"risk_targeted\" needs a [states.sick.follow_up.risk_targeted] table");
  check_set_error("states.unemployed.follow_up.risk_targeted={ interview_every_weeks = 2 }",
                  "states.unemployed.follow_up.risk_targeted.risk_threshold is required", kTiny);
}

TEST_CASE("scenario_loader: offer mixes need a weight and may not draw the add-on offer", "[models]") {
  check_set_error(
      "states.unemployed.follow_up.intensive.offer_mix.internship=0",
      "states.unemployed.follow_up.intensive.offer_mix needs a weight > 0 because offer_probability "
      "= 0.5 is > 0");
  check_set_error(
      "states.sick.follow_up.offer_mix.mentor=1",
      "states.sick.follow_up.offer_mix.mentor = 1 must be 0 because offers.mentor has add_on = true");
}

TEST_CASE("scenario_loader: at most one add-on offer, and add_on_share needs it", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"offers.course.add_on=true"}), InputError,
      Message(kActivation +
              ":91: offers.mentor.add_on = true must be false because offers.course already has "
              "add_on = true: at most one offer may"));
  check_set_error("offers.course.add_on_share=0.5",
                  "offers.course.add_on_share = 0.5 needs an offer with add_on = true", kTiny);
  check_set_error("offers.mentor.add_on_share=0.1",
                  "offers.mentor.add_on_share = 0.1 must be 0 because offers.mentor.add_on = true");
}

TEST_CASE("scenario_loader: benefit limits", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(kDir + "old_rule_incomplete.toml"), InputError,
      Message(kDir + "old_rule_incomplete.toml:4: states.unemployed.benefit_limit.old_rule_ends_weeks_after "
                     "is required because old_rule_until is given: give old_rule_until, old_max_weeks and "
                     "old_rule_ends_weeks_after, or none of them"));
  check_set_error(
      "states.unemployed.benefit_limit={ max_weeks = 10, to = { sick = 1 }, old_max_weeks = 20 }",
      "states.unemployed.benefit_limit.old_rule_until is required because old_max_weeks is given: give "
      "old_rule_until, old_max_weeks and old_rule_ends_weeks_after, or none of them",
      kTiny);
  check_set_error(
      "states.unemployed.benefit_limit.to.unemployed=1",
      "states.unemployed.benefit_limit.to.unemployed names the state whose benefit runs out; the limit "
      "moves persons to another state");
  check_set_error("states.unemployed.benefit_limit={ max_weeks = 10, to = { sick = 0 } }",
                  "states.unemployed.benefit_limit.to needs a weight > 0", kTiny);
  check_set_error(
      "states.unemployed.benefit_limit={ max_weeks = 10, to = { sick = 1 }, extension_share = 0.5 }",
      "states.unemployed.benefit_limit.extension_weeks is required because extension_share = 0.5 is > 0",
      kTiny);
  check_set_error("states.unemployed.benefit_limit.old_rule_until=\"2020-07-01\"",
                  "states.unemployed.benefit_limit.old_rule_until must be a date, not a string");
}

TEST_CASE("scenario_loader: money names its rule set", "[models]") {
  check_set_error("money.reimbursement=\"reform2011\"",
                  "money.reimbursement = \"reform2011\" is not a rule set in money.rules (did you mean "
                  "'reform_2011'?)");
  check_set_error("money.rules.a.caseworkers=0.5",
                  "money.reimbursement is required because money.rules has rule sets", kTiny);
  check_set_error("money.reimbursement=\"a\"", "money.reimbursement = \"a\" is not a rule set in money.rules",
                  kTiny);
}

TEST_CASE("scenario_loader: caseworkers with limited capacity are needed in every jobcentre", "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"caseworkers.per_1000_in_follow_up=0"}), InputError,
      Message(kActivation +
              ":105: caseworkers.interviews_per_week_each = 20 needs caseworkers in every jobcentre, but "
              "jobcentre 'Nord, Syd' has none: give caseworkers.per_1000_in_follow_up > 0 or "
              "caseworkers.by_jobcentre.\"Nord, Syd\" > 0"));
  check_set_error(
      "caseworkers.by_jobcentre.Vest=0",
      "caseworkers.by_jobcentre.Vest = 0 must be > 0 because caseworkers.interviews_per_week_each = 20 is "
      "> 0");
  CHECK_NOTHROW(load_scenario(kActivation, {"caseworkers.per_1000_in_follow_up=0",
                                            "caseworkers.by_jobcentre={ Vest = 1, \"Nord, Syd\" = 2 }"}));
  CHECK_NOTHROW(load_scenario(
      kActivation, {"caseworkers.interviews_per_week_each=0", "caseworkers.per_1000_in_follow_up=0"}));
}

TEST_CASE("scenario_loader: cohorts are checked one by one", "[models]") {
  const std::string valid = "name = \"a\", jobcentre = \"Vest\", persons = 1, entry = { sick = 1 }";
  const auto cohort = [&valid](const std::string& more) {
    return "cohorts=[{ " + valid + ", " + more + " }]";
  };
  check_set_error(cohort("date = 2019-12-01"),
                  "cohorts[0].date = 2019-12-01 must be on or after run.start (2020-01-01)");
  check_set_error(cohort("date = 2021-01-01"),
                  "cohorts[0].date = 2021-01-01 must be before the end of the run (2021-01-01)");
  check_set_error(cohort("date = \"2020-02-01\""), "cohorts[0].date must be a date, not a string");
  check_set_error("cohorts=[{ " + valid + " }]", "cohorts[0].date is required");
  check_set_error(cohort("date = 2020-02-01, spread_weeks = -1"),
                  "cohorts[0].spread_weeks = -1 must be >= 0");
  check_set_error(cohort("date = 2020-02-01, job_finding_multiplier = 0"),
                  "cohorts[0].job_finding_multiplier = 0 must be > 0");
  check_set_error(
      "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 0, entry = { sick = 1 } "
      "}]",
      "cohorts[0].persons = 0 must be > 0");
  check_set_error(
      "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 1, entry = { sick = 0 } "
      "}]",
      "cohorts[0].entry needs a share > 0");
  check_set_error("cohorts=[{ " + valid + ", date = 2020-02-01 }, { " + valid + ", date = 2020-03-01 }]",
                  "cohorts[1].name = \"a\" repeats the name of cohorts[0]");
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation,
                    {"states.retired={ absorbing = true }",
                     "cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 1, "
                     "entry = { sick = 1, retired = 0.5 } }]"}),
      InputError,
      Message("--set cohorts=[{ name = \"a\", date = 2020-02-01, jobcentre = \"Vest\", persons = 1, entry = "
              "{ sick "
              "= 1, retired = 0.5 } }]: cohorts[0].entry.retired = 0.5 must be 0 because states.retired is "
              "absorbing"));
}

TEST_CASE("scenario_loader: at most kMaxCohorts cohorts", "[models]") {
  std::string many = "cohorts=[";
  for (std::size_t i = 0; i <= labsim::models::kMaxCohorts; ++i) many += i == 0 ? "{}" : ", {}";
  many += "]";
  check_set_error(many, "cohorts has 251 entries; at most 250 are allowed");
}

TEST_CASE("scenario_loader: states reached only by a benefit limit, a completion or a cohort are reachable",
          "[models]") {
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"states.unemployed.benefit_limit.to.cash=0"}), InputError,
      Message(kActivation +
              ":54: states.cash is unreachable: no jobcentre has persons or inflow in it or in any "
              "state that leads to it"));
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"offers.partial_return.completion_state=\"employed\""}), InputError,
      Message(kActivation +
              ":57: states.flex_job is unreachable: no jobcentre has persons or inflow in it or in "
              "any state that leads to it"));
  const std::string only_cohort = kDir + "cohort_only_state.toml";
  CHECK(load_scenario(only_cohort).states.back().name == "training");
  CHECK_THROWS_MATCHES(
      load_scenario(only_cohort, {"cohorts=[]"}), InputError,
      Message(only_cohort + ":4: states.training is unreachable: no jobcentre has persons or "
                            "inflow in it or in any state that leads to it"));
}

TEST_CASE("scenario_loader: an offer given only by a policy table or as the add-on is offered", "[models]") {
  // internship is only in the intensive mix; mentor only through internship's add_on_share.
  CHECK_NOTHROW(load_scenario(kActivation));
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"offers.internship.add_on_share=0"}), InputError,
      Message(kActivation +
              ":87: offers.mentor is never offered: it is the add-on offer, so give an offer that "
              "is offered add_on_share > 0, or remove it"));
  CHECK_THROWS_MATCHES(
      load_scenario(kActivation, {"states.unemployed.follow_up.intensive.offer_mix.internship=0",
                                  "states.unemployed.follow_up.intensive.offer_mix.course=1"}),
      InputError,
      Message(kActivation + ":78: offers.internship is never offered: give it a weight > 0 "
                            "in an offer_mix in a state it is open to (the state's follow_up, a programme "
                            "step or a trial arm), or remove it"));
}

TEST_CASE("scenario_loader: the first interview's spread is inherited and may not exceed its time",
          "[models]") {
  const Scenario s = load_scenario(kTiny, {"states.unemployed.follow_up.first_interview_spread_weeks=3",
                                           "states.unemployed.follow_up.intensive.interview_every_weeks=1",
                                           "states.unemployed.follow_up.policy=\"intensive\""});
  CHECK(s.states[0].follow_up.normal.first_interview_spread_weeks == 3);
  CHECK(s.states[0].follow_up.intensive->first_interview_spread_weeks == 3);
  CHECK_THROWS_MATCHES(load_scenario(kTiny, {"states.unemployed.follow_up.first_interview_spread_weeks=5"}),
                       InputError,
                       Message("--set states.unemployed.follow_up.first_interview_spread_weeks=5: "
                               "states.unemployed.follow_up.first_interview_spread_weeks = 5 must be <= "
                               "first_interview_weeks (4)"));
}
