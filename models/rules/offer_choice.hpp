// Which offer a follow-up policy leads to, and whether the add-on offer comes with it.
#pragma once

#include <cstddef>

#include "models/compiled.hpp"
#include "models/rules/shares.hpp"

namespace labsim::models::rules {

// The offer drawn from the policy's offer mix.
inline OfferIndex choose_offer(const CompiledPolicy& policy, double uniform_draw) {
  return static_cast<OfferIndex>(pick(policy.offer_cumulative_share, uniform_draw));
}

// The chance that choose_offer() gives offer o.
inline double offer_chance(const CompiledPolicy& policy, std::size_t o) {
  return pick_chance(policy.offer_cumulative_share, o);
}

// Whether a start of `offer` brings the add-on offer (`add_on_offer`, kNoOffer when the scenario has none)
// alongside, with chance offer.add_on_share.
inline bool may_add_on(const CompiledOffer& offer, OfferIndex add_on_offer) {
  return offer.add_on_share > 0 && add_on_offer != kNoOffer;
}

}  // namespace labsim::models::rules
