// What a trial records about each participant: enough to compute every outcome after the run.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

namespace labsim::models {

inline constexpr std::size_t kMaxTrialCheckpoints = 4;

struct TrialRecord {
  double enrol_day = 0;                                          // the enrolled spell's first day
  double success_day = std::numeric_limits<double>::infinity();  // first day self-sufficient, within horizon
  double censor_day = 0;    // end of follow-up: the horizon, or entry into an absorbing state
  double benefit_days = 0;  // on public support within the horizon
  double last_change_day = 0;
  // What the participant's follow-up cost within the horizon: days in offers and their operating cost, and
  // the contacts held by the jobcentre (interviews, meetings) and their cost by contact form.
  double offer_days = 0;
  double offer_cost_dkk = 0;
  double contact_cost_dkk = 0;
  double offer_start_day = 0;  // of the offer the participant is in
  std::uint32_t contacts = 0;
  std::uint32_t replication = 0;
  std::uint32_t jobcentre = 0;
  std::uint8_t arm = 0;                                       // index into the trial's arms
  std::uint8_t state = 0;                                     // current state while followed
  std::array<std::uint8_t, kMaxTrialCheckpoints> state_at{};  // state at each checkpoint
  bool exempt = false;
  bool interviewed = false;           // had a follow-up interview in the enrolled spell
  bool offered = false;               // started an offer in the enrolled spell
  bool partial_return = false;        // started a partial return to work within the horizon
  bool recovered_unemployed = false;  // the enrolled spell ended, within the horizon, in unemployment
  bool spell_ended = false;
  bool closed = false;  // followed to the end of the horizon
};

}  // namespace labsim::models
