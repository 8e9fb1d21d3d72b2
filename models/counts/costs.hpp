// Money: what a task's month costs, by item and by payer (state reimbursement vs municipality).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "models/model.hpp"
#include "models/counts/tally.hpp"

namespace labsim::models {

enum class CostItem : std::uint8_t { benefits, offers, caseworkers, other_actors };
inline constexpr std::size_t kCostItems = 4;
inline constexpr std::array<const char*, kCostItems> kCostItemLabels = {"benefits", "offers", "caseworkers",
                                                                        "other_actors"};
inline constexpr std::size_t kPayers = 2;
inline constexpr std::array<const char*, kPayers> kPayerLabels = {"state", "municipality"};

struct TaskCosts {
  std::vector<double> by_payer;  // [month][item][payer] DKK
  std::vector<double> total;     // [month][item] DKK, from gross amounts
};

// Benefits are paid per full-time person and day by state, less the hours worked in a partial return; their
// reimbursement depends on whether the person is in an offer (and which), passive, or passive past the legal
// first-offer deadline. Offers cost per participant and day; caseworkers per year; other actors per
// interview.
TaskCosts task_costs(const Model& model, std::size_t jobcentre, const TaskTally& tally);

}  // namespace labsim::models
