// Wiring of synthesis, the labour-market handler and the generic engine for each task.
#include "models/simulator/simulate.hpp"

#include <chrono>
#include <optional>

#include "models/cycle_paths.hpp"
#include "models/simulator/labour_market.hpp"
#include "models/simulator/population.hpp"
#include "models/simulator/trial_recorder.hpp"
#include "sim/engine.hpp"
#include "sim/event_queue.hpp"

namespace labsim::models {

TaskTally simulate_task(const Model& model, sim::TaskId task, std::uint64_t seed, bool with_trial) {
  const sim::RandomStreams streams({seed, task.replication, task.partition});
  Population population = synthesise_population(model, task.partition, streams);
  TaskTally tally(model.calendar(), {.states = model.states(),
                                     .groups = kGroupCount,
                                     .offers = model.offers(),
                                     .benefit_groups = model.benefit_groups().size(),
                                     .cohorts = model.cohorts(),
                                     .pools = model.pools(),
                                     .reimbursement_bands = model.most_reimbursement_bands()});
  // One slot per person, and one for the jobcentre's own month-start event.
  sim::EventQueue queue(population.size() + 1, model.calendar().horizon());
  LabourMarket market(model, task.partition, population, streams, tally);
  std::optional<TrialRecorder> trial;
  if (with_trial) {
    trial.emplace(model, task.partition, task.replication, seed, population.size(), tally.trial);
    market.attach_trial(&*trial);
  }
  market.start(queue);
  tally.events = sim::run_until(market, queue, model.calendar().horizon());
  market.finish();
  tally.close();
  if (trial) trial->finish();
  tally.persons = population.size();
  return tally;
}

namespace {

// The model each replication runs under: `model` itself when the economy is certain, else one compiled per
// replication from the scenario with that replication's cycle path (built in parallel, before any task runs,
// so that tasks only read).
std::vector<std::shared_ptr<const Model>> replication_models(const Model& model, const RunOptions& options) {
  if (model.scenario().business_cycle.volatility_per_month <= 0) return {};
  return sim::run_tasks<std::shared_ptr<const Model>>(
      static_cast<std::uint32_t>(options.replications), 1, options.threads, [&](sim::TaskId id) {
        return std::make_shared<const Model>(with_cycle_path(model.scenario(), options.seed, id.replication),
                                             model.scale());
      });
}

const Model& model_of(const Model& model, const std::vector<std::shared_ptr<const Model>>& own,
                      std::uint32_t replication) {
  return own.empty() ? model : *own[replication];
}

}  // namespace

RunResult simulate(const Model& model, const RunOptions& options) {
  const auto replications = static_cast<std::uint32_t>(options.replications);
  const auto jobcentres = static_cast<std::uint32_t>(model.jobcentres());
  sim::Progress progress("simulating", std::uint64_t{replications} * jobcentres, options.show_progress);
  const auto start = std::chrono::steady_clock::now();

  RunResult result;
  result.replication_models = replication_models(model, options);
  result.tasks = sim::run_tasks<TaskTally>(
      replications, jobcentres, options.threads,
      [&](sim::TaskId id) {
        return simulate_task(model_of(model, result.replication_models, id.replication), id, options.seed);
      },
      &progress);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.replications = options.replications;
  result.jobcentres = jobcentres;
  for (const auto& t : result.tasks) {
    result.events += t.events;
    result.persons += t.persons;
  }
  return result;
}

TrialRun simulate_trial(const Model& model, const RunOptions& options) {
  const CompiledTrial& trial = *model.trial();
  const auto replications = static_cast<std::uint32_t>(options.replications);
  const auto jobcentres = static_cast<std::uint32_t>(trial.jobcentres.size());
  sim::Progress progress("simulating the trial", std::uint64_t{replications} * jobcentres,
                         options.show_progress);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::shared_ptr<const Model>> own = replication_models(model, options);
  // A task's partition is the jobcentre's own index, so participants draw the same numbers as in a run of
  // the whole scenario with the same seed.
  std::vector<TaskTally> tasks = sim::run_tasks<TaskTally>(
      replications, jobcentres, options.threads,
      [&](sim::TaskId id) {
        return simulate_task(model_of(model, own, id.replication),
                             {id.replication, static_cast<std::uint32_t>(trial.jobcentres[id.partition])},
                             options.seed, true);
      },
      &progress);
  TrialRun run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.replications = options.replications;
  for (TaskTally& t : tasks) {
    run.events += t.events;
    run.persons += t.persons;
    run.records.insert(run.records.end(), t.trial.begin(), t.trial.end());
  }
  return run;
}

}  // namespace labsim::models
