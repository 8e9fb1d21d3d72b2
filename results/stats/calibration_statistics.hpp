// Measures observed statistics in a model's output, from the simulator or the Markov twin alike.
#pragma once

#include <cstddef>
#include <vector>

#include "models/counts/monthly_counts.hpp"
#include "models/model.hpp"
#include "results/stats/calibration_observed.hpp"

namespace labsim::results {

// Each statistic as measured in `counts` (one entry per jobcentre, in the model's order), from the
// simulator's task tallies (TaskTally::monthly) or the Markov twin (TwinJobcentre::monthly) alike. Levels are
// the mean per month over [from, to], summed over the statistic's jobcentres and divided by the model's
// scale, so that they compare with observations at scale 1; percents are ratios of sums over those months and
// jobcentres. NaN where a percent has nobody to measure.
std::vector<double> measure(const models::Model& model, const std::vector<models::MonthlyCounts>& counts,
                            const std::vector<ObservedStatistic>& statistics);

// The last run month any statistic needs, plus what it takes for spells starting then to reach their
// timeliness windows: a shorter horizon gives the same values, sooner.
std::size_t months_needed(const models::Model& model, const std::vector<ObservedStatistic>& statistics);

}  // namespace labsim::results
