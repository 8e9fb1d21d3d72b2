// Programmes on hand-made timelines: steps' windows and events, contacts booked on entry, offer
// eligibility, capacity pools, repeated activation, a trial arm's effect from a step, and date-of-birth
// assignment. Every timeline here has a known answer: cohorts arrive on day 0 and states have no exits.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "models/counts/costs.hpp"
#include "models/rules/birth_day.hpp"
#include "models/rules/follow_up.hpp"
#include "models/twin/markov_twin.hpp"
#include "results/file/run_output.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;
using namespace std::chrono;

namespace {

constexpr auto kStart = year{2011} / January / 1;  // months start on days 0, 31, 59, 90, 120, 151, 181, ...
constexpr double kPersons = 20;
constexpr double kNoContacts = 1000;  // weeks: beyond every horizon here

// Absorbing state F followed up by programme `p` (for every jobcentre); a cohort of `persons` on day 0.
models::Scenario programme_scenario(models::Programme p, int months, double persons = kPersons) {
  auto sc = testing::empty_scenario(kStart, months);
  auto f = testing::followed_up_state(
      "F", {.first_interview_weeks = kNoContacts, .interview_every_weeks = kNoContacts});
  p.state = "F";
  f.follow_up.programme = p.name;
  sc.states = {f};
  sc.programmes = {std::move(p)};
  sc.cohorts = {{.name = "c", .date = kStart, .jobcentre = "X", .persons = persons, .entry = {{"F", 1.0}}}};
  return sc;
}

// A step whose follow-up is `policy`, with the window and flags given.
models::ProgrammeStep step(std::string name, models::FollowUpPolicy policy) {
  return {.name = std::move(name), .follow_up = std::move(policy)};
}

models::FollowUpPolicy contacts_every(double first_weeks, double every_weeks) {
  return {.first_interview_weeks = first_weeks, .interview_every_weeks = every_weeks};
}

std::vector<double> monthly(const models::StateByMonth& counts) {
  std::vector<double> out;
  for (std::size_t m = 0; m < counts.extent(0); ++m) out.push_back(counts.at(m, 0));
  return out;
}

std::vector<double> starts_of(const models::TaskTally& t, std::size_t offer) {
  std::vector<double> out;
  for (std::size_t m = 0; m < t.offer_starts.extent(0); ++m) out.push_back(t.offer_starts.at(m, 0, offer));
  return out;
}

}  // namespace

TEST_CASE("programmes: a step's window closes on its day and the next step's first contact follows it",
          "[models]") {
  // No contacts for 4 weeks; then a step that books its first contact 1 week after it begins (day 35) and
  // meets every 4 weeks: days 35, 63, 91, 119, 147, 175.
  models::Programme p{.name = "late_start"};
  p.steps = {step("wait", contacts_every(kNoContacts, kNoContacts)), step("meet", contacts_every(1, 4))};
  p.steps[0].until_weeks = 4;
  p.steps[1].books_first_contact = true;
  const auto run = testing::simulate(programme_scenario(p, 6), 1);
  CHECK(run.model->keeps_positions());
  // January none, February 35, March 63, April 91 and 119, May 147, June 175.
  CHECK(monthly(run.task().interviews) ==
        std::vector<double>{0, kPersons, kPersons, 2 * kPersons, kPersons, kPersons});
}

TEST_CASE("programmes: the cadence switches on placement to the next step's, counted from the placement",
          "[models]") {
  // Weekly contact; the first contact (day 7) offers an internship in a firm: a placement, after which the
  // step "monthly" meets every 4 weeks: days 35, 63, 91, 119, 147, 175.
  auto sc = programme_scenario({.name = "broker"}, 6);
  sc.offers = {{.name = "internship",
                .label = "internship",
                .duration_weeks = 200,
                .places_by_jobcentre = {{"X", 1000}},
                .company_based = true}};
  models::FollowUpPolicy weekly = contacts_every(1, 1);
  weekly.offer_probability = 1;
  weekly.offer_mix = {{"internship", 1.0}};
  sc.programmes[0].steps = {step("weekly", weekly), step("monthly", contacts_every(1, 4))};
  sc.programmes[0].steps[0].on[static_cast<std::size_t>(models::StepEvent::placement)] = "monthly";
  const auto run = testing::simulate(sc, 1);
  // January: day 7 only (the weekly ones at 14, 21, 28 never come). Then one every 4 weeks from day 35.
  CHECK(monthly(run.task().interviews) ==
        std::vector<double>{kPersons, kPersons, kPersons, 2 * kPersons, kPersons, kPersons});
  CHECK(starts_of(run.task(), 0) == std::vector<double>{kPersons, 0, 0, 0, 0, 0});
  SECTION("without the event the weekly cadence goes on") {
    sc.programmes[0].steps[0].on = {};
    const auto weekly_run = testing::simulate(sc, 1);
    CHECK(monthly(weekly_run.task().interviews)[0] == 4 * kPersons);  // days 7, 14, 21, 28
  }
}

TEST_CASE("programmes: an offer with 26-week eligibility never starts before week 26", "[models]") {
  // Weekly contacts, each of which offers job rotation; rotation is open from 26 weeks of spell (day 182,
  // in July). Without the rule everybody starts at the first contact, in January.
  models::FollowUpPolicy weekly = contacts_every(1, 1);
  weekly.offer_probability = 1;
  weekly.offer_mix = {{"rotation", 1.0}};
  models::Programme p{.name = "rotation"};
  p.steps = {step("weekly", weekly)};
  auto sc = programme_scenario(p, 8);
  sc.offers = {
      {.name = "rotation", .label = "rotation", .duration_weeks = 200, .places_by_jobcentre = {{"X", 1000}}}};
  sc.offers[0].min_spell_weeks = 26;
  const auto run = testing::simulate(sc, 1);
  CHECK(run.model->restricted_offers());
  // Contacts at 7, 14, ..., 182 = 26 weeks exactly (eligible: at least 26 weeks), which is in July.
  CHECK(starts_of(run.task(), 0) == std::vector<double>{0, 0, 0, 0, 0, 0, kPersons, 0});
  SECTION("from day one") {
    sc.offers[0].min_spell_weeks = 0;
    const auto day_one = testing::simulate(sc, 1);
    CHECK(starts_of(day_one.task(), 0)[0] == kPersons);
  }
}

TEST_CASE("programmes: a pool of 25 slots a week serves at most 25 a week, and waits grow with demand",
          "[models]") {
  // Everybody's one contact is asked for on day 7, as a meeting of a pool with 25 slots a week: the k-th
  // (k = 0, 1, ...) is held on day 7 + 7k/25 and waits 7k/25 days.
  const auto run_with = [](double persons) {
    models::Programme p{.name = "meetings"};
    p.steps = {step("meet", contacts_every(1, kNoContacts))};
    p.steps[0].contact_form = "meeting";
    auto sc = programme_scenario(p, 2, persons);
    sc.pools = {{.name = "room", .label = "room", .slots_per_week = {25}}};
    sc.contact_forms = {{.name = "meeting", .label = "meeting", .pool = "room"}};
    return testing::simulate(sc, 1);
  };
  const auto run = run_with(100);
  const models::TaskTally& t = run.task();
  // Held in January (day < 31): 7 + 7k/25 < 31, k <= 85: 86; the other 14 in February.
  CHECK(monthly(t.interviews) == std::vector<double>{86, 14});
  // No 7-day stretch holds more than 25: the slots are 7/25 days apart.
  CHECK(86 <= 25.0 * (31 - 7) / 7 + 1);
  // Mean wait: (7/25) (0 + 1 + ... + 99) / 100 days = 99/50 weeks.
  CHECK(t.pool_contacts.at(0, 1) == 100);
  CHECK(t.pool_wait_days.at(0, 1) / t.pool_contacts.at(0, 1) / 7 == Approx(99.0 / 50).epsilon(1e-12));
  // Slots used in January: the 100 asked for; slots there: 25/7 a day for 31 days.
  CHECK(t.pool_slots.at(0, 1) == Approx(25.0 / 7 * 31).epsilon(1e-12));
  CHECK(t.pool_slots_used.at(0, 1) == 100);
  // Half the demand waits half as long per person, in proportion: (7/25)(49/2) days = 49/50 weeks.
  const auto half = run_with(50);
  CHECK(half.task().pool_wait_days.at(0, 1) / 50 / 7 == Approx(49.0 / 50).epsilon(1e-12));
}

TEST_CASE("programmes: repeated activation starts a new offer no later than N weeks after the last ended",
          "[models]") {
  // No contacts. The first offer is due at week 1 (day 7); each lasts 4 weeks; a new one is due 13 weeks
  // after the last ended: starts on days 7, 7 + 28 + 91 = 126, 126 + 119 = 245.
  models::FollowUpPolicy quiet = contacts_every(kNoContacts, kNoContacts);
  quiet.offer_mix = {{"course", 1.0}};
  quiet.first_offer_weeks = {1, 1};
  models::Programme p{.name = "repeat"};
  p.steps = {step("active", quiet)};
  p.steps[0].repeat_offer_within_weeks = 13;
  auto sc = programme_scenario(p, 10);
  sc.offers = {
      {.name = "course", .label = "course", .duration_weeks = 4, .places_by_jobcentre = {{"X", 1000}}}};
  const auto run = testing::simulate(sc, 1);
  // Day 126 is in May, day 245 in September (which starts on day 243).
  CHECK(starts_of(run.task(), 0) == std::vector<double>{kPersons, 0, 0, 0, kPersons, 0, 0, 0, kPersons, 0});
  SECTION("without the rule one offer is all") {
    sc.programmes[0].steps[0].repeat_offer_within_weeks = models::kNoDeadline;
    const auto once = testing::simulate(sc, 1);
    CHECK(testing::total(once.task().offer_starts) == kPersons);
  }
}

TEST_CASE("programmes: an arm's effect from a step multiplies job finding only from that step on",
          "[models]") {
  auto sc = testing::trial_scenario(2.0, 100, 1);
  sc.states[0].has_follow_up = true;
  sc.states[0].follow_up.normal = contacts_every(kNoContacts, kNoContacts);
  models::Programme p{.name = "late", .state = "sick"};
  p.steps = {step("first_weeks", contacts_every(kNoContacts, kNoContacts)),
             step("active", contacts_every(kNoContacts, kNoContacts)),
             step("after", contacts_every(kNoContacts, kNoContacts))};
  p.steps[0].until_weeks = 8;
  p.steps[1].until_weeks = 12;
  sc.programmes = {p};
  sc.trial->arms[1].programme = "late";
  sc.trial->arms[1].effect_from_step = "active";
  const models::Model model(sc, 1.0);
  const models::CompiledTrialArm& arm = model.trial()->arms[1];
  CHECK(arm.job_multiplier == 1);  // the steps carry it
  const models::CompiledProgramme& compiled = arm.programme(0);
  CHECK(compiled.steps[0].job_multiplier == 1);
  CHECK(compiled.steps[1].job_multiplier == 2);
  CHECK(compiled.steps[2].job_multiplier == 2);  // it stays
  CHECK(models::rules::step_at(compiled, 8 * 7 - 1) == 0);
  CHECK(models::rules::step_at(compiled, 8 * 7) == 1);
}

TEST_CASE("programmes: days of birth are as common as in the calendar", "[models]") {
  // An even grid of draws falls on each day in proportion to its births a year: 12 in 365.25 for days 1-28.
  constexpr int n = 365250;
  std::array<int, 32> count{};
  for (int i = 0; i < n; ++i) ++count[models::rules::birth_day_of_month((i + 0.5) / n)];
  for (std::uint32_t d = 1; d <= 31; ++d)
    CHECK(std::abs(count[d] - models::rules::births_on_day(d) * 1000) <= 1);
}

TEST_CASE("programmes: date-of-birth assignment is reproducible and balanced", "[models]") {
  // Days 1-15 to the control arm, 16-31 to the other: 180 of 365.25 births a year, 0.4928, in the first.
  auto sc = testing::trial_scenario(1.0, 2000, 1);
  sc.trial->randomization = models::Randomization::date_of_birth;
  for (int d = 1; d <= 31; ++d) sc.trial->arms[d <= 15 ? 0 : 1].birth_days.push_back(d);
  const auto count_control = [&](std::uint64_t seed) {
    const models::Model model(sc, 1.0);
    const auto run = models::simulate_trial(model, {.replications = 1, .seed = seed, .threads = 1});
    double control = 0;
    for (const models::TrialRecord& r : run.records) control += r.arm == 0 ? 1 : 0;
    return std::pair{control, static_cast<double>(run.records.size())};
  };
  const auto [control, all] = count_control(7);
  REQUIRE(all > 3000);
  const double expected = 180 / 365.25;
  // Binomial: 4 standard errors (about 0.036 at n = 3,000) bound a chance failure well below 1e-4.
  CHECK(std::abs(control / all - expected) < 4 * std::sqrt(expected * (1 - expected) / all));
  CHECK(count_control(7) == std::pair{control, all});  // the same seed, the same arms
}

TEST_CASE("programmes: a grant pays its results share in the replications that meet the goal", "[models]") {
  // A cohort of 200 on benefit A leaves for a job (W, off support) at 0.5 a month. The goal is set at the
  // median of the replications' percent placed in April, so that some meet it and some do not.
  auto sc = testing::empty_scenario(kStart, 6);
  sc.run.replications = 40;
  sc.states = {{.name = "A", .label = "A"}, testing::absorbing_state("W", false)};
  sc.transitions = {{.from = "A", .to = "W", .job_finding = true, .hazard_per_month = {0.5}}};
  sc.cohorts = {{.name = "c", .date = kStart, .jobcentre = "X", .persons = 200, .entry = {{"A", 1.0}}}};
  sc.cohorts[0].bonus_per_job_dkk = 10000;
  const auto run_output = [](const models::Scenario& s) {
    const models::Model model(s, 1.0);
    const auto run = models::simulate(model, {.replications = s.run.replications, .seed = 5, .threads = 2});
    return results::make_run_output(model, run, {});
  };
  constexpr std::size_t kApril = 3;
  const auto free_run = run_output(sc);
  const results::AxesView<3> placed(free_run.array("cohort_placed_share"),
                                    {"replication", "month", "cohort"});
  std::vector<double> april;
  for (std::size_t r = 0; r < 40; ++r) april.push_back(placed(r, kApril, 0));
  std::nth_element(april.begin(), april.begin() + 20, april.end());

  sc.cohorts[0].grant = models::Grant{.amount_dkk = 1e6,
                                      .results_share = 0.25,
                                      .goal_percent = april[20],
                                      .goal_month = year{2011} / April / 1};
  const auto out = run_output(sc);
  const results::AxesView<3> met(out.array("grant_goal_met"), {"replication", "month", "cohort"});
  const results::AxesView<2> paid(out.array("grant_paid_dkk"), {"replication", "cohort"});
  double meeting = 0, mean_paid = 0;
  for (std::size_t r = 0; r < 40; ++r) {
    for (std::size_t m = 0; m < 6; ++m) CHECK(met(r, m, 0) == (placed(r, m, 0) >= april[20] ? 1.0 : 0.0));
    CHECK(paid(r, 0) == 750000 + 250000 * met(r, kApril, 0));
    meeting += met(r, kApril, 0) / 40;
    mean_paid += paid(r, 0) / 40;
  }
  REQUIRE(meeting > 0);
  REQUIRE(meeting < 1);
  // The expected paid share of the results part is the share of replications that meet the goal.
  CHECK((mean_paid - 750000) / 250000 == Approx(meeting).epsilon(1e-12));
  // The bonus: 10,000 per job start of a member.
  const auto& starts = out.array("cohort_job_starts");
  const auto& bonus = out.array("cohort_bonus_dkk");
  double start_total = 0, bonus_total = 0;
  for (double v : starts.values) start_total += v;
  for (double v : bonus.values) bonus_total += v;
  CHECK(start_total > 100);
  CHECK(bonus_total == Approx(10000 * start_total).epsilon(1e-12));
}

TEST_CASE("programmes: the twin names what it follows only approximately", "[models]") {
  models::Programme p{.name = "late_start"};
  p.steps = {step("wait", contacts_every(kNoContacts, kNoContacts)), step("meet", contacts_every(1, 4))};
  p.steps[0].until_weeks = 4;
  auto sc = programme_scenario(p, 6);
  sc.cohorts.clear();
  sc.jobcentres[0].initial_persons = {{"F", 10}};
  const auto lines = [](const models::Scenario& s) {
    return models::twin_approximations(models::Model(s, 1.0));
  };
  const auto mentions = [](const std::vector<std::string>& found, const std::string& what) {
    return std::any_of(found.begin(), found.end(), [&](const std::string& l) { return l.starts_with(what); });
  };
  // Steps by the spell's duration alone: the twin follows them.
  CHECK_FALSE(mentions(lines(sc), "programme steps entered on events"));
  CHECK(mentions(lines(sc), "offer places"));
  CHECK_FALSE(mentions(lines(sc), "caseworkers'"));
  // A step that books its first contact on entry is kept per person: the twin approximates it.
  sc.programmes[0].steps[1].books_first_contact = true;
  CHECK(mentions(lines(sc), "programme steps entered on events"));
  sc.offers = {
      {.name = "rotation", .label = "rotation", .duration_weeks = 4, .places_by_jobcentre = {{"X", 5}}}};
  sc.programmes[0].steps[1].follow_up.offer_mix = {{"rotation", 1.0}};
  sc.offers[0].min_spell_weeks = 26;
  CHECK(mentions(lines(sc), "offers' eligibility"));
  sc.pools = {{.name = "room", .label = "room", .slots_per_week = {25}}};
  CHECK(mentions(lines(sc), "caseworkers'"));
}

TEST_CASE("programmes: caseworkers by month scale their interview slots; contact forms cost per contact",
          "[models]") {
  // 20 persons with one contact on day 7, held as a meeting costing 150 DKK (unlimited pool); caseworkers
  // are 10 at 5 interviews a week each, halved from February.
  models::Programme p{.name = "meetings"};
  p.steps = {step("meet", contacts_every(1, kNoContacts))};
  p.steps[0].contact_form = "meeting";
  auto sc = programme_scenario(p, 3);
  sc.contact_forms = {{.name = "meeting", .label = "meeting", .cost_dkk = 150}};
  sc.caseworkers = {.interviews_per_week_each = 5, .by_jobcentre = {{"X", 10}}, .by_month = {1, 0.5}};
  const auto run = testing::simulate(sc, 1);
  const models::TaskTally& t = run.task();
  const auto per_day = [&](std::size_t m) {
    return t.pool_slots.at(m, 0) / run.model->calendar().month_length_days(static_cast<int>(m));
  };
  CHECK(per_day(0) == Approx(50.0 / 7).epsilon(1e-12));
  CHECK(per_day(1) == Approx(25.0 / 7).epsilon(1e-12));
  CHECK(per_day(2) == Approx(25.0 / 7).epsilon(1e-12));  // the last value holds
  CHECK(t.contact_cost_dkk.at(0) == 20 * 150);
  const models::TaskCosts costs = models::task_costs(*run.model, 0, t);
  CHECK(costs.total.at(0, static_cast<std::size_t>(models::CostItem::contacts)) == 20 * 150);
  CHECK(costs.total.at(1, static_cast<std::size_t>(models::CostItem::contacts)) == 0);
}

TEST_CASE("programmes: a reimbursement share that changes with spell duration applies to each band's days",
          "[models]") {
  // 10 persons on sickness benefit (100 DKK a day, no exits) from day 0; the state reimburses all of the
  // first 4 weeks and none after. January: 28 days reimbursed and 3 not; February: none.
  auto sc = testing::empty_scenario(kStart, 2);
  sc.states = {testing::absorbing_state("sick")};
  sc.cohorts = {{.name = "c", .date = kStart, .jobcentre = "X", .persons = 10, .entry = {{"sick", 1.0}}}};
  sc.money.benefit_dkk_per_day = {{"sick", 100}};
  models::ReimbursementRules rules{.name = "2010", .benefit_passive = {{"sick", 0.5}}};
  rules.benefit_passive_by_weeks = {{"sick", {.breaks_weeks = {4}, .shares = {1.0, 0.0}}}};
  sc.money.rule_sets = {rules};
  const auto run = testing::simulate(sc, 1);
  const models::TaskCosts costs = models::task_costs(*run.model, 0, run.task());
  constexpr auto kBenefits = static_cast<std::size_t>(models::CostItem::benefits);
  CHECK(costs.total.at(0, kBenefits) == Approx(10 * 100 * 31).epsilon(1e-12));
  CHECK(costs.by_payer.at(0, kBenefits, 0) == Approx(10 * 100 * 28).epsilon(1e-12));
  CHECK(costs.by_payer.at(1, kBenefits, 0) == Approx(0).margin(1e-6));
  SECTION("without the bands the flat share holds") {
    sc.money.rule_sets[0].benefit_passive_by_weeks.clear();
    const auto flat = testing::simulate(sc, 1);
    CHECK(models::task_costs(*flat.model, 0, flat.task()).by_payer.at(1, kBenefits, 0) ==
          Approx(10 * 100 * 28 * 0.5).epsilon(1e-12));
  }
}
