// The compiled model: a validated scenario turned into flat tables the event handler reads per event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/person_group.hpp"
#include "models/scenario.hpp"
#include "sim/calendar.hpp"

namespace labsim::models {

using StateIndex = std::uint8_t;
using OfferIndex = std::uint8_t;

// One competing exit from a state.
struct Exit {
  StateIndex to = 0;
  bool job_finding = false;
};

struct CompiledState {
  bool absorbing = false;
  bool on_support = true;
  bool has_follow_up = false;
  double first_interview_days = 0;
  double interview_every_days = 0;
  double offer_probability = 0;
  std::vector<double> offer_cumulative_share;  // per offer, cumulative and normalised to end at 1
  std::vector<double> band_start_days;         // start of each hazard band in spell duration
  std::vector<Exit> exits;
  // Hazard per day, indexed [(group * bands + band) * exits + exit], with covariate effects applied.
  std::vector<double> exit_hazard_per_day;
  // Sums over exits per (group, band): job-finding part and the rest, so offers can scale the first.
  std::vector<double> job_hazard_per_day;
  std::vector<double> other_hazard_per_day;

  [[nodiscard]] std::size_t bands() const { return band_start_days.size(); }
};

struct CompiledOffer {
  double duration_days = 0;
  double lock_in_multiplier = 1;
  double post_multiplier = 1;
  double post_days = 0;
};

struct CompiledJobcentre {
  std::string name;
  std::vector<std::uint32_t> initial_persons;  // per state, after scaling
  std::vector<double> inflow_per_day;          // per state, after scaling
  std::vector<std::uint32_t> places;           // per offer, after scaling
  double under_30_share = 0;
  double non_western_share = 0;
};

class Model {
 public:
  // `scale` multiplies every population count, inflow and number of places (for quick previews).
  Model(const Scenario& scenario, double scale);

  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  [[nodiscard]] double scale() const { return scale_; }
  [[nodiscard]] const sim::MonthCalendar& calendar() const { return calendar_; }
  [[nodiscard]] std::size_t states() const { return states_.size(); }
  [[nodiscard]] std::size_t offers() const { return offers_.size(); }
  [[nodiscard]] std::size_t jobcentres() const { return jobcentres_.size(); }
  [[nodiscard]] const CompiledState& state(std::size_t s) const { return states_[s]; }
  [[nodiscard]] const CompiledOffer& offer(std::size_t o) const { return offers_[o]; }
  [[nodiscard]] const CompiledJobcentre& jobcentre(std::size_t j) const { return jobcentres_[j]; }

  // Time until the next transition out of `state`, or nullopt if none ever comes: the piecewise-constant
  // hazard is integrated from `duration_days` until it reaches `exponential_draw` (a standard exponential).
  [[nodiscard]] std::optional<double> time_to_exit(StateIndex state, std::uint8_t group, double duration_days,
                                                   double job_multiplier, double exponential_draw) const;

  // Which exit happens at `duration_days`, chosen in proportion to the exit hazards there.
  [[nodiscard]] StateIndex choose_exit(StateIndex state, std::uint8_t group, double duration_days,
                                       double job_multiplier, double uniform_draw) const;

  // Which offer an interview in `state` leads to, from the state's offer mix.
  [[nodiscard]] OfferIndex choose_offer(StateIndex state, double uniform_draw) const;

 private:
  [[nodiscard]] std::size_t band_of(const CompiledState& s, double duration_days) const;

  Scenario scenario_;
  double scale_;
  sim::MonthCalendar calendar_;
  std::vector<CompiledState> states_;
  std::vector<CompiledOffer> offers_;
  std::vector<CompiledJobcentre> jobcentres_;
};

}  // namespace labsim::models
