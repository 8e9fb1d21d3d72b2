// The persons of one task and their synthesis from jobcentre counts.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "models/model.hpp"
#include "sim/random_stream.hpp"

namespace labsim::models {

enum class PendingEvent : std::uint8_t { arrival, transition, interview, offer_end, post_effect_end };

inline constexpr OfferIndex kNoOffer = std::numeric_limits<OfferIndex>::max();
inline constexpr double kNever = std::numeric_limits<double>::infinity();

// One person's state, kept together so that handling an event touches one or two cache lines (48 bytes);
// separate arrays per field cost a cache miss each in large jobcentres.
struct Person {
  double spell_start_day = 0;
  double next_interview_day = kNever;
  double offer_end_day = kNever;
  double post_effect_end_day = kNever;
  std::uint32_t draws = 0;  // position in the person's random stream
  StateIndex state = 0;
  std::uint8_t group = 0;
  PendingEvent pending = PendingEvent::transition;
  OfferIndex offer = kNoOffer;        // the offer the person is in
  OfferIndex waiting_for = kNoOffer;  // the offer the person waits for
  OfferIndex post_offer = kNoOffer;   // the offer whose post-programme effect applies
};
static_assert(sizeof(Person) == 48);

struct Population {
  std::vector<Person> persons;  // indexed by PersonId::value

  // New spells from outside, in the order their persons were numbered (after the initial stock).
  struct Arrival {
    double day;
    StateIndex state;
  };
  std::vector<Arrival> arrivals;
  std::uint32_t initial_persons = 0;

  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(persons.size()); }
};

// Creates the jobcentre's initial stock and the arrivals of the whole horizon. Arrivals follow a Poisson
// process per state, drawn from reserved streams; each person's group comes from their own stream.
Population synthesise_population(const Model& model, std::size_t jobcentre,
                                 const sim::RandomStreams& streams);

}  // namespace labsim::models
