// The Markov twin: the scenario's expected course computed instead of simulated. The same compiled model is
// stepped forward as a population distribution over benefit state x spell-duration band x person group (and
// what else the rules need), a few steps per month, so a whole region's horizon takes milliseconds. It serves
// instant forecasts (`labsim forecast --fast`), calibration (`labsim calibrate` fits on it, then checks on
// the simulator) and a cross-check of the simulator.
#pragma once

#include <cstddef>
#include <vector>

#include "models/model.hpp"

namespace labsim::models {

struct TwinOptions {
  int steps_per_month = 4;       // time steps per calendar month
  double open_band_months = 60;  // spells longer than this share one duration band
  int threads = 1;  // jobcentres run in parallel on this many threads; results do not depend on it
};

// Expected values for one jobcentre, laid out like the simulator's task tally (TaskTally) so that the same
// indicators can be read from either: full-time persons are the month's average head count.
struct TwinJobcentre {
  std::vector<double> in_state;        // [month][state][group] full-time persons
  std::vector<double> in_offer;        // [month][state][offer] full-time persons
  std::vector<double> labour_reserve;  // [month] full-time persons with > 3 months of temporary support
  std::vector<double> inflow;          // [month][state][group] new spells from outside
  std::vector<double> flows;           // [month][from][to] transitions
  // Timeliness per month of spell start: [month][benefit group][window], as TaskTally.
  std::vector<double> first_interview_due, first_interview_met;
  std::vector<double> first_offer_due, first_offer_met;
  std::vector<double> initial;     // [state][group] persons at the start
  std::vector<double> at_horizon;  // [state][group] persons at the end of the horizon
};

struct TwinResult {
  std::size_t months = 0, states = 0, groups = 0, offers = 0, benefit_groups = 0;
  std::vector<TwinJobcentre> jobcentres;  // in the model's jobcentre order
};

// The expected course of every jobcentre over the run's horizon. Caseworker time and offer places are taken
// as unlimited (nobody waits); cohorts and the trial are not part of the twin.
TwinResult run_twin(const Model& model, const TwinOptions& options = {});

}  // namespace labsim::models
