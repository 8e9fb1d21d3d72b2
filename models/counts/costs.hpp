// Money: what a task's month costs, by item and by payer (state reimbursement vs municipality).
#pragma once

#include <array>
#include <cstddef>

#include "models/counts/grid.hpp"
#include "models/counts/tally.hpp"
#include "models/model.hpp"

namespace labsim::models {

enum class CostItem : std::uint8_t { benefits, offers, caseworkers, other_actors, contacts };
inline constexpr std::size_t kCostItems = 5;
inline constexpr std::array<const char*, kCostItems> kCostItemLabels = {"benefits", "offers", "caseworkers",
                                                                        "other_actors", "contacts"};
inline constexpr std::size_t kPayers = 2;
inline constexpr std::array<const char*, kPayers> kPayerLabels = {"state", "municipality"};

struct TaskCosts {
  Grid<Axis::month, Axis::cost_item, Axis::payer> by_payer;  // DKK
  Grid<Axis::month, Axis::cost_item> total;                  // DKK, from gross amounts
};

// Benefits are paid per full-time person and day by state, less the hours worked in a partial return; their
// reimbursement depends on whether the person is in an offer (and which), passive, or passive past the legal
// first-offer deadline. Offers cost per participant and day; caseworkers per year; other actors per
// interview.
TaskCosts task_costs(const Model& model, std::size_t jobcentre, const TaskTally& tally);

}  // namespace labsim::models
