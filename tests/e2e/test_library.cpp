// End-to-end runs of every scenario in the library: each runs quickly at a small scale and its result file
// holds the indicators that tools rely on, with their dimensions.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "results/file/h5_reader.hpp"
#include "run_labsim.hpp"

namespace fs = std::filesystem;
using labsim::testing::run_labsim;
using labsim::testing::TempDir;

namespace {

const std::vector<std::string> kLibrary = {
    "baseline_2011",         "reimbursement_reform_2011", "firm_centre_campaign",
    "skagen_layoff",         "caseworker_investment",     "clarification_programme_2020",
    "risk_targeted_cadence", "job_rotation_day_one",      "payment_by_results"};

const std::vector<std::string> kByMonth = {"replication", "month", "jobcentre"};
const std::vector<std::string> kByState = {"replication", "month", "jobcentre", "state"};
const std::vector<std::string> kTimeliness = {"replication", "month", "jobcentre", "benefit_group", "within"};

struct Expected {
  std::string name;
  std::vector<std::string> dims;
};

const std::vector<Expected> kIndicators = {
    {"labour_reserve", kByMonth},
    {"permanent_support_stock", kByMonth},
    {"permanent_support_inflow", kByMonth},
    {"youth_on_support", kByMonth},
    {"non_western_on_support", kByMonth},
    {"more_in_jobs", kByState},
    {"faster_into_jobs", kByState},
    {"kept_in_jobs", kByState},
    {"timeliness_first_interview", kTimeliness},
    {"timeliness_first_offer", kTimeliness},
    {"company_based_share", kByMonth},
    {"cost", {"replication", "month", "jobcentre", "cost_item", "payer"}},
    {"municipal_net_cost", kByMonth}};

double total(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0,
                         [](double a, double x) { return std::isnan(x) ? a : a + x; });
}

labsim::results::RunOutput run_scenario(const std::string& name, const TempDir& dir) {
  const fs::path file = dir.path() / (name + ".h5");
  const auto outcome =
      run_labsim("run scenarios/" + name + ".toml --scale 0.05 --replications 2 -q -o " + file.string(), dir);
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  return labsim::results::read_result_file(file);
}

}  // namespace

TEST_CASE("library: every scenario runs at scale 0.05 and holds every indicator dataset", "[e2e]") {
  TempDir dir;
  for (const std::string& name : kLibrary) {
    INFO(name);
    const auto result = run_scenario(name, dir);
    for (const Expected& e : kIndicators) {
      INFO(e.name);
      CHECK(result.array(e.name).dims == e.dims);
      CHECK(result.array(e.name + "_mean").dims ==
            std::vector<std::string>(e.dims.begin() + 1, e.dims.end()));
    }
    // The labour reserve is part of those on temporary support, and never more.
    const auto& reserve = result.array("labour_reserve").values;
    const auto& support = result.array("on_support").values;
    const auto& permanent = result.array("permanent_support_stock").values;
    for (std::size_t i = 0; i < reserve.size(); ++i) CHECK(reserve[i] <= support[i] - permanent[i] + 1e-9);
    CHECK(total(reserve) > 0);
    CHECK(total(result.array("municipal_net_cost").values) > 0);
  }
}

TEST_CASE("library: the layoff and the programme report their cohorts", "[e2e]") {
  TempDir dir;
  const auto skagen = run_scenario("skagen_layoff", dir);
  CHECK(skagen.dimension("cohort").labels == std::vector<std::string>{"skagen_factory"});
  // 130 persons at scale 0.05 round to 7 in each replication.
  CHECK(skagen.array("cohort_members").values == std::vector<double>{7, 7});
  const auto programme = run_scenario("clarification_programme_2020", dir);
  CHECK(programme.array("cohort_members").values == std::vector<double>{50, 50});
  for (double share : programme.array("cohort_placed_share").values) {
    if (!std::isnan(share)) CHECK((share >= 0 && share <= 100));
  }
}
