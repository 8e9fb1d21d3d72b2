// Stock-flow conservation on the shipped baseline: every person is accounted for in every month.
#include <catch2/catch.hpp>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"
#include "results/file/run_output.hpp"

using namespace labsim;

TEST_CASE("run output: stock(t+1) = stock(t) + inflow - outflow for every state and month", "[models][e2e]") {
  const auto scenario = models::load_scenario(LABSIM_SOURCE_DIR "/scenarios/baseline.toml", {"run.months=6"});
  const models::Model model(scenario, 0.05);
  const int R = 2;
  const auto run = models::simulate(model, {.replications = R, .seed = 3, .threads = 2});
  const auto out = results::make_run_output(model, run, {});
  const results::AxesView<5> heads(out.array("persons_at_month_start"),
                                   {"replication", "month", "jobcentre", "state", "group"});
  const results::AxesView<4> end(out.array("persons_at_end"), {"replication", "jobcentre", "state", "group"});
  const results::AxesView<5> inflow(out.array("inflow"),
                                    {"replication", "month", "jobcentre", "state", "group"});
  const results::AxesView<5> flows(out.array("flows"),
                                   {"replication", "month", "jobcentre", "from_state", "to_state"});
  const std::size_t M = 6, J = model.jobcentres(), S = model.states(), G = models::kGroupCount;

  double moved = 0, total_initial = 0, total_inflow = 0, total_end = 0;
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t j = 0; j < J; ++j) {
      for (std::size_t s = 0; s < S; ++s) {
        for (std::size_t m = 0; m < M; ++m) {
          double now = 0, next = 0, in = 0;
          for (std::size_t g = 0; g < G; ++g) {
            now += heads(r, m, j, s, g);
            next += m + 1 < M ? heads(r, m + 1, j, s, g) : end(r, j, s, g);
            in += inflow(r, m, j, s, g);
            if (r == 0) {
              total_initial += m == 0 ? heads(r, m, j, s, g) : 0.0;
              total_inflow += inflow(r, m, j, s, g);
              total_end += m == 0 ? end(r, j, s, g) : 0.0;
            }
          }
          double flow_in = 0, flow_out = 0;
          for (std::size_t k = 0; k < S; ++k) {
            flow_in += flows(r, m, j, k, s);
            flow_out += flows(r, m, j, s, k);
          }
          moved += flow_out;
          INFO("replication " << r << ", jobcentre " << model.jobcentre(j).name << ", state "
                              << scenario.states[s].name << ", month " << m);
          REQUIRE(next == now + in + flow_in - flow_out);
        }
      }
    }
  }
  CHECK(moved > 1000);  // the check above is not vacuous: people did move

  // Nobody created or lost: everyone at the end of replication 0 started in the region or arrived during the
  // run.
  CHECK(total_end == total_initial + total_inflow);
}

TEST_CASE("run output: every array is laid out by its grid, one length per named dimension",
          "[models][e2e]") {
  const auto scenario =
      models::load_scenario(LABSIM_SOURCE_DIR "/scenarios/skagen_layoff.toml", {"run.months=3"});
  const models::Model model(scenario, 0.05);
  const auto run = models::simulate(model, {.replications = 2, .seed = 3, .threads = 2});
  const auto out = results::make_run_output(model, run, {});
  REQUIRE(model.cohorts() > 0);  // the cohort arrays are there too
  for (const auto& a : out.arrays) {
    INFO("array " << a.name);
    REQUIRE(a.shape.size() == a.dims.size());
    std::size_t cells = 1;
    for (std::size_t i = 0; i < a.dims.size(); ++i) {
      INFO("axis " << a.dims[i]);
      CHECK(a.shape[i] == out.dimension(a.dims[i]).size());
      cells *= a.shape[i];
    }
    CHECK(a.values.size() == cells);
  }
  CHECK(out.array("flows").dims ==
        std::vector<std::string>{"replication", "month", "jobcentre", "from_state", "to_state"});
  CHECK(out.array("completed_spells").dims ==
        std::vector<std::string>{"replication", "jobcentre", "state", "duration_weeks"});
}
