// The compiled model's calendar lookups.
#include "models/model.hpp"

namespace labsim::models {

std::size_t Model::month_at(double day) const {
  if (day <= 0) return 0;
  const double horizon = calendar_.horizon().value;
  if (day >= horizon) return static_cast<std::size_t>(calendar_.months() - 1);
  return static_cast<std::size_t>(calendar_.month_of(sim::Days{day}));
}

std::size_t Model::cycle_slot(double day) const {
  return cycle_slots_ == 1 ? 0 : month_at(day);
}

}  // namespace labsim::models
