// Measures observed statistics in a model's output, from the simulator or the Markov twin alike.
#pragma once

#include <cstddef>
#include <vector>

#include "models/twin/markov_twin.hpp"
#include "models/model.hpp"
#include "models/counts/tally.hpp"
#include "results/stats/calibration_observed.hpp"

namespace labsim::results {

// The monthly counts a statistic can be measured from, for one jobcentre: the part of a TaskTally (simulator)
// or TwinJobcentre (twin) that calibration reads, with person-time already turned into full-time persons.
struct JobcentreCounts {
  std::size_t months = 0, states = 0, groups = 0, offers = 0, benefit_groups = 0;
  std::vector<double> in_state;        // [month][state][group] full-time persons
  std::vector<double> in_offer;        // [month][state][offer] full-time persons
  std::vector<double> labour_reserve;  // [month] full-time persons
  std::vector<double> first_interview_due,
      first_interview_met;  // [month of spell start][benefit group][window]
  std::vector<double> first_offer_due, first_offer_met;
};

JobcentreCounts counts_of(const models::TaskTally& tally);
JobcentreCounts counts_of(const models::TwinResult& twin, std::size_t jobcentre);

// Each statistic as measured in `counts` (one entry per jobcentre, in the model's order). Levels are the mean
// per month over [from, to], summed over the statistic's jobcentres and divided by the model's scale, so that
// they compare with observations at scale 1; percents are ratios of sums over those months and jobcentres.
// NaN where a percent has nobody to measure.
std::vector<double> measure(const models::Model& model, const std::vector<JobcentreCounts>& counts,
                            const std::vector<ObservedStatistic>& statistics);

// The last run month any statistic needs, plus what it takes for spells starting then to reach their
// timeliness windows: a shorter horizon gives the same values, sooner.
std::size_t months_needed(const models::Model& model, const std::vector<ObservedStatistic>& statistics);

}  // namespace labsim::results
