// Follow-up in expectation for the Markov twin: what interviews, offers and deadlines do, on average, to the
// persons still in a spell, step by step of spell duration (new spells) or of time since the run's start
// (the initial stock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/compiled.hpp"
#include "models/twin/twin_table.hpp"

namespace labsim::models {

class Model;

// Per step of a uniform grid; shares are among the persons still in the spell at the step's start.
struct FollowUpProfile {
  double step_days = 0;
  std::size_t steps = 0;
  std::vector<double> job_multiplier;  // [step] mean multiplier on job finding
  // Share of the step spent in each offer.
  twin::Table<double, twin::TwinAxis::profile_step, twin::TwinAxis::offer> in_offer;
  std::vector<double> without_first_interview;  // [step] share without an interview yet, at the step's start
  std::vector<double> first_interview;          // [step] share who have their first interview in the step
  std::vector<double> without_first_offer;      // [step] share without an offer yet, at the step's start
  std::vector<double> first_offer;              // [step] share who start their first offer in the step
  std::vector<StateIndex> completion_states;    // where offers that end as planned send persons
  // Share sent to each completion state in the step.
  twin::Table<double, twin::TwinAxis::profile_step, twin::TwinAxis::completion_state> completion;

  [[nodiscard]] std::size_t step_at(double days) const {
    const double x = days / step_days;
    if (!(x > 0)) return 0;
    return x >= static_cast<double>(steps - 1) ? steps - 1 : static_cast<std::size_t>(x);
  }
  // The share still without the first event at spell duration `days`, from the step's start value and flow.
  [[nodiscard]] static double without_at(const std::vector<double>& without, const std::vector<double>& flow,
                                         const FollowUpProfile& p, double days) {
    const std::size_t j = p.step_at(days);
    const double within = days / p.step_days - static_cast<double>(j);
    return without[j] - (within > 1 ? 1.0 : within) * flow[j];
  }
};

// New spells begun in the run in a followed-up state (not exempt), over `steps` steps of spell duration.
FollowUpProfile new_spell_profile(const Model& model, std::size_t jobcentre, StateIndex state,
                                  std::uint8_t group, double step_days, std::size_t steps);

// The initial stock of a followed-up state (not exempt), over `steps` steps of time since the run's start.
// `elapsed_mass` gives the stock's elapsed durations in bins of `step_days` (the last bin open-ended); the
// twin calls it separately for those before and past the practice deadline, whose hazards differ.
FollowUpProfile initial_stock_profile(const Model& model, std::size_t jobcentre, StateIndex state,
                                      std::uint8_t group, double step_days, std::size_t steps,
                                      const std::vector<double>& elapsed_mass);

}  // namespace labsim::models
