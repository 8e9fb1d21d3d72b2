// Which offer a follow-up policy leads to, and whether the add-on offer comes with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/compiled.hpp"
#include "models/rules/age_band.hpp"
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

// Whether a person in `state` and `group` whose spell has lasted `duration_days` may start `offer`.
inline bool eligible(const CompiledOffer& offer, StateIndex state, std::uint8_t group, double duration_days) {
  return duration_days >= offer.min_spell_days && duration_days < offer.max_spell_days &&
         offer.age_band[age_band(group)] && offer.in_state[state] != 0;
}

// The offer drawn from the policy's mix among the offers the person is eligible for (their weights
// renormalised); kNoOffer when the mix holds none of them.
inline OfferIndex choose_eligible_offer(const std::vector<CompiledOffer>& offers,
                                        const CompiledPolicy& policy, StateIndex state, std::uint8_t group,
                                        double duration_days, double uniform_draw) {
  const auto weight = [&](std::size_t o) {
    return eligible(offers[o], state, group, duration_days) ? pick_chance(policy.offer_cumulative_share, o)
                                                            : 0.0;
  };
  double total = 0;
  for (std::size_t o = 0; o < offers.size(); ++o) total += weight(o);
  if (total <= 0) return kNoOffer;
  double left = uniform_draw * total;
  std::size_t last = 0;
  for (std::size_t o = 0; o < offers.size(); ++o) {
    const double w = weight(o);
    if (w <= 0) continue;
    last = o;
    left -= w;
    if (left < 0) return static_cast<OfferIndex>(o);
  }
  return static_cast<OfferIndex>(last);  // rounding
}

// Whether a start of `offer` brings the add-on offer (`add_on_offer`, kNoOffer when the scenario has none)
// alongside, with chance offer.add_on_share.
inline bool may_add_on(const CompiledOffer& offer, OfferIndex add_on_offer) {
  return offer.add_on_share > 0 && add_on_offer != kNoOffer;
}

}  // namespace labsim::models::rules
