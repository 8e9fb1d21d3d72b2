// Runs a compiled model: one task per (replication, jobcentre), in parallel, with results in a fixed order.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "models/counts/tally.hpp"
#include "models/model.hpp"
#include "sim/parallel_runner.hpp"

namespace labsim::models {

struct RunOptions {
  int replications = 1;
  std::uint64_t seed = 0;
  int threads = 1;
  bool show_progress = false;  // a progress line on stderr
};

struct RunResult {
  std::vector<TaskTally> tasks;  // [replication * jobcentres + jobcentre]
  int replications = 0;
  std::size_t jobcentres = 0;
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
  double seconds = 0;  // wall-clock time of the simulation itself
  // With an uncertain economy (business_cycle.volatility_per_month > 0) each replication ran under a model
  // compiled for its own cycle path; the tallies' counters refer to those models' calendars, so they are kept
  // here. Empty when every replication ran under the model given to simulate().
  std::vector<std::shared_ptr<const Model>> replication_models;

  [[nodiscard]] const TaskTally& task(int replication, std::size_t jobcentre) const {
    return tasks[static_cast<std::size_t>(replication) * jobcentres + jobcentre];
  }
};

// One replication of one jobcentre, from synthesis to horizon; `with_trial` (for a jobcentre that takes part
// in the scenario's trial) runs the trial too, recording its participants in TaskTally::trial.
TaskTally simulate_task(const Model& model, sim::TaskId task, std::uint64_t seed, bool with_trial = false);

// The participants of a trial and what the simulation cost.
struct TrialRun {
  std::vector<TrialRecord> records;  // replication-major, then jobcentre, then order of enrolment
  int replications = 0;
  std::uint64_t events = 0;
  std::uint64_t persons = 0;
  double seconds = 0;
};

// Runs the scenario's trial (Model::trial() must exist): only the jobcentres taking part are simulated.
TrialRun simulate_trial(const Model& model, const RunOptions& options);

// Every (replication, jobcentre) task of the scenario. With business_cycle.volatility_per_month > 0, each
// replication first draws its own path of the economy (models/cycle_paths.hpp).
RunResult simulate(const Model& model, const RunOptions& options);

}  // namespace labsim::models
