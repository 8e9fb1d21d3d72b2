// The Markov twin: the scenario's expected course computed instead of simulated. The same compiled model is
// stepped forward as a population distribution over benefit state x spell-duration band x person group (and
// what else the rules need), a few steps per month, so a whole region's horizon takes milliseconds. It serves
// instant forecasts (`labsim forecast --fast`), calibration (`labsim calibrate` fits on it, then checks on
// the simulator) and a cross-check of the simulator.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/counts/monthly_counts.hpp"
#include "models/model.hpp"

namespace labsim::models {

struct TwinOptions {
  int steps_per_month = 4;       // time steps per calendar month
  double open_band_months = 60;  // spells longer than this share one duration band
  int threads = 1;  // jobcentres run in parallel on this many threads; results do not depend on it
};

// Expected values for one jobcentre: the same monthly counts the simulator's task tally holds (full-time
// persons are the month's average head count), and the persons at either end of the run.
struct TwinJobcentre {
  MonthlyCounts monthly;
  Grid<Axis::state, Axis::group> initial;     // persons at the start
  Grid<Axis::state, Axis::group> at_horizon;  // persons at the end of the horizon
};

struct TwinResult {
  std::vector<TwinJobcentre> jobcentres;  // in the model's jobcentre order
};

// The expected course of every jobcentre over the run's horizon. Caseworker time and offer places are taken
// as unlimited (nobody waits); cohorts and the trial are not part of the twin.
TwinResult run_twin(const Model& model, const TwinOptions& options = {});

// What of `model` the twin follows only approximately, one line each (empty: it follows the model exactly
// but for sampling): limited capacity and places, cohorts, programme steps entered on events or after their
// own weeks, offers' eligibility, steps' job-finding multipliers. `labsim forecast --fast` prints them.
std::vector<std::string> twin_approximations(const Model& model);

}  // namespace labsim::models
