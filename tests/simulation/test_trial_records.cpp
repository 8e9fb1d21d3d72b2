// From trial records to the columns the estimates use: in_STATE_week_N outcomes from the state at each
// checkpoint, the cost rates of the reimbursement rules in force, and the participants table of the result
// file, read back.
#include <catch2/catch.hpp>
#include <vector>

#include "models/model.hpp"
#include "results/file/h5_reader.hpp"
#include "results/file/h5_writer.hpp"
#include "results/file/trial_output.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/stats/trial_data.hpp"
#include "support/temp_dir.hpp"
#include "toy_scenarios.hpp"

using namespace labsim;

namespace {

constexpr std::uint8_t kSick = 0, kWork = 1, kPension = 2;  // trial_scenario's states

models::TrialRecord record(std::uint8_t arm, std::uint8_t at_13, std::uint8_t at_26, double benefit_days = 0,
                           double offer_cost_dkk = 0, double contact_cost_dkk = 0) {
  models::TrialRecord r;
  r.arm = arm;
  r.state_at = {at_13, at_26, 0, 0};
  r.censor_day = 26 * 7;
  r.benefit_days = benefit_days;
  r.offer_days = offer_cost_dkk / 100;
  r.offer_cost_dkk = offer_cost_dkk;
  r.contacts = contact_cost_dkk > 0 ? 1 : 0;
  r.contact_cost_dkk = contact_cost_dkk;
  return r;
}

}  // namespace

TEST_CASE("trial_data: in_STATE_week_N is 1 where the participant was in STATE at week N",
          "[models][trial]") {
  auto sc = testing::trial_scenario(1.0, 100, 1);
  sc.trial->primary_outcome = "in_pension_week_26";
  const models::Model model(sc, 1.0);
  const std::vector<models::TrialRecord> records = {record(0, kSick, kPension), record(0, kSick, kWork),
                                                    record(1, kPension, kPension),
                                                    record(1, kWork, kPension)};
  const auto d = results::trial_data(model, records, {"in_sick_week_13"});
  const auto column = [&](const std::string& name) {
    for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
      if (d.outcomes[k].name == name) return d.values[k];
    }
    FAIL("no outcome " << name);
    return std::vector<double>{};
  };
  CHECK(d.outcomes[d.primary_outcome].name == "in_pension_week_26");
  CHECK(column("in_pension_week_26") == std::vector<double>{1, 0, 1, 1});
  CHECK(column("in_sick_week_13") == std::vector<double>{1, 1, 0, 0});
  CHECK(column("self_sufficient_week_26") == std::vector<double>{0, 1, 0, 0});
  // Only the state outcomes asked for are reported: the standard ones and these two.
  std::size_t state_outcomes = 0;
  for (const auto& o : d.outcomes) state_outcomes += o.standard ? 0 : 1;
  CHECK(state_outcomes == 2);
  // Every state and checkpoint can be named.
  const auto all = models::trial_outcomes(*sc.trial, sc.states, sc.offers);
  CHECK(all.size() == d.outcomes.size() - 2 + 3 * 2);
  const auto e = results::estimate_trial(d, 1);
  CHECK(e.outcome(d.primary_outcome, 1, d.primary_analysis).estimate == Approx(0.5));
}

TEST_CASE("trial_cost_rates: the trial state's benefit and the shares of the rule set in force",
          "[models][trial]") {
  auto sc = testing::trial_scenario(1.0, 100, 1);
  sc.money = {.benefit_dkk_per_day = {{"sick", 400}, {"pension", 300}},
              .other_actor_dkk_per_interview = 0,
              .rule_sets = {{.name = "old", .benefit_passive = {{"sick", 0.9}}, .caseworkers = 0.9},
                            {.name = "new", .benefit_passive = {{"sick", 0.4}}, .caseworkers = 0.25}},
              .reimbursement = 1};
  const models::Model model(sc, 1.0);
  const auto rates = results::trial_cost_rates(model);
  CHECK(rates.benefit_dkk_per_day == 400);
  CHECK(rates.benefit_state_share == 0.4);
  CHECK(rates.contact_state_share == 0.25);
  CHECK(rates.offer_state_share == 0);  // the scenario has no offers
  const auto c = results::participant_costs(rates, 10, 0, 80);
  using Item = results::TrialCostItem;
  CHECK(c[static_cast<std::size_t>(Item::benefits)][0] == Approx(1600));
  CHECK(c[static_cast<std::size_t>(Item::benefits)][1] == Approx(2400));
  CHECK(c[static_cast<std::size_t>(Item::contacts)][0] == Approx(20));
  CHECK(c[static_cast<std::size_t>(Item::total)][1] == Approx(2400 + 60));
  CHECK(c[static_cast<std::size_t>(Item::total)][2] == Approx(4080));
}

TEST_CASE("trial result file: the participants table holds each record's days and costs", "[models][trial]") {
  const auto sc = testing::trial_scenario(1.0, 100, 1);
  const models::Model model(sc, 1.0);
  const std::vector<models::TrialRecord> records = {record(0, kSick, kWork, 30, 500, 40),
                                                    record(1, kWork, kWork, 5, 0, 0),
                                                    record(1, kSick, kSick, 182, 1200, 120)};
  const auto d = results::trial_data(model, records);
  const auto e = results::estimate_trial(d, 1);
  testing::TempDir dir;
  const auto path = dir.path() / "trial.h5";
  results::write_result_file(results::make_trial_output(d, e, {}), path);
  const results::RunOutput f = results::read_result_file(path);
  CHECK(f.array("participant_benefit_days").values == std::vector<double>{30, 5, 182});
  CHECK(f.array("participant_offer_days").values == std::vector<double>{5, 0, 12});
  CHECK(f.array("participant_offer_cost_dkk").values == std::vector<double>{500, 0, 1200});
  CHECK(f.array("participant_contacts").values == std::vector<double>{1, 0, 1});
  CHECK(f.array("participant_contact_cost_dkk").values == std::vector<double>{40, 0, 120});
  CHECK(f.array("participant_arm").values == std::vector<double>{0, 1, 1});
  CHECK(f.array("participant_arm").dims == std::vector<std::string>{"participant"});
  const auto& cost = f.array("cost_per_participant");
  CHECK(cost.dims == std::vector<std::string>{"arm", "cost_item", "payer"});
  CHECK(cost.units == "DKK per participant");
  CHECK(f.dimension("payer").labels == std::vector<std::string>{"state", "municipality", "total"});
  CHECK(f.array("jobcentre_difference").dims == std::vector<std::string>{"jobcentre", "arm"});
  CHECK(f.array("km_median_weeks").dims == std::vector<std::string>{"analysis", "arm"});
}
