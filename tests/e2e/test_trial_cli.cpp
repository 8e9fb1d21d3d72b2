// End-to-end runs of `labsim trial` on the shipped trials: the tables and JSON an analyst gets, the result
// file's curves, the power search, and bad input.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "results/file/h5_reader.hpp"
#include "run_labsim.hpp"

using labsim::testing::run_labsim;
using labsim::testing::TempDir;

namespace {

const std::string kSickLeave = "scenarios/trials/sick_leave_intensive.toml";
const std::string kFourArms = "scenarios/trials/early_intervention_4arms.toml";

}  // namespace

TEST_CASE("labsim trial: the sick-leave trial's JSON lists every outcome, arm and analysis", "[e2e][trial]") {
  TempDir dir;
  const auto out = (dir.path() / "t.h5").string();
  const auto r = run_labsim("trial " + kSickLeave + " --scale 0.3 -r 2 --format json -o " + out, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["arms"].size() == 2);
  CHECK(j["arms"][0]["name"] == "normal");
  const std::set<std::string> expected = {"self_sufficient_week_13", "self_sufficient_week_26",
                                          "self_sufficient_week_52", "weeks_on_benefit",
                                          "partial_return",          "recovered_unemployed"};
  std::set<std::string> seen;
  std::map<std::string, std::map<std::string, double>> n;  // outcome -> analysis -> n
  for (const auto& o : j["outcomes"]) {
    seen.insert(o["outcome"]);
    CHECK(o["arms"] == nlohmann::json::array({"intensive", "normal"}));
    REQUIRE(o["estimate"].is_number());
    CHECK(o["ci_low"].get<double>() <= o["estimate"].get<double>());
    CHECK(o["estimate"].get<double>() <= o["ci_high"].get<double>());
    CHECK(o["estimate"].get<double>() ==
          Approx(o["arm_value"].get<double>() - o["control_value"].get<double>()).margin(1e-12));
    n[o["outcome"]][o["analysis"]] = o["n"].get<double>();
  }
  CHECK(seen == expected);
  CHECK(j["outcomes"].size() == expected.size() * 3);
  // Leaving people out can only shrink the analysis: all randomized >= without exempt >= per protocol.
  for (const auto& [outcome, by] : n) {
    CHECK(by.at("all_randomized") > by.at("without_exempt"));
    CHECK(by.at("without_exempt") >= by.at("per_protocol"));
  }
  CHECK(j["hazard_ratios"].size() == 3);

  // The Kaplan-Meier curves are in the file, one per analysis and arm, falling from 1.
  const auto km = labsim::results::read_array(out, "km_not_self_sufficient");
  CHECK(km.dims == std::vector<std::string>{"analysis", "arm", "week"});
  const std::size_t weeks = 53;
  REQUIRE(km.values.size() == 3 * 2 * weeks);
  for (std::size_t c = 0; c < 6; ++c) {
    CHECK(km.values[c * weeks] == 1.0);
    for (std::size_t w = 1; w < weeks; ++w) CHECK(km.values[c * weeks + w] <= km.values[c * weeks + w - 1]);
    CHECK(km.values[c * weeks + 52] < 0.5);  // most are back within a year
  }
}

TEST_CASE("labsim trial: the four-arm trial prints a table for a memo, in markdown and csv", "[e2e][trial]") {
  TempDir dir;
  const auto md = run_labsim(
      "trial " + kFourArms + " --scale 0.2 -r 1 --format md -o " + (dir.path() / "t.h5").string(), dir);
  INFO(md.err);
  REQUIRE(md.exit_code == 0);
  for (const char* arm :
       {"A_group_weekly", "B_individual_fortnightly", "C_early_activation", "D_weekly_plus_activation"}) {
    CHECK(md.out.find(std::string("| self_sufficient_week_26 (primary) | ") + arm + " vs control |") !=
          std::string::npos);
  }
  CHECK(md.out.find("### Time to self-sufficiency") != std::string::npos);
  const auto csv = run_labsim(
      "trial " + kFourArms + " --scale 0.2 -r 1 --format csv -q -o " + (dir.path() / "t.h5").string(), dir);
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.find("outcome,comparison,control_value,arm_value,difference,ci_low,ci_high,p_value,n") !=
        std::string::npos);
}

TEST_CASE("labsim trial: medians, cost per participant and jobcentres, printed and in the file",
          "[e2e][trial]") {
  TempDir dir;
  const auto out = (dir.path() / "t.h5").string();
  const auto md = run_labsim("trial " + kSickLeave + " --scale 0.2 -r 1 --format md -q -o " + out, dir);
  INFO(md.err);
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("### Median weeks to self-sufficiency") != std::string::npos);
  CHECK(md.out.find("### Cost per participant within 52 weeks, DKK per participant") != std::string::npos);
  CHECK(md.out.find("### self_sufficient_week_26 (primary) by jobcentre") != std::string::npos);
  for (const char* jobcentre : {"| Aalborg | intensive vs normal |", "| Morsø | intensive vs normal |"})
    CHECK(md.out.find(jobcentre) != std::string::npos);

  const auto r = run_labsim("trial " + kSickLeave + " --scale 0.2 -r 1 --format json -o " + out, dir);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["medians"].size() == 3 * 2);
  for (const auto& m : j["medians"]) {
    REQUIRE(m["median"].is_number());  // most are back well within a year
    CHECK(m["ci_low"].get<double>() <= m["median"].get<double>());
    if (m["ci_high"].is_number()) CHECK(m["median"].get<double>() <= m["ci_high"].get<double>());
  }
  // Per arm and item, the state's and the municipality's parts add up to the total; per arm and payer, the
  // items add up to the total item.
  std::map<std::string, double> cost;  // "arm/item/payer" -> mean
  for (const auto& c : j["costs"]) {
    CHECK(c["units"] == "DKK per participant");
    cost[c["arm"].get<std::string>() + "/" + c["cost_item"].get<std::string>() + "/" +
         c["payer"].get<std::string>()] = c["mean"].get<double>();
  }
  REQUIRE(cost.size() == 2 * 4 * 3);
  for (const std::string arm : {"normal", "intensive"}) {
    CHECK(cost[arm + "/benefits/total"] > 0);
    for (const std::string item : {"benefits", "offers", "contacts", "total"})
      CHECK(cost[arm + "/" + item + "/state"] + cost[arm + "/" + item + "/municipality"] ==
            Approx(cost[arm + "/" + item + "/total"]));
    for (const std::string payer : {"state", "municipality", "total"})
      CHECK(cost[arm + "/benefits/" + payer] + cost[arm + "/offers/" + payer] +
                cost[arm + "/contacts/" + payer] ==
            Approx(cost[arm + "/total/" + payer]));
  }
  // Benefit days x 540 DKK (sick leave in baseline_2011.toml) averaged over the arm, from the file's table.
  const auto days = labsim::results::read_array(out, "participant_benefit_days");
  const auto arm = labsim::results::read_array(out, "participant_arm");
  const auto exempt = labsim::results::read_array(out, "participant_exempt");
  double sum = 0, n = 0;
  for (std::size_t i = 0; i < days.values.size(); ++i) {
    if (arm.values[i] != 0 || exempt.values[i] != 0)
      continue;  // the primary analysis leaves out the exempted
    sum += days.values[i];
    ++n;
  }
  REQUIRE(n > 0);
  CHECK(cost["normal/benefits/total"] == Approx(540 * sum / n));
  CHECK(j["by_jobcentre"].size() == 2);
  const auto by = labsim::results::read_array(out, "jobcentre_difference");
  CHECK(by.dims == std::vector<std::string>{"jobcentre", "arm"});

  // The report of the file shows the medians and the costs too.
  const auto html = (dir.path() / "r.html").string();
  REQUIRE(run_labsim("report " + out + " -o " + html, dir).exit_code == 0);
  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(page.find("Median weeks to self-sufficiency: intention to treat, exempted left out") !=
        std::string::npos);
  CHECK(page.find("Cost per participant within the horizon, DKK per participant") != std::string::npos);
}

TEST_CASE("labsim trial: \"still in state X at week N\" can be the primary outcome", "[e2e][trial]") {
  TempDir dir;
  const auto out = (dir.path() / "t.h5").string();
  const auto r = run_labsim("trial " + kFourArms +
                                " --scale 0.1 -r 1 --format md -q --set "
                                "trial.outcomes.primary=in_insured_unemployed_week_26 -o " +
                                out,
                            dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("| in_insured_unemployed_week_26 (primary) | A_group_weekly vs control |") !=
        std::string::npos);
  CHECK(r.out.find("### in_insured_unemployed_week_26 (primary) by jobcentre") != std::string::npos);
  const auto outcomes = labsim::results::read_result_file(out).dimension("outcome").labels;
  CHECK(std::count(outcomes.begin(), outcomes.end(), "in_insured_unemployed_week_26") == 1);
  CHECK(std::count(outcomes.begin(), outcomes.end(), "in_insured_unemployed_week_13") == 0);
  const auto bad =
      run_labsim("trial " + kFourArms + " --set trial.outcomes.primary=in_insured_unemploye_week_26", dir);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("did you mean 'in_insured_unemployed_week_26'?") != std::string::npos);
}

TEST_CASE("labsim trial --power finds a size and reports every size tried", "[e2e][trial]") {
  TempDir dir;
  const auto r = run_labsim(
      "trial " + kSickLeave + " --power --effect 1.5 --scale 0.3 -r 2 --resamples 200 --format json", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["required_participants"].is_number());
  const auto required = j["required_participants"].get<double>();
  bool reached = false;
  for (const auto& p : j["points"]) {
    if (p["participants"].get<double>() == required) reached = p["power"].get<double>() >= 0.8;
    if (p["participants"].get<double>() < required) CHECK(p["power"].get<double>() < 0.8);
  }
  CHECK(reached);
}

TEST_CASE("labsim trial: bad input is one line and exit code 2", "[e2e][trial]") {
  TempDir dir;
  const auto no_trial = run_labsim("trial scenarios/baseline.toml", dir);
  CHECK(no_trial.exit_code == 2);
  CHECK(no_trial.err.find("has no [trial] table") != std::string::npos);
  CHECK(labsim::testing::lines(no_trial.err) == 1);
  const auto no_effect = run_labsim("trial " + kSickLeave + " --power", dir);
  CHECK(no_effect.exit_code == 2);
  CHECK(no_effect.err.find("--effect") != std::string::npos);
  const auto bad_format = run_labsim("trial " + kSickLeave + " --format pdf", dir);
  CHECK(bad_format.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "sick_leave_intensive.h5"));
}
