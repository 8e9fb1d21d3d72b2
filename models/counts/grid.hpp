// Counts over named axes: dense tables of doubles whose axes are the result file's dimensions, so that no
// layout lives in a comment and no index is computed by hand.
#pragma once

#include <cstdint>

#include "models/dense_table.hpp"

namespace labsim::models {

// What an axis of counts runs over. Each is a dimension of the result file, named by axis_name().
enum class Axis : std::uint8_t {
  month,
  state,
  from_state,
  to_state,
  group,
  offer,
  benefit_group,
  within,  // timeliness window
  duration_weeks,
  cohort,
  cost_item,
  payer,
  pool,           // capacity pool
  duration_band,  // a band of spell duration (reimbursement by duration)
};

// The axis's dimension name in the result file.
constexpr const char* axis_name(Axis axis) {
  switch (axis) {
    case Axis::month:
      return "month";
    case Axis::state:
      return "state";
    case Axis::from_state:
      return "from_state";
    case Axis::to_state:
      return "to_state";
    case Axis::group:
      return "group";
    case Axis::offer:
      return "offer";
    case Axis::benefit_group:
      return "benefit_group";
    case Axis::within:
      return "within";
    case Axis::duration_weeks:
      return "duration_weeks";
    case Axis::cohort:
      return "cohort";
    case Axis::cost_item:
      return "cost_item";
    case Axis::payer:
      return "payer";
    case Axis::pool:
      return "pool";
    case Axis::duration_band:
      return "duration_band";
  }
  return "";
}

// Counts in C (row-major) order over `Axes`, all 0 at construction: Grid<Axis::month, Axis::state> is indexed
// at(month, state); add() counts one, += and cellwise() combine grids cell by cell (models/dense_table.hpp).
template <Axis... Axes>
using Grid = DenseTable<double, Axis, Axes...>;

}  // namespace labsim::models
