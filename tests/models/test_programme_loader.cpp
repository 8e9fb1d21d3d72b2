// Tests for load_scenario's programmes: steps and their inheritance, contact forms, capacity pools, offer
// eligibility, the states', cohorts' and trial arms' choices of programmes, and the exact text of each error.
#include <boost/range/iterator_range.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/state_graph.hpp"
#include "sim/input_error.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using labsim::models::kNoDeadline;
using labsim::models::load_scenario;
using labsim::models::Programme;
using labsim::models::Randomization;
using labsim::models::Scenario;
using labsim::models::StepEvent;
using labsim::sim::InputError;

const std::string kTiny = LABSIM_SOURCE_DIR "/tests/data/scenarios/tiny.toml";

// A scenario extending tiny.toml (unemployed with follow-up: first interview at 4 weeks, then every 13,
// offer_probability 0.5 of course; employed; sick without follow-up; jobcentres "Nord, Syd" and Vest) by
// `text`, whose first line is line 2.
std::string extending_tiny(const std::string& text) {
  return "extends = \"" + kTiny + "\"" + text;
}

// Contact forms and a pool, then three steps (lines 12 to 33): a window on the spell's duration, one on the
// step's own, and the last lasting.
const std::string kProgramme = extending_tiny(R"(
[contact_forms.group_meeting]
label = "gruppemøde"
pool = "meeting_rooms"
cost_dkk = 150
persons_per_contact = 8
[contact_forms.phone]
pool = "caseworkers"
[pools.meeting_rooms]
slots_per_week = [10, 12]
slots_by_jobcentre = { Vest = 5, "Nord, Syd" = [2, 3] }
[programmes.fast_start]
label = "Hurtigt i gang"
state = "unemployed"
[[programmes.fast_start.steps]]
name = "first_weeks"
until_weeks = 5
first_interview_weeks = 1
interview_every_weeks = 1
contact_form = "group_meeting"
[[programmes.fast_start.steps]]
name = "course"
for_weeks = 4
offer_probability = 1
on_offer_end = "monthly"
on_placement = "monthly"
[[programmes.fast_start.steps]]
name = "monthly"
interview_every_weeks = 4
first_offer_weeks = { 30_plus = 20 }
repeat_offer_within_weeks = 13
job_finding_multiplier = 1.2
contact_form = "phone")");

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text << '\n';
}

Scenario load_text(const std::string& text) {
  labsim::testing::TempDir dir;
  write(dir.path() / "x.toml", text);
  return load_scenario(dir.path() / "x.toml");
}

// The load error for `text`, written to x.toml, with the file's folder left out; "no error" if it loads.
std::string error_of(const std::string& text) {
  labsim::testing::TempDir dir;
  const fs::path path = dir.path() / "x.toml";
  write(path, text);
  try {
    load_scenario(path);
  } catch (const InputError& e) {
    std::string message = e.what();
    for (auto at = message.find(path.string()); at != std::string::npos; at = message.find(path.string()))
      message.replace(at, path.string().size(), "x.toml");
    return message;
  }
  return "no error";
}

// A trial in unemployed after kProgramme, on lines 34 to 45: the randomization on line 37, the control arm's
// one free line on 40, the second arm's three on 43 to 45 (a comment where unused).
std::string with_trial(const std::string& randomization, const std::string& control,
                       const std::vector<std::string>& arm) {
  REQUIRE(arm.size() == 3);
  return kProgramme + "\n[trial]\nstate = \"unemployed\"\nenrolment_months = 2\n" + randomization +
         "\n[[trial.arms]]\nname = \"control\"\n" + control + "\n[[trial.arms]]\nname = \"fast\"\n" + arm[0] +
         "\n" + arm[1] + "\n" + arm[2];
}

const std::string kNone = "# none";

}  // namespace

TEST_CASE("programme_loader: steps inherit what they leave out from the step before", "[models]") {
  const Scenario s = load_text(kProgramme);
  REQUIRE(s.programmes.size() == 1);
  const Programme& p = s.programmes[0];
  CHECK(p.name == "fast_start");
  CHECK(p.label == "Hurtigt i gang");
  CHECK(p.state == "unemployed");
  CHECK(p.source_line == 12);
  REQUIRE(p.steps.size() == 3);
  const auto& first = p.steps[0];
  const auto& course = p.steps[1];
  const auto& monthly = p.steps[2];

  // The first step differs from the state's normal policy only in what it gives.
  CHECK(first.name == "first_weeks");
  CHECK(first.source_line == 15);
  CHECK(first.follow_up.first_interview_weeks == 1);
  CHECK(first.follow_up.interview_every_weeks == 1);
  CHECK(first.follow_up.offer_probability == 0.5);
  CHECK(first.follow_up.offer_mix == std::map<std::string, double>{{"course", 1}});
  CHECK(first.books_first_contact);
  CHECK_FALSE(first.sets_offer_deadline);
  CHECK(first.until_weeks == 5);
  CHECK(first.for_weeks == kNoDeadline);
  CHECK(first.then.empty());  // the next step listed
  CHECK(first.contact_form == "group_meeting");
  CHECK(first.job_finding_multiplier == 1);
  CHECK(first.repeat_offer_within_weeks == kNoDeadline);

  // The second inherits the first's cadence and first interview, without booking one.
  CHECK(course.follow_up.interview_every_weeks == 1);
  CHECK(course.follow_up.first_interview_weeks == 1);
  CHECK_FALSE(course.books_first_contact);
  CHECK(course.follow_up.offer_probability == 1);
  CHECK(course.for_weeks == 4);
  CHECK(course.until_weeks == kNoDeadline);
  CHECK(course.on[static_cast<std::size_t>(StepEvent::offer_end)] == "monthly");
  CHECK(course.on[static_cast<std::size_t>(StepEvent::placement)] == "monthly");
  CHECK(course.on[static_cast<std::size_t>(StepEvent::offer_start)].empty());
  CHECK(course.contact_form.empty());  // an individual interview

  // The third keeps the second's offer probability and sets the offer deadline for those over 30 only.
  CHECK(monthly.follow_up.offer_probability == 1);
  CHECK(monthly.follow_up.interview_every_weeks == 4);
  CHECK(monthly.sets_offer_deadline);
  CHECK_FALSE(monthly.books_first_contact);
  CHECK(monthly.follow_up.first_offer_weeks.age_30_plus == 20);
  CHECK(monthly.follow_up.first_offer_weeks.under_30 == kNoDeadline);
  CHECK(monthly.repeat_offer_within_weeks == 13);
  CHECK(monthly.job_finding_multiplier == 1.2);
  CHECK(monthly.contact_form == "phone");
  for (const auto& step : p.steps) CHECK(step.follow_up.cadence_until_weeks == kNoDeadline);
}

TEST_CASE("programme_loader: contact forms and pools read as written", "[models]") {
  const Scenario s = load_text(kProgramme);
  REQUIRE(s.contact_forms.size() == 2);
  CHECK(s.contact_forms[0].name == "group_meeting");
  CHECK(s.contact_forms[0].label == "gruppemøde");
  CHECK(s.contact_forms[0].pool == "meeting_rooms");
  CHECK(s.contact_forms[0].cost_dkk == 150);
  CHECK(s.contact_forms[0].persons_per_contact == 8);
  CHECK(s.contact_forms[1].label == "phone");
  CHECK(s.contact_forms[1].pool == "caseworkers");
  CHECK(s.contact_forms[1].cost_dkk == 0);
  CHECK(s.contact_forms[1].persons_per_contact == 1);
  REQUIRE(s.pools.size() == 1);
  CHECK(s.pools[0].slots_per_week == std::vector<double>{10, 12});
  CHECK(s.pools[0].slots_by_jobcentre ==
        std::map<std::string, std::vector<double>>{{"Vest", {5}}, {"Nord, Syd", {2, 3}}});
}

TEST_CASE("programme_loader: states, cohorts and offers name programmes and eligibility", "[models]") {
  const Scenario s = load_text(kProgramme + R"(
[states.unemployed.follow_up]
programme = "fast_start"
policy_by_jobcentre = { Vest = "normal" }
programme_by_jobcentre = { "Nord, Syd" = "fast_start" }
[[cohorts]]
name = "layoff"
date = 2020-03-01
jobcentre = "Vest"
persons = 50
entry = { unemployed = 1 }
policy = "fast_start"
[offers.course]
min_spell_weeks = 26
max_spell_weeks = 52
age_bands = ["30_plus"]
states = ["unemployed"])");
  const auto& f = s.states[0].follow_up;
  CHECK(f.programme == "fast_start");
  CHECK(f.programme_by_jobcentre == std::map<std::string, std::string>{{"Nord, Syd", "fast_start"}});
  REQUIRE(s.cohorts.size() == 1);
  CHECK(s.cohorts[0].programme == "fast_start");
  CHECK_FALSE(s.cohorts[0].policy);
  const auto& course = s.offers[0];
  CHECK(course.min_spell_weeks == 26);
  CHECK(course.max_spell_weeks == 52);
  CHECK_FALSE(course.under_30);
  CHECK(course.age_30_plus);
  CHECK(course.states == std::vector<std::string>{"unemployed"});
  // Defaults: every spell, both bands, every state.
  const auto plain = load_text(kProgramme).offers[0];
  CHECK(plain.min_spell_weeks == 0);
  CHECK(plain.max_spell_weeks == kNoDeadline);
  CHECK(plain.under_30);
  CHECK(plain.age_30_plus);
  CHECK(plain.states.empty());
}

TEST_CASE("programme_loader: a child scenario adds a programme to its parent's state", "[models]") {
  labsim::testing::TempDir dir;
  write(dir.path() / "parent.toml", kProgramme);
  write(dir.path() / "child.toml", R"(extends = "parent.toml"
[programmes.slow_start]
state = "unemployed"
[[programmes.slow_start.steps]]
name = "only"
interview_every_weeks = 8
[programmes.fast_start]
label = "Hurtigt i gang 2"
[states.unemployed.follow_up]
programme = "slow_start")");
  const Scenario s = load_scenario(dir.path() / "child.toml");
  REQUIRE(s.programmes.size() == 2);
  CHECK(s.programmes[0].name == "fast_start");  // the parent's first
  CHECK(s.programmes[0].label == "Hurtigt i gang 2");
  CHECK(s.programmes[0].steps.size() == 3);
  CHECK(s.programmes[1].name == "slow_start");
  CHECK(s.programmes[1].steps[0].follow_up.first_interview_weeks == 4);  // tiny.toml's normal policy
  CHECK(s.programmes[1].steps[0].follow_up.interview_every_weeks == 8);
  CHECK(s.states[0].follow_up.programme == "slow_start");
  CHECK(s.contact_forms.size() == 2);

  // A mistake in the child names the child's file and line.
  write(dir.path() / "child.toml", "extends = \"parent.toml\"\n[programmes.fast_start]\nstate = \"sick\"");
  CHECK_THROWS_WITH(load_scenario(dir.path() / "child.toml"),
                    (dir.path() / "child.toml").string() +
                        ":3: programmes.fast_start.state = \"sick\" must be a state with follow-up "
                        "([states.sick.follow_up])");
}

TEST_CASE("programme_loader: a step's mistakes name the file, the line and the key", "[models]") {
  const std::string one_step =
      "\n[programmes.p]\nstate = \"unemployed\"\n[[programmes.p.steps]]\nname = \"a\"\n";
  CHECK(error_of(extending_tiny(one_step + "interview_every_wekes = 2")) ==
        "x.toml:6: unknown key 'programmes.p.steps[0].interview_every_wekes' (did you mean "
        "'interview_every_weeks'?)");
  CHECK(error_of(extending_tiny(one_step + "cadence_until_weeks = 2")) ==
        "x.toml:6: programmes.p.steps[0].cadence_until_weeks is not a step key: end the step with "
        "until_weeks and give the next step its own interview_every_weeks");
  CHECK(error_of(extending_tiny(one_step + "for_weeks = 0")) ==
        "x.toml:6: programmes.p.steps[0].for_weeks = 0 must be > 0");
  CHECK(error_of(extending_tiny(one_step + "job_finding_multiplier = 0")) ==
        "x.toml:6: programmes.p.steps[0].job_finding_multiplier = 0 must be > 0");
  CHECK(error_of(extending_tiny(one_step + "then = \"a\"")) ==
        "x.toml:6: programmes.p.steps[0].then needs until_weeks or for_weeks: a window to end");
  CHECK(error_of(extending_tiny(one_step + "until_weeks = 8")) ==
        "x.toml:6: programmes.p.steps[0]: the last step's window needs a `then` naming the step that follows "
        "it");
  CHECK(
      error_of(extending_tiny(one_step + "on_offer_start = \"monthly\"")) ==
      "x.toml:6: programmes.p.steps[0].on_offer_start = \"monthly\" is not a declared step of programmes.p");
  CHECK(error_of(extending_tiny(one_step + "offer_mix = { cours = 1 }")) ==
        "x.toml:6: programmes.p.steps[0].offer_mix.cours is not a declared offer (did you mean 'course'?)");
  CHECK(error_of(extending_tiny(one_step + "[[programmes.p.steps]]\nname = \"a\"")) ==
        "x.toml:7: programmes.p.steps[1].name = \"a\" repeats the name of programmes.p.steps[0]");
  CHECK(error_of(extending_tiny(R"(
[programmes.p]
state = "unemployed"
[[programmes.p.steps]]
name = "first"
until_weeks = 5
then = "secnd"
[[programmes.p.steps]]
name = "second")")) ==
        "x.toml:7: programmes.p.steps[0].then = \"secnd\" is not a declared step of "
        "programmes.p (did you mean 'second'?)");
  CHECK(error_of(kProgramme + R"(
[programmes.q]
state = "unemployed"
[[programmes.q.steps]]
name = "a"
contact_form = "group_meting")") ==
        "x.toml:38: programmes.q.steps[0].contact_form = \"group_meting\" is not "
        "a declared contact form (did you mean 'group_meeting'?)");
}

TEST_CASE("programme_loader: a programme's mistakes name the file, the line and the key", "[models]") {
  const std::string step = "\n[[programmes.p.steps]]\nname = \"a\"";
  CHECK(error_of(extending_tiny("\n[programmes.p]\nstate = \"sick\"" + step)) ==
        "x.toml:3: programmes.p.state = \"sick\" must be a state with follow-up ([states.sick.follow_up])");
  CHECK(error_of(extending_tiny("\n[programmes.p]\nstate = \"unemployd\"" + step)) ==
        "x.toml:3: programmes.p.state = \"unemployd\" is not a declared state (did you mean 'unemployed'?)");
  CHECK(error_of(extending_tiny("\n[programmes.p]\nstate = \"unemployed\"\nsteps = []")) ==
        "x.toml:4: programmes.p.steps needs at least one step");
  CHECK(error_of(extending_tiny("\n[programmes.p]\nstate = \"unemployed\"\nlable = \"x\"" + step)) ==
        "x.toml:4: unknown key 'programmes.p.lable' (did you mean 'label'?)");
  CHECK(error_of(extending_tiny("\n[programmes.intensive]\nstate = \"unemployed\"" + step)) ==
        "x.toml:2: programmes.intensive: \"intensive\" is the name of a built-in policy; give the programme "
        "another name");
}

TEST_CASE("programme_loader: a loop of steps that end at once is refused", "[models]") {
  // start waits, then a and b each end at a spell duration; b goes back to a.
  const std::string steps = extending_tiny(R"(
[programmes.p]
state = "unemployed"
[[programmes.p.steps]]
name = "start"
for_weeks = 2
[[programmes.p.steps]]
name = "a"
)");
  const std::string loop_back = "\n[[programmes.p.steps]]\nname = \"b\"\nuntil_weeks = 20\nthen = \"a\"";
  const std::string message =
      "x.toml:13: programmes.p.steps[2].then = \"a\": steps a -> b -> a form a loop that never waits: each "
      "ends at once when entered past its until_weeks; give one of them for_weeks alone, or no window";
  CHECK(error_of(steps + "until_weeks = 10" + loop_back) == message);
  // A step that also has for_weeks ends at whichever comes first, so it too ends at once past until_weeks.
  CHECK(error_of(steps + "until_weeks = 10" + loop_back + "\nfor_weeks = 4") == message);
  // A step that waits breaks the loop: for_weeks alone, or going back to one that does.
  CHECK(error_of(steps + "for_weeks = 10" + loop_back) == "no error");
  CHECK(error_of(steps + "until_weeks = 10\n[[programmes.p.steps]]\nname = \"b\"\nuntil_weeks = 20\nthen = "
                         "\"start\"") == "no error");
  // A step that goes back to itself on a spell duration loops alone.
  CHECK(error_of(steps + "until_weeks = 10\nthen = \"a\"") ==
        "x.toml:10: programmes.p.steps[1].then = \"a\": steps a -> a form a loop that never waits: each ends "
        "at "
        "once when entered past its until_weeks; give one of them for_weeks alone, or no window");
}

TEST_CASE("programme_loader: contact forms and pools name their mistakes", "[models]") {
  CHECK(error_of(kProgramme + "\n[contact_forms.video]\npool = \"rooms\"") ==
        "x.toml:35: contact_forms.video.pool = \"rooms\" is not a declared pool");
  CHECK(error_of(kProgramme + "\n[contact_forms.video]\npersons_per_contact = 0.5") ==
        "x.toml:35: contact_forms.video.persons_per_contact = 0.5 must be >= 1");
  CHECK(error_of(kProgramme + "\n[contact_forms.video]\ncost_dkk = -1") ==
        "x.toml:35: contact_forms.video.cost_dkk = -1 must be >= 0");
  CHECK(
      error_of(kProgramme + "\n[pools.caseworkers]\nslots_per_week = 3") ==
      "x.toml:34: pools.caseworkers is the jobcentre's caseworkers: set their capacity in [caseworkers] and "
      "name pool = \"caseworkers\" in a contact form");
  CHECK(error_of(kProgramme + "\n[pools.team]\nlabel = \"team\"") ==
        "x.toml:34: pools.team.slots_per_week is required");
  CHECK(error_of(kProgramme + "\n[pools.team]\nslots_per_week = [1, -2]") ==
        "x.toml:35: pools.team.slots_per_week[1] = -2 must be >= 0");
  // tiny.toml runs 12 months.
  CHECK(error_of(kProgramme + "\n[pools.team]\nslots_per_week = [1,1,1,1,1,1,1,1,1,1,1,1,1]") ==
        "x.toml:35: pools.team.slots_per_week has 13 values; at most 12 are allowed (one per month of the "
        "run)");
  CHECK_THAT(
      error_of(kProgramme + "\n[pools.team]\nslots_per_week = 1\nslots_by_jobcentre = { Atlantis = 2 }"),
      Catch::Matchers::StartsWith(
          "x.toml:36: pools.team.slots_by_jobcentre.Atlantis is not a jobcentre in "));
}

TEST_CASE("programme_loader: offers' eligibility is range-checked", "[models]") {
  CHECK(error_of(extending_tiny("\n[offers.course]\nmin_spell_weeks = 26\nmax_spell_weeks = 26")) ==
        "x.toml:4: offers.course.max_spell_weeks = 26 must be > min_spell_weeks (26)");
  CHECK(error_of(extending_tiny("\n[offers.course]\nmin_spell_weeks = -1")) ==
        "x.toml:3: offers.course.min_spell_weeks = -1 must be >= 0");
  CHECK(error_of(extending_tiny("\n[offers.course]\nage_bands = [\"under_30\", \"over_30\"]")) ==
        "x.toml:3: offers.course.age_bands[1] = \"over_30\" must be \"under_30\" or \"30_plus\"");
  CHECK(error_of(extending_tiny("\n[offers.course]\nage_bands = []")) ==
        "x.toml:3: offers.course.age_bands must name at least one age band");
  CHECK(error_of(extending_tiny("\n[offers.course]\nstates = [\"unemploed\"]")) ==
        "x.toml:3: offers.course.states[0] = \"unemploed\" is not a declared state (did you mean "
        "'unemployed'?)");
  // An offer open only to a state that does not offer it is never offered (named where it was declared).
  CHECK(error_of(extending_tiny("\n[offers.course]\nstates = [\"sick\"]")) ==
        kTiny +
            ":48: offers.course is never offered: give it a weight > 0 in an offer_mix in a state it is open "
            "to (the state's follow_up, a programme step or a trial arm), or remove it");
}

TEST_CASE("programme_loader: states and cohorts choose programmes of their own state", "[models]") {
  const std::string follow_up = kProgramme + "\n[states.unemployed.follow_up]\n";
  CHECK(error_of(follow_up + "programme = \"fast_strat\"") ==
        "x.toml:35: states.unemployed.follow_up.programme = \"fast_strat\" is not a declared programme (did "
        "you "
        "mean 'fast_start'?)");
  CHECK(error_of(follow_up + "policy_by_jobcentre = { Vest = \"normal\" }\nprogramme_by_jobcentre = { Vest = "
                             "\"fast_start\" }") ==
        "x.toml:36: states.unemployed.follow_up.programme_by_jobcentre.Vest: "
        "states.unemployed.follow_up.policy_by_jobcentre names the jobcentre too; give it a policy or a "
        "programme, not both");
  CHECK(
      error_of(kProgramme + "\n[states.sick.follow_up]\nfirst_interview_weeks = 8\ninterview_every_weeks = "
                            "8\noffer_probability = 0\nprogramme = \"fast_start\"") ==
      "x.toml:38: states.sick.follow_up.programme = \"fast_start\" must be a programme for states.sick, but "
      "programmes.fast_start.state = \"unemployed\"");
  const std::string cohort =
      kProgramme +
      "\n[[cohorts]]\nname = \"layoff\"\ndate = 2020-03-01\njobcentre = \"Vest\"\npersons = "
      "50\n";
  CHECK(error_of(cohort + "entry = { sick = 1 }\npolicy = \"fast_start\"") ==
        "x.toml:40: cohorts[0].policy = \"fast_start\" is a programme for states.unemployed, which the "
        "cohort's "
        "entry gives no share");
  CHECK(error_of(cohort + "entry = { unemployed = 1 }\npolicy = \"fast\"") ==
        "x.toml:40: cohorts[0].policy = \"fast\" must be \"normal\", \"intensive\", \"risk_targeted\" or "
        "\"fast_start\"");
}

TEST_CASE("programme_loader: trial arms follow programmes by date of birth", "[models]") {
  const Scenario s = load_text(with_trial("randomization = \"date_of_birth\"", "birth_days = [1, 2, 3]",
                                          {"programme = \"fast_start\"", "effect_from_step = \"course\"",
                                           "job_finding_multiplier = 1.1\njobcentres = [\"Vest\"]\nbirth_"
                                           "days = [4, 31]\nprogramme_by_jobcentre = { Vest = \"fast_start\" "
                                           "}\nother_actors = false"}));
  REQUIRE(s.trial);
  CHECK(s.trial->randomization == Randomization::date_of_birth);
  const auto& control = s.trial->arms[0];
  CHECK(control.birth_days == std::vector<int>{1, 2, 3});
  CHECK(control.programme.empty());
  CHECK(control.jobcentres.empty());
  CHECK_FALSE(control.other_actors);
  const auto& fast = s.trial->arms[1];
  CHECK(fast.programme == "fast_start");
  CHECK(fast.programme_by_jobcentre == std::map<std::string, std::string>{{"Vest", "fast_start"}});
  CHECK(fast.jobcentres == std::vector<std::string>{"Vest"});
  CHECK(fast.effect_from_step == "course");
  CHECK(fast.job_finding_multiplier == 1.1);
  CHECK(fast.birth_days == std::vector<int>{4, 31});
}

TEST_CASE("programme_loader: trial arms' mistakes name the file, the line and the key", "[models]") {
  const std::string by_birth = "randomization = \"date_of_birth\"";
  const std::string individual = "randomization = \"individual\"";
  CHECK(error_of(with_trial(by_birth, "birth_days = [1, 2, 3]", {"birth_days = [3, 4]", kNone, kNone})) ==
        "x.toml:43: trial.arms[1].birth_days[0] = 3 is a birth day of trial.arms[0] too, which runs in a "
        "jobcentre of this arm");
  // Arms in different jobcentres (regions) may share days: each region has its own arms.
  const Scenario regions =
      load_text(with_trial(by_birth, "birth_days = [1, 2]\njobcentres = [\"Vest\"]",
                           {"birth_days = [1, 2]", "jobcentres = [\"Nord, Syd\"]", kNone}));
  CHECK(regions.trial->arms[1].birth_days == std::vector<int>{1, 2});
  CHECK(error_of(with_trial(by_birth, "birth_days = [1, 1]", {"birth_days = [3]", kNone, kNone})) ==
        "x.toml:40: trial.arms[0].birth_days[1] = 1 repeats a day of this arm");
  CHECK(error_of(with_trial(by_birth, "birth_days = [0]", {"birth_days = [3]", kNone, kNone})) ==
        "x.toml:40: trial.arms[0].birth_days[0] = 0 must be a day of the month, 1 to 31");
  CHECK(error_of(with_trial(by_birth, kNone, {"birth_days = [3]", kNone, kNone})) ==
        "x.toml:38: trial.arms[0].birth_days is required because trial.randomization = \"date_of_birth\"");
  CHECK(error_of(with_trial(individual, "birth_days = [1]", {kNone, kNone, kNone})) ==
        "x.toml:40: trial.arms[0].birth_days needs trial.randomization = \"date_of_birth\"");
  CHECK(error_of(
            with_trial(individual, kNone,
                       {"programme = \"fast_start\"", "follow_up = { interview_every_weeks = 2 }", kNone})) ==
        "x.toml:43: trial.arms[1].programme replaces the arm's policy and follow_up: give "
        "trial.arms[1].programme or trial.arms[1].follow_up, not both");
  CHECK(
      error_of(with_trial(
          individual, kNone,
          {"programme = \"fast_start\"", "effect_from_step = \"cours\"", "job_finding_multiplier = 1.1"})) ==
      "x.toml:44: trial.arms[1].effect_from_step = \"cours\" is not a declared step of programmes.fast_start "
      "(did you mean 'course'?)");
  CHECK(error_of(with_trial(individual, kNone,
                            {"programme = \"fast_start\"", "effect_from_step = \"course\"", kNone})) ==
        "x.toml:44: trial.arms[1].effect_from_step needs trial.arms[1].job_finding_multiplier, the effect it "
        "starts");
  CHECK(error_of(with_trial(individual, kNone, {kNone, "effect_from_step = \"course\"", kNone})) ==
        "x.toml:44: trial.arms[1].effect_from_step needs trial.arms[1].programme or programme_by_jobcentre");
  CHECK(error_of(with_trial(individual, kNone, {"other_actors = true", kNone, kNone})) ==
        "x.toml:43: trial.arms[1].other_actors = true needs other actors: "
        "states.unemployed.follow_up.other_actor_weeks > 0");
  CHECK(error_of(with_trial(individual + "\njobcentres = [\"Vest\"]", kNone,
                            {kNone, "jobcentres = [\"Nord, Syd\"]", kNone})) ==
        "x.toml:45: trial.arms[1].jobcentres[0] = \"Nord, Syd\" is not one of trial.jobcentres");
  CHECK(
      error_of(with_trial(individual, kNone,
                          {"jobcentres = [\"Vest\"]", kNone,
                           "programme_by_jobcentre = { \"Nord, Syd\" = \"fast_start\" }"})) ==
      "x.toml:45: trial.arms[1].programme_by_jobcentre.\"Nord, Syd\" is not one of trial.arms[1].jobcentres");
  CHECK(error_of(with_trial("randomization = \"by_birth\"", kNone, {kNone, kNone, kNone})) ==
        "x.toml:37: trial.randomization = \"by_birth\" must be \"individual\", \"cluster\" or "
        "\"date_of_birth\"");
}

TEST_CASE("programme_loader: an offer given only in a trial arm or a programme step is offered", "[models]") {
  const std::string coaching = "\n[offers.coaching]\nduration_weeks = 4\nplaces = 10";
  // Line 46 declares the offer; without the arm's offer_mix it would never be offered.
  CHECK(error_of(with_trial("# individual", kNone, {kNone, kNone, kNone}) + coaching) ==
        "x.toml:46: offers.coaching is never offered: give it a weight > 0 in an offer_mix in a state it is "
        "open "
        "to (the state's follow_up, a programme step or a trial arm), or remove it");
  const Scenario s = load_text(
      with_trial("# individual", kNone, {"follow_up = { offer_mix = { coaching = 1 } }", kNone, kNone}) +
      coaching);
  CHECK(s.trial->arms[1].follow_up.offer_mix == std::map<std::string, double>{{"coaching", 1}});
  CHECK(error_of(kProgramme + "\noffer_mix = { coaching = 1 }" + coaching) == "no error");
}

TEST_CASE("programme_loader: an offer of a programme step completes into its state in the graph",
          "[models]") {
  // Only the last step offers the job; its completion moves persons from unemployed (0) to employed (1).
  const Scenario s = load_text(kProgramme +
                               "\noffer_mix = { job = 1 }\n[offers.job]\nduration_weeks = 4\nplaces = "
                               "10\ncompletion_state = \"employed\"");
  const auto graph = labsim::models::build_state_graph(s);
  std::vector<std::size_t> completed_into;
  for (const auto& edge : boost::make_iterator_range(boost::out_edges(0, graph))) {
    if (graph[edge].kind == labsim::models::EdgeKind::completion)
      completed_into.push_back(boost::target(edge, graph));
  }
  CHECK(completed_into == std::vector<std::size_t>{1});
  // The same offer open only to sick is not given in unemployed, so it neither completes nor is offered.
  CHECK_THAT(
      error_of(kProgramme +
               "\noffer_mix = { job = 1 }\n[offers.job]\nduration_weeks = 4\nplaces = 10\ncompletion_state = "
               "\"employed\"\nstates = [\"sick\"]"),
      Catch::Matchers::Contains("offers.job is never offered"));
}

TEST_CASE("programme_loader: a cohort's bonus and grant read as written and name their mistakes",
          "[models]") {
  const std::string cohort = extending_tiny(
      "\n[[cohorts]]\nname = \"group\"\ndate = 2020-03-01\njobcentre = \"Vest\"\npersons = 50\nentry = { "
      "unemployed = 1 }\nbonus_per_job_dkk = 40000\n");
  const Scenario sc =
      load_text(cohort +
                "grant = { amount_dkk = 1e6, results_share = 0.25, goal_percent = 80, goal_month = "
                "2020-06-01 }");
  REQUIRE(sc.cohorts[0].grant);
  CHECK(sc.cohorts[0].bonus_per_job_dkk == 40000);
  CHECK(sc.cohorts[0].grant->amount_dkk == 1e6);
  CHECK(sc.cohorts[0].grant->results_share == 0.25);
  CHECK(sc.cohorts[0].grant->goal_percent == 80);
  CHECK(sc.cohorts[0].grant->goal_month == std::chrono::year{2020} / std::chrono::June / 1);
  CHECK(error_of(cohort + "grant = { amount_dkk = 1e6, results_share = 1.5, goal_percent = 80 }") ==
        "x.toml:9: cohorts[0].grant.results_share = 1.5 must be in [0, 1]");
  CHECK(error_of(cohort + "grant = { amount_dkk = 1e6, results_share = 0.25, goal_percent = 80, goal_month = "
                          "2020-06-15 }") ==
        "x.toml:9: cohorts[0].grant.goal_month = 2020-06-15 must be the first day of a month");
  CHECK(error_of(cohort + "grant = { amount_dkk = 1e6, results_share = 0.25, goal_percnt = 80 }") ==
        "x.toml:9: unknown key 'cohorts[0].grant.goal_percnt' (did you mean 'goal_percent'?)");
}

TEST_CASE("programme_loader: passive reimbursement by spell duration reads as written", "[models]") {
  const std::string money = extending_tiny(
      "\n[money]\nreimbursement = \"r\"\n[money.rules.r]\nbenefit_passive_by_weeks = { sick = { breaks_weeks "
      "= ");
  const Scenario sc = load_text(money + "[4, 26], shares = [1.0, 0.5, 0.0] } }");
  const auto& bands = sc.money.rule_sets[0].benefit_passive_by_weeks.at("sick");
  CHECK(bands.breaks_weeks == std::vector<double>{4, 26});
  CHECK(bands.shares == std::vector<double>{1.0, 0.5, 0.0});
  CHECK(error_of(money + "[4, 26], shares = [1.0, 0.5] } }") ==
        "x.toml:5: money.rules.r.benefit_passive_by_weeks.sick.shares has 2 values but needs 3: one per band "
        "of breaks_weeks");
  CHECK(
      error_of(money + "[26, 4], shares = [1.0, 0.5, 0.0] } }") ==
      "x.toml:5: money.rules.r.benefit_passive_by_weeks.sick.breaks_weeks[1] = 4 must be > the break before "
      "it (26)");
}

TEST_CASE("programme_loader: a programme has at most 32 steps", "[models]") {
  std::string steps;
  for (int i = 0; i < 33; ++i)
    steps += "\n[[programmes.many.steps]]\nname = \"s" + std::to_string(i) + "\"\nfor_weeks = 1";
  const std::string text = extending_tiny("\n[programmes.many]\nstate = \"unemployed\"" + steps);
  CHECK(error_of(text) == "x.toml:4: programmes.many.steps has 33 steps; at most 32 are allowed");
}
