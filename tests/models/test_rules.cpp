// The rules both engines apply (models/rules/), each on small hand-built compiled data, and the compiler's
// resolution of follow-up policies.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <limits>

#include "models/compile_programme.hpp"
#include "models/compiled.hpp"
#include "models/model.hpp"
#include "models/rules/age_band.hpp"
#include "models/rules/benefit_limit.hpp"
#include "models/rules/exits.hpp"
#include "models/rules/follow_up.hpp"
#include "models/rules/offer_choice.hpp"
#include "models/rules/shares.hpp"
#include "models/rules/timeliness.hpp"

using namespace labsim;
using namespace labsim::models;

namespace {

constexpr double kDaysPerMonth = 365.25 / 12;

// A state whose policies are told apart by their first interview day: normal 1, intensive 2, risk-targeted 3.
CompiledState state_with_policies(bool intensive, bool risk_targeted) {
  CompiledState s;
  s.has_follow_up = true;
  s.programmes.resize(kPolicyCount);
  for (std::size_t p = 0; p < kPolicyCount; ++p) {
    s.programmes[p].steps.resize(1);
    s.programmes[p].steps[0].policy.first_interview_days = static_cast<double>(p + 1);
  }
  s.other_actor.steps.resize(1);
  s.has_policy = {true, intensive, risk_targeted};
  return s;
}

// One band from duration 0 with the same hazard per day for every group, in normal times.
CompiledState constant_hazard_state(double hazard_per_day) {
  CompiledState s;
  s.band_start_days = {0};
  s.normal_hazard_per_day.assign(kGroupCount, hazard_per_day);
  return s;
}

// Exits with the given hazards per day (the same in every group and in one band), one cycle slot, and the
// summed tables filled as the compiler fills them.
CompiledState state_with_exits(const std::vector<Exit>& exits, const std::vector<double>& hazard_per_day) {
  CompiledState s;
  s.band_start_days = {0};
  s.exits = exits;
  const std::size_t E = exits.size();
  s.exit_cycle_factor.assign(E, 1.0);
  s.exit_hazard_per_day.assign(kGroupCount * E, 0.0);
  s.job_hazard_per_day.assign(kGroupCount, 0.0);
  s.other_hazard_per_day.assign(kGroupCount, 0.0);
  for (std::size_t g = 0; g < kGroupCount; ++g) {
    for (std::size_t e = 0; e < E; ++e) {
      s.exit_hazard_per_day[g * E + e] = hazard_per_day[e];
      (exits[e].job_finding ? s.job_hazard_per_day : s.other_hazard_per_day)[g] += hazard_per_day[e];
    }
  }
  return s;
}

}  // namespace

TEST_CASE("age_band: groups under 30 are band 0, those 30 and over band 1", "[models]") {
  CHECK(rules::age_band(group_of(true, false)) == 0);
  CHECK(rules::age_band(group_of(true, true)) == 0);
  CHECK(rules::age_band(group_of(false, false)) == 1);
  CHECK(rules::age_band(group_of(false, true)) == 1);
}

TEST_CASE("follow_up: a policy the state does not define resolves to the normal one", "[models]") {
  const CompiledState s = state_with_policies(false, true);
  CHECK(rules::resolve_policy(s, Policy::normal) == 0);
  CHECK(rules::resolve_policy(s, Policy::intensive) == 0);  // not defined: normal
  CHECK(rules::resolve_policy(s, Policy::risk_targeted) == 2);

  const std::vector<std::uint8_t> slots = {rules::resolve_policy(s, Policy::intensive),
                                           rules::resolve_policy(s, Policy::risk_targeted)};
  CHECK(&rules::follow_up_programme(s, slots, 0) == &s.programmes[0]);
  CHECK(&rules::follow_up_programme(s, slots, 1) == &s.programmes[2]);
}

TEST_CASE("follow_up: the compiler resolves jobcentre and cohort policies, falling back once", "[models]") {
  using namespace std::chrono;
  Scenario sc;
  sc.path = "rules.toml";
  sc.name = "rules";
  sc.run = {year{2011} / January / 1, 2, 1, 1};
  StateSpec f{.name = "F", .label = "F", .absorbing = true, .has_follow_up = true};
  f.follow_up.normal = {.first_interview_weeks = 1, .interview_every_weeks = 1};
  f.follow_up.intensive = FollowUpPolicy{.first_interview_weeks = 2, .interview_every_weeks = 1};
  f.follow_up.policy_by_jobcentre = {{"Y", Policy::intensive}};
  StateSpec g{.name = "G", .label = "G", .absorbing = true, .has_follow_up = true};
  g.follow_up.normal = {.first_interview_weeks = 3, .interview_every_weeks = 1};
  sc.states = {f, g};
  sc.jobcentres = {{.name = "X"}, {.name = "Y"}};
  sc.cohorts = {
      {.name = "own", .date = sc.run.start, .jobcentre = "X", .persons = 1, .entry = {{"F", 1.0}}},
      {.name = "jobcentre's", .date = sc.run.start, .jobcentre = "Y", .persons = 1, .entry = {{"F", 1.0}}}};
  sc.cohorts[0].policy = Policy::intensive;  // G has no intensive policy: its normal one
  const Model model(sc, 1.0);

  CHECK(model.jobcentre(0).policy_slot == std::vector<std::uint8_t>{0, 0});
  CHECK(model.jobcentre(1).policy_slot == std::vector<std::uint8_t>{1, 0});
  CHECK(model.cohort(0).policy_slot == std::vector<std::uint8_t>{1, 0});
  CHECK(model.cohort(1).policy_slot == model.jobcentre(1).policy_slot);  // none of its own
  CHECK(rules::follow_up_programme(model.state(0), model.cohort(0).policy_slot, 0)
            .steps[0]
            .policy.first_interview_days == 14);
  CHECK(rules::follow_up_programme(model.state(1), model.cohort(0).policy_slot, 1)
            .steps[0]
            .policy.first_interview_days == 21);
}

TEST_CASE("follow_up: other actors follow up the first weeks, until (not at) other_actor_days", "[models]") {
  CompiledState s = state_with_policies(false, false);
  s.other_actor_days = 28;
  const CompiledPolicy& own = s.programmes[0].steps[0].policy;
  CHECK(rules::followed_by_other_actor(s, 0, true));
  CHECK(rules::followed_by_other_actor(s, std::nextafter(28.0, 0.0), true));
  CHECK_FALSE(rules::followed_by_other_actor(s, 28, true));
  CHECK(&rules::active_policy(s, own, 27, true) == &s.other_actor.steps[0].policy);
  CHECK(&rules::active_policy(s, own, 28, true) == &own);
  SECTION("a trial arm without other actors is the jobcentre's from the first day") {
    CHECK_FALSE(rules::followed_by_other_actor(s, 0, false));
    CHECK(&rules::active_policy(s, own, 0, false) == &own);
  }
  SECTION("without other actors the jobcentre follows up from the start") {
    s.other_actor_days = 0;
    CHECK(&rules::active_policy(s, own, 0, true) == &own);
  }
}

TEST_CASE("follow_up: a step's window opens and closes on the right day", "[models]") {
  // Step 0 until day 120 of the spell, then step 1 for 30 days, then step 2 for good.
  CompiledProgramme p;
  p.steps.resize(3);
  p.steps[0].until_days = 120;
  p.steps[0].then = 1;
  p.steps[1].for_days = 30;
  p.steps[1].then = 2;
  CHECK(rules::step_at(p, 0) == 0);
  CHECK(rules::step_at(p, std::nextafter(120.0, 0.0)) == 0);
  CHECK(rules::step_at(p, 120) == 1);
  CHECK(rules::position_at(p, 130).step_start_days == 120);
  CHECK(rules::step_at(p, std::nextafter(150.0, 0.0)) == 1);
  CHECK(rules::step_at(p, 150) == 2);
  CHECK(rules::position_at(p, 500).step_start_days == 150);
  // The window of a kept step counts from the spell's start and from the step's, whichever closes first.
  CHECK(rules::window_end_day(p.steps[0], 10, 10) == 130);
  CHECK(rules::window_end_day(p.steps[1], 10, 200) == 230);
}

TEST_CASE("follow_up: a policy with cadence_until_weeks is two steps, the second at the normal cadence",
          "[models]") {
  Scenario sc;
  const FollowUpPolicy normal{.first_interview_weeks = 1, .interview_every_weeks = 4};
  FollowUpPolicy intensive = normal;
  intensive.interview_every_weeks = 1;
  intensive.cadence_until_weeks = 17;
  const CompiledProgramme p = detail::policy_programme(sc, intensive, normal, false);
  REQUIRE(p.steps.size() == 2);
  CHECK_FALSE(p.keeps_position);
  const CompiledState s = constant_hazard_state(0.01);
  CHECK(rules::interview_interval(s, 0, rules::policy_at(p, 0), 0) == 7);
  CHECK(rules::interview_interval(s, 0, rules::policy_at(p, std::nextafter(119.0, 0.0)), 0) == 7);
  CHECK(rules::interview_interval(s, 0, rules::policy_at(p, 119), 0) == 28);
  CHECK(rules::interview_interval(s, 0, rules::policy_at(p, 500), 0) == 28);
  // A risk-targeted policy follows the risk throughout: one step.
  CHECK(detail::policy_programme(sc, intensive, normal, true).steps.size() == 1);
}

TEST_CASE("follow_up: a risk-targeted cadence follows the risk of a long spell", "[models]") {
  // Hazard 0.01 a day: the risk of lasting past 364 days is exp(-0.01 (364 - d)), 0.5 at d = 364 - 100 ln 2.
  const CompiledState s = constant_hazard_state(0.01);
  CompiledPolicy p;
  p.risk_targeted = true;
  p.risk_threshold = 0.5;
  p.long_spell_days = 364;
  p.high_risk_every_days = 7;
  p.low_risk_every_days = 56;
  const double even = 364 - 100 * std::log(2.0);
  CHECK(rules::interview_interval(s, 3, p, 0) == 56);
  CHECK(rules::interview_interval(s, 3, p, even - 1) == 56);
  CHECK(rules::interview_interval(s, 3, p, even + 1) == 7);
  CHECK(rules::interview_interval(s, 3, p, 400) == 7);  // already long: risk 1
}

TEST_CASE("follow_up: the practice deadline is by age band; a spell at it is past it", "[models]") {
  CompiledPolicy p;
  p.first_offer_days = {91, 273};
  const std::uint8_t young = group_of(true, true), older = group_of(false, false);
  CHECK(rules::first_offer_deadline_days(p, young) == 91);
  CHECK(rules::first_offer_deadline_days(p, older) == 273);
  CHECK(rules::before_first_offer_deadline(p, young, 90.5));
  CHECK_FALSE(rules::before_first_offer_deadline(p, young, 91));
  CHECK(rules::before_first_offer_deadline(p, older, 91));
  const CompiledPolicy none{};
  CHECK(rules::before_first_offer_deadline(none, older, 1e9));  // no deadline: never reached
}

TEST_CASE("timeliness: windows close at 1 month, 3 months and the age band's legal deadline", "[models]") {
  CompiledState s;
  s.legal_first_interview_days = {14, 28};
  s.legal_first_offer_days = {91, kNoDeadline};
  const std::uint8_t young = group_of(true, false), older = group_of(false, true);
  using rules::FirstContact;
  CHECK(rules::timeliness_windows(s, FirstContact::interview, young) ==
        std::array<double, kWindows>{kDaysPerMonth, 3 * kDaysPerMonth, 14});
  CHECK(rules::timeliness_windows(s, FirstContact::interview, older)[2] == 28);
  CHECK(rules::legal_deadline_days(s, FirstContact::offer, young) == 91);
  CHECK_FALSE(rules::counts(rules::timeliness_windows(s, FirstContact::offer, older)[2]));
  // The last window to close: young persons' legal offer deadline, else 3 months.
  CHECK(rules::timeliness_settled_days(s, young) == 3 * kDaysPerMonth);
  s.legal_first_offer_days = {120, kNoDeadline};
  CHECK(rules::timeliness_settled_days(s, young) == 120);
  CHECK(rules::timeliness_settled_days(s, older) == 3 * kDaysPerMonth);
}

TEST_CASE("timeliness: a first contact on the window's last day is met, later is due and missed",
          "[models]") {
  const double w = 30;
  const auto check = [](rules::WindowCount c, bool due, bool met) {
    CHECK(c.due == due);
    CHECK(c.met == met);
  };
  check(rules::count_in_window(w, 10, true), true, true);
  check(rules::count_in_window(w, w, true), true, true);
  check(rules::count_in_window(w, std::nextafter(w, 100.0), true), true, false);
  // A spell that ends without it: due only when it outlasted the window.
  check(rules::count_in_window(w, w, false), false, false);
  check(rules::count_in_window(w, w + 1, false), true, false);
  // No legal deadline: not counted at all.
  check(rules::count_in_window(kNoDeadline, 1e9, true), false, false);
}

TEST_CASE("shares: a draw falls on the first entry whose cumulative share exceeds it", "[models]") {
  const std::vector<double> cum = {0.25, 0.25, 1.0};
  CHECK(rules::pick(cum, 0.0) == 0);
  CHECK(rules::pick(cum, 0.2499) == 0);
  CHECK(rules::pick(cum, 0.25) == 2);  // entry 1 has no share
  CHECK(rules::pick(cum, 0.999999) == 2);
  CHECK(rules::pick({0.5, 0.9999999}, 0.99999995) == 1);  // rounding short of 1: the last entry
  CHECK(rules::pick_chance(cum, 0) == 0.25);
  CHECK(rules::pick_chance(cum, 1) == 0);
  CHECK(rules::pick_chance(cum, 2) == 0.75);
  // Every share zero: pick falls on the last entry, and so does all the chance.
  CHECK(rules::pick({0.0, 0.0}, 0.3) == 1);
  CHECK(rules::pick_chance({0.0, 0.0}, 0) == 0);
  CHECK(rules::pick_chance({0.0, 0.0}, 1) == 1);
  CHECK(rules::pick_chance({}, 0) == 0);
}

TEST_CASE("offer_choice: offers are drawn with the chances the twin uses", "[models]") {
  CompiledPolicy p;
  p.offer_cumulative_share = {0.1, 0.6, 0.6, 1.0};
  // Evenly spread draws land on each offer in proportion to its chance, up to one draw in 10,000.
  constexpr int kDraws = 10000;
  std::array<int, 4> hits{};
  for (int k = 0; k < kDraws; ++k) ++hits[rules::choose_offer(p, (k + 0.5) / kDraws)];
  for (std::size_t o = 0; o < hits.size(); ++o) {
    INFO("offer " << o);
    CHECK(hits[o] / static_cast<double>(kDraws) == Approx(rules::offer_chance(p, o)).margin(1.0 / kDraws));
  }
  CHECK(hits[2] == 0);
}

TEST_CASE("offer_choice: the add-on comes only with a share and an add-on offer", "[models]") {
  CompiledOffer offer;
  CHECK_FALSE(rules::may_add_on(offer, 3));
  offer.add_on_share = 0.4;
  CHECK(rules::may_add_on(offer, 3));
  CHECK_FALSE(rules::may_add_on(offer, kNoOffer));
}

TEST_CASE("benefit_limit: the old rule's longer limit holds for spells begun before it ended", "[models]") {
  CompiledLimit limit;
  limit.max_days = 100;
  limit.extension_share = 0.5;
  limit.extension_days = 10;
  limit.has_old_rule = true;
  limit.old_rule_until_day = 50;
  limit.old_max_days = 200;
  limit.old_rule_ends_day = 150;
  CHECK(rules::limit_day(limit, 0, 0) == 150);    // old rule, cut at the day it ends
  CHECK(rules::limit_day(limit, -80, 0) == 120);  // old rule's 200 days end first
  CHECK(rules::limit_day(limit, 49, 0) == 150);   // 101 days left under the old rule
  CHECK(rules::limit_day(limit, 50, 0) == 150);   // at the old rule's end: the new limit
  CHECK(rules::limit_day(limit, 60, 2) == 180);   // and extensions
  CHECK(rules::may_extend(limit, 254));
  CHECK_FALSE(rules::may_extend(limit, 255));
  limit.extension_share = 0;
  CHECK_FALSE(rules::may_extend(limit, 0));
}

TEST_CASE("benefit_limit: destinations are drawn from their shares", "[models]") {
  CompiledLimit limit;
  limit.to_cumulative_share = {0.0, 0.3, 1.0};
  CHECK(rules::choose_limit_destination(limit, 0.1) == 1);
  CHECK(rules::choose_limit_destination(limit, 0.3) == 2);
  CHECK(rules::limit_destination_chance(limit, 0) == 0);
  CHECK(rules::limit_destination_chance(limit, 2) == Approx(0.7));
}

TEST_CASE("exits: a duration's band is the last one starting at or before it", "[models]") {
  CompiledState s;
  s.band_start_days = {0, 30, 90};
  CHECK(rules::band_at(s, 0) == 0);
  CHECK(rules::band_at(s, std::nextafter(30.0, 0.0)) == 0);
  CHECK(rules::band_at(s, 30) == 1);
  CHECK(rules::band_at(s, 90) == 2);
  CHECK(rules::band_at(s, 1e6) == 2);
  CHECK(rules::band_at(s, 95, 1) == 2);  // searched on from a band already reached
}

TEST_CASE("exits: the cycle slot is the month, clamped to the state's slots", "[models]") {
  CompiledState s;
  CHECK(rules::cycle_slot(s, 5) == 0);  // no business cycle: one slot
  s.cycle_slots = 12;
  CHECK(rules::cycle_slot(s, 5) == 5);
  CHECK(rules::cycle_slot(s, 20) == 11);
}

TEST_CASE("exits: an exit is chosen in proportion to its multiplied hazard; impossible ones never",
          "[models]") {
  // Job finding 0.02 a day, another exit 0.01, and a job exit without hazard.
  const CompiledState s = state_with_exits(
      {{.to = 1, .job_finding = true}, {.to = 2, .job_finding = false}, {.to = 3, .job_finding = true}},
      {0.02, 0.01, 0.0});
  const std::uint8_t g = 2;
  const std::size_t cell = rules::hazard_cell(s, 0, g, 0);
  CHECK(rules::exit_rate_per_day(s, cell, 2.0, 1.0) == Approx(0.05));
  CHECK(rules::exit_hazard_per_day(s, 0, g, 0, 1) == 0.01);
  // With job finding doubled, 80% of exits find a job.
  CHECK(rules::choose_exit(s, 0, g, 0, 2.0, 1.0, 0.79).to == 1);
  CHECK(rules::choose_exit(s, 0, g, 0, 2.0, 1.0, 0.81).to == 2);
  // A draw at the very end falls on the last possible exit, not the one without hazard.
  CHECK(rules::choose_exit(s, 0, g, 0, 2.0, 1.0, 1.0).to == 2);
  // Without job finding only the other exit can happen.
  CHECK(rules::choose_exit(s, 0, g, 0, 0.0, 1.0, 0.0).to == 2);
}
