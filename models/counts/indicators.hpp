// The national targets, the scorecard, timeliness and the activation mix of one task, per month.
#pragma once

#include <vector>

#include "models/model.hpp"
#include "models/counts/tally.hpp"

namespace labsim::models {

// Full-time persons with more than 3 months of continuous public support on temporary benefits (all but
// permanent support), per month.
std::vector<double> labour_reserve(const TaskTally& tally);

enum class SupportFilter { all, under_30, non_western };
// Full-time persons on public support, per month; for the youth and non-Western targets, only that group.
std::vector<double> on_support(const Model& model, const TaskTally& tally, SupportFilter filter);

// Full-time persons on permanent support (flex-job allowance, flex-job, disability pension), per month.
std::vector<double> permanent_support_stock(const Model& model, const TaskTally& tally);
// Persons entering permanent support from another state or from outside, per month.
std::vector<double> permanent_support_inflow(const Model& model, const TaskTally& tally);
// The same three from arrays laid out as a task tally's, e.g. the Markov twin's expected values: `in_state`
// full-time persons [month][state][group], `inflow` [month][state][group], `flows` [month][from][to], with
// model.states() states and kGroupCount groups.
std::vector<double> on_support(const Model& model, const std::vector<double>& in_state, std::size_t months,
                               SupportFilter filter);
std::vector<double> permanent_support_stock(const Model& model, const std::vector<double>& in_state,
                                            std::size_t months);
// Full-time persons in one state, per month, from `in_state` as above.
std::vector<double> state_stock(const Model& model, const std::vector<double>& in_state, std::size_t months,
                                std::size_t state);
std::vector<double> permanent_support_inflow(const Model& model, const std::vector<double>& inflow,
                                             const std::vector<double>& flows, std::size_t months);
// Sum over the 12 months ending with each month, laid out [month][inner]; NaN for the first 11 months.
std::vector<double> rolling_year(const std::vector<double>& monthly, std::size_t months, std::size_t inner);

// Mean weeks on the benefit of those who left it for a job, per [month][state]; NaN where nobody did.
std::vector<double> faster_into_jobs(const TaskTally& tally);
// Percent of job starts from each benefit still off support 6 months later, per [month of start][state];
// NaN where nobody started or the 6 months end after the horizon.
std::vector<double> kept_in_jobs(const Model& model, const TaskTally& tally);
// Percent met of those due, per cell; NaN where nobody was due.
std::vector<double> percent(const std::vector<double>& met, const std::vector<double>& due);
// Percent of full-time persons in activation who are in company-based offers, per month.
std::vector<double> company_based_share(const Model& model, const TaskTally& tally);

// Percent of each cohort's members present in the month who are in work, education, another benefit or a
// company-based offer: anything but passively on the benefits they entered on (states of one benefit_group
// count as one benefit, e.g. both kinds of cash benefit). Arrays are [month][cohort]
// [state] full-time persons summed over jobcentres; the result is [month][cohort].
std::vector<double> cohort_placed_share(const Model& model, const std::vector<double>& in_state,
                                        const std::vector<double>& in_company, std::size_t months);

}  // namespace labsim::models
