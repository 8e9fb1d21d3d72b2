// The persons of one task, stored as structure-of-arrays, and their synthesis from jobcentre counts.
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

struct Population {
  // Per person; indexed by PersonId::value.
  std::vector<StateIndex> state;
  std::vector<std::uint8_t> group;
  std::vector<PendingEvent> pending;
  std::vector<OfferIndex> offer;        // the offer the person is in, or kNoOffer
  std::vector<OfferIndex> waiting_for;  // the offer the person waits for, or kNoOffer
  std::vector<OfferIndex> post_offer;   // the offer whose post-programme effect applies, or kNoOffer
  std::vector<double> spell_start_day;
  std::vector<double> next_interview_day;
  std::vector<double> offer_end_day;
  std::vector<double> post_effect_end_day;
  std::vector<std::uint32_t> draws;  // position in the person's random stream

  // New spells from outside, in the order their persons were numbered (after the initial stock).
  struct Arrival {
    double day;
    StateIndex state;
  };
  std::vector<Arrival> arrivals;
  std::uint32_t initial_persons = 0;

  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(state.size()); }
};

// Creates the jobcentre's initial stock and the arrivals of the whole horizon. Arrivals follow a Poisson
// process per state, drawn from reserved streams; each person's group comes from their own stream.
Population synthesise_population(const Model& model, std::size_t jobcentre,
                                 const sim::RandomStreams& streams);

}  // namespace labsim::models
