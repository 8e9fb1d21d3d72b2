// Follow-up of one spell in expectation, for follow_up_profile.cpp: the chain over offer status that
// carries the persons still in the spell through interviews, offers and deadlines.
#pragma once

#include <vector>

#include "models/twin/follow_up_profile.hpp"
#include "models/twin/interview_schedule.hpp"

namespace labsim::models::twin {

// The profile of a spell whose first interviews fall in `bins`: `pre_share` of each bin starts without an
// offer and the rest free; the deadline hits the given share of those still without one in each step, at
// `deadline_day` when that is finite (else mid-step); `new_spells` records first interviews.
FollowUpProfile follow_spell(const SpellContext& c, std::vector<ScheduleBin> bins, double pre_share,
                             const std::vector<double>& deadline_hit, double deadline_day, bool new_spells);

}  // namespace labsim::models::twin
