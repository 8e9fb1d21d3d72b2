// The persons of one task and their synthesis from jobcentre counts and cohorts.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "models/compiled.hpp"
#include "sim/random_stream.hpp"

namespace labsim::models {

class Model;

enum class PendingEvent : std::uint8_t {
  arrival,
  transition,
  interview,
  offer_end,        // the offer (or a step of a partial return) ends as planned
  post_effect_end,  // the post-programme effect wears off
  interview_effect_end,
  offer_deadline,  // the policy's first-offer time is reached without an offer
  benefit_limit,   // the benefit runs out
  step_window,     // the window of the person's programme step closes
};

inline constexpr double kNever = std::numeric_limits<double>::infinity();

// Per-spell facts about a person, as bits.
namespace flags {
inline constexpr std::uint8_t first_interview_done = 1 << 0;
inline constexpr std::uint8_t first_offer_done = 1 << 1;
inline constexpr std::uint8_t deadline_handled = 1 << 2;
inline constexpr std::uint8_t exempt = 1 << 3;
inline constexpr std::uint8_t interview_booked = 1 << 4;  // waited for a caseworker; the slot is fixed
inline constexpr std::uint8_t with_add_on = 1 << 5;       // has the add-on offer (mentor) alongside
inline constexpr std::uint8_t new_spell = 1 << 6;         // began within the run: counts for timeliness
inline constexpr std::uint8_t trial_spell = 1 << 7;       // the spell a trial enrolled: the arm's rules apply
}  // namespace flags

// One person's state, kept together in one cache line (64 bytes) so that handling an event touches little
// memory; separate arrays per field cost a cache miss each in large jobcentres.
struct alignas(64) Person {
  double spell_start_day = 0;
  double support_start_day = 0;  // start of continuous temporary public support (labour reserve)
  double next_interview_day = kNever;
  double offer_end_day = kNever;
  double post_effect_end_day = kNever;
  double interview_effect_end_day = kNever;
  std::uint32_t draws = 0;  // position in the person's random stream
  StateIndex state = 0;
  std::uint8_t group = 0;
  PendingEvent pending = PendingEvent::transition;
  OfferIndex offer = kNoOffer;        // the offer the person is in
  OfferIndex waiting_for = kNoOffer;  // the offer the person waits for
  OfferIndex post_offer = kNoOffer;   // the offer whose post-programme effect applies
  std::uint8_t flags = 0;
  std::uint8_t offer_step = 0;     // step of a partial return
  std::uint8_t extensions = 0;     // benefit-limit extensions in this spell
  std::uint8_t cohort = 0;         // 1 + index of the person's cohort, or 0
  StateIndex job_from = kNoState;  // the benefit left for the current job spell (kept-in-jobs)
  std::uint8_t arm = 0;            // 1 + index of the person's trial arm, or 0 outside the trial

  [[nodiscard]] bool has(std::uint8_t f) const { return (flags & f) != 0; }
};
static_assert(sizeof(Person) == 64);

struct Population {
  std::vector<Person> persons;  // indexed by PersonId::value

  // New spells from outside, in the order their persons were numbered (after the initial stock).
  struct Arrival {
    double day;
    StateIndex state;
    std::uint8_t cohort;
  };
  std::vector<Arrival> arrivals;
  std::uint32_t initial_persons = 0;

  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(persons.size()); }
};

// Creates the jobcentre's initial stock, its arrivals over the whole horizon and its cohorts' members.
// Arrivals follow a Poisson process per state, drawn from reserved streams; cohort members arrive evenly
// spread from the cohort's date; each person's group comes from their own stream.
Population synthesise_population(const Model& model, std::size_t jobcentre,
                                 const sim::RandomStreams& streams);

}  // namespace labsim::models
