// The pool of participants a power study draws from, and how far it is enlarged.
#include "results/stats/power_study.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/model.hpp"
#include "models/scenario/trial_outcomes.hpp"
#include "models/simulator/simulate.hpp"
#include "results/stats/trial_data.hpp"
#include "sim/input_error.hpp"

namespace labsim::results {

namespace {

constexpr int kMaxReplications = 10000;

// An error naming the trial's outcomes unless `outcome` is one of them or the hazard ratio.
void check_outcome(const models::Scenario& sc, const std::string& outcome) {
  std::vector<std::string> standard;
  bool known = outcome == "hazard_ratio";
  for (const auto& o : models::trial_outcomes(*sc.trial, sc.states, sc.offers)) {
    if (o.standard) standard.push_back(o.name);
    known = known || o.name == outcome;
  }
  if (!known) {
    throw sim::InputError(fmt::format(
        "--outcome {}: not an outcome of this trial (one of {}, hazard_ratio, or in_STATE_week_N for a state "
        "and a checkpoint week)",
        outcome, fmt::join(standard, ", ")));
  }
}

// The index of the outcome tested into the data's outcomes (their count for the hazard ratio).
std::size_t outcome_index(const TrialData& data, const std::string& outcome) {
  std::size_t k = 0;
  while (k < data.outcomes.size() && data.outcomes[k].name != outcome) ++k;
  return k;
}

}  // namespace

PowerStudy power_study(models::Scenario sc, const PowerStudyOptions& options) {
  if (options.effect == 1.0) throw sim::InputError("--power needs --effect HR (a hazard ratio other than 1)");
  models::TrialSpec& trial = *sc.trial;
  if (trial.randomization == models::Randomization::cluster) {
    throw sim::InputError(fmt::format(
        "{}: --power works with individual randomization; with randomization = \"cluster\" the number of "
        "jobcentres, not of persons, sets the power",
        sc.path));
  }
  PowerStudy study;
  PowerFacts& facts = study.facts;
  facts.outcome = options.outcome.empty() ? trial.primary_outcome : options.outcome;
  PowerOptions power;
  check_outcome(sc, facts.outcome);
  power.resamples = options.resamples;
  power.target_power = options.target_power;
  power.seed = sc.run.seed;
  power.threads = options.threads;

  facts.treated_share = trial.arms[1].ratio / (trial.arms[0].ratio + trial.arms[1].ratio);
  models::TrialArm effect = trial.arms[0];
  effect.name = "effect";
  effect.job_finding_multiplier *= options.effect;
  trial.arms = {trial.arms[0], effect};
  trial.arms[0].ratio = 1 - facts.treated_share;
  trial.arms[1].ratio = facts.treated_share;
  trial.enrolment_share = 1;
  const models::Model model(sc, options.scale);

  models::RunOptions run;
  run.replications = sc.run.replications;
  run.seed = sc.run.seed;
  run.threads = options.threads;
  run.show_progress = options.show_progress;
  TrialData data;
  for (;;) {
    data = trial_data(model, models::simulate_trial(model, run).records, {facts.outcome});
    power.outcome = outcome_index(data, facts.outcome);
    study.result = find_sample_size(data, data.primary_analysis, facts.treated_share, power);
    const std::size_t pool = study.result.pool_control + study.result.pool_treated;
    if (study.result.required == 0 || pool >= 4 * study.result.required ||
        run.replications >= kMaxReplications)
      break;
    const double per_replication = static_cast<double>(pool) / run.replications;
    run.replications =
        static_cast<int>(std::ceil(4.0 * static_cast<double>(study.result.required) / per_replication));
    if (options.on_enlarge) options.on_enlarge(run.replications);
  }
  facts.effect = options.effect;
  const bool hazard_ratio = power.outcome >= data.outcomes.size();
  facts.outcome_description =
      hazard_ratio ? "hazard ratio of becoming self-sufficient" : data.outcomes[power.outcome].description;
  facts.share = hazard_ratio ? false : data.outcomes[power.outcome].share;
  facts.target_power = power.target_power;
  facts.alpha = power.alpha;
  facts.resamples = power.resamples;
  study.pool_trial = trial;
  return study;
}

}  // namespace labsim::results
