// The power study of `labsim trial --power`: how many participants a trial needs to detect a planted effect
// on job finding, found in a pool of simulated participants that is enlarged until it is big enough.
#pragma once

#include <functional>
#include <string>

#include "models/scenario/scenario.hpp"
#include "results/stats/trial_power.hpp"

namespace labsim::results {

struct PowerStudyOptions {
  double effect = 1;     // the hazard ratio on job finding in the trial's state to detect; not 1
  std::string outcome;   // one of the trial's outcomes, or "hazard_ratio"; empty: the trial's primary outcome
  int resamples = 1000;  // trials drawn per size tried
  double target_power = 0.8;
  double scale = 1;  // of the population simulated
  int threads = 1;
  bool show_progress = false;                        // a progress line on stderr for each pool simulated
  std::function<void(int replications)> on_enlarge;  // told before a larger pool is simulated
};

// What the study found besides the power curve: the question it answered.
struct PowerFacts {
  double effect = 1;    // the planted hazard ratio on job finding
  std::string outcome;  // name of the outcome tested, or "hazard_ratio"
  std::string outcome_description;
  bool share = true;  // the outcome is a share (its pool estimate a difference in shares)
  double target_power = 0.8, alpha = 0.05;
  int resamples = 0;
  double treated_share = 0.5;
};

struct PowerStudy {
  PowerResult result;
  PowerFacts facts;
  models::TrialSpec pool_trial;  // the trial the pool was simulated as: control and effect arms, all enrolled
};

// The trial's control arm against a copy of it whose job finding carries `effect`, every eligible spell
// enrolled, in the ratio of the trial's first two arms: a pool of participants to draw trials of any size
// from (see find_sample_size). The pool starts at run.replications repetitions of the trial and grows until
// it holds at least 4 times the participants found necessary (drawing many more than the pool holds would
// only repeat its own noise), or 10,000 repetitions. Throws sim::InputError for an effect of 1, a
// cluster-randomized trial or an outcome the trial does not have.
PowerStudy power_study(models::Scenario scenario, const PowerStudyOptions& options);

}  // namespace labsim::results
