// The monthly counts both engines produce, the simulator by counting persons and the Markov twin as expected
// values: what calibration, forecasts and the result file read from either.
#pragma once

#include <array>
#include <cstddef>

#include "models/counts/grid.hpp"
#include "models/rules/windows.hpp"

namespace labsim::models {

using StateGroupByMonth = Grid<Axis::month, Axis::state, Axis::group>;
using StateOfferByMonth = Grid<Axis::month, Axis::state, Axis::offer>;
using FlowsByMonth = Grid<Axis::month, Axis::from_state, Axis::to_state>;
using StateByMonth = Grid<Axis::month, Axis::state>;
using ByMonth = Grid<Axis::month>;
// Spells by month of spell start, benefit group and window.
using Timeliness = Grid<Axis::month, Axis::benefit_group, Axis::within>;

// One jobcentre's counts over the run. Full-time persons are person-days in the month divided by its length
// (the month's average head count).
struct MonthlyCounts {
  MonthlyCounts() = default;
  MonthlyCounts(std::size_t months, std::size_t states, std::size_t groups, std::size_t offers,
                std::size_t benefit_groups)
      : in_state(months, states, groups),
        in_offer(months, states, offers),
        labour_reserve(months),
        inflow(months, states, groups),
        flows(months, states, states),
        first_interview_due(months, benefit_groups, kWindows),
        first_interview_met(months, benefit_groups, kWindows),
        first_offer_due(months, benefit_groups, kWindows),
        first_offer_met(months, benefit_groups, kWindows) {}

  StateGroupByMonth in_state;  // full-time persons on each benefit state
  StateOfferByMonth in_offer;  // full-time persons in each offer, by their benefit state
  ByMonth labour_reserve;      // full-time persons with more than 3 months of continuous temporary support
  StateGroupByMonth inflow;    // new spells from outside
  FlowsByMonth flows;          // transitions
  // A spell is due once it lasts the window or has its first interview (offer); met when it had it in time.
  Timeliness first_interview_due, first_interview_met;
  Timeliness first_offer_due, first_offer_met;
};

}  // namespace labsim::models
