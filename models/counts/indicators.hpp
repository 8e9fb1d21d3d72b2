// The national targets, the scorecard, timeliness and the activation mix of one task, per month.
#pragma once

#include "models/counts/monthly_counts.hpp"
#include "models/counts/tally.hpp"
#include "models/model.hpp"

namespace labsim::models {

// The national targets read the monthly counts, so that they come alike from the simulator and the twin.
enum class SupportFilter { all, under_30, non_western };
// Full-time persons on public support, per month; for the youth and non-Western targets, only that group.
ByMonth on_support(const Model& model, const MonthlyCounts& counts, SupportFilter filter);
// Full-time persons on permanent support (flex-job allowance, flex-job, disability pension), per month.
ByMonth permanent_support_stock(const Model& model, const MonthlyCounts& counts);
// Full-time persons in one state, per month.
ByMonth state_stock(const MonthlyCounts& counts, std::size_t state);
// Persons entering permanent support from another state or from outside, per month.
ByMonth permanent_support_inflow(const Model& model, const MonthlyCounts& counts);
// Sum over the 12 months ending with each month; NaN for the first 11 months.
ByMonth rolling_year(const ByMonth& monthly);

// Mean weeks on the benefit of those who left it for a job; NaN where nobody did.
StateByMonth faster_into_jobs(const TaskTally& tally);
// Percent of job starts from each benefit still off support 6 months later, by month of start; NaN where
// nobody started or the 6 months end after the horizon.
StateByMonth kept_in_jobs(const Model& model, const TaskTally& tally);
// Percent met of those due, per cell; NaN where nobody was due.
Timeliness percent(const Timeliness& met, const Timeliness& due);
// Percent of full-time persons in activation who are in company-based offers, per month.
ByMonth company_based_share(const Model& model, const StateOfferByMonth& in_offer);

// Percent of each cohort's members present in the month who are in work, education, another benefit or a
// company-based offer: anything but passively on the benefits they entered on (states of one benefit_group
// count as one benefit, e.g. both kinds of cash benefit). From full-time persons summed over jobcentres.
using CohortStateByMonth = Grid<Axis::month, Axis::cohort, Axis::state>;
Grid<Axis::month, Axis::cohort> cohort_placed_share(const Model& model, const CohortStateByMonth& in_state,
                                                    const CohortStateByMonth& in_company);

}  // namespace labsim::models
