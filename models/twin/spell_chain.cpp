// Follow-up of one spell as a small chain over a uniform step grid. Interview times do not depend on offers,
// so the spell is a mixture over first-interview times (schedule bins), each with its own deterministic
// interview schedule and interview-effect windows; within a bin, a chain over offer status (no offer yet /
// deadline passed / free / in offer o, with or without the add-on, by elapsed step / post-programme effect
// by elapsed step) carries the persons still in the spell. Exits thin each status by its own job-finding
// multiplier, so the shares are those among survivors (hazards of normal times: the business cycle's effect
// on the mix is left out). Benefit limits remove everyone alike and so do not change the shares.
#include "models/twin/spell_chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <span>

#include "models/model.hpp"
#include "models/rules/exits.hpp"
#include "models/rules/follow_up.hpp"
#include "models/rules/offer_choice.hpp"

namespace labsim::models::twin {
namespace {

constexpr std::size_t kPre = 0;         // no offer yet, the practice deadline still ahead
constexpr std::size_t kPreHandled = 1;  // no offer yet, the deadline passed
constexpr std::size_t kFree = 2;        // had an offer, in none now, no post-programme effect
constexpr std::size_t kFixedStatuses = 3;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// A sum in four independent parts, which the processor can add at once: summing statuses is most of a
// profile's cost. The order of additions differs from a plain loop only by rounding.
// Scales x[0..n) by f and returns the new sum, in four parts as sum().
double scale_and_sum(double* x, std::size_t n, double f) {
  double a = 0, b = 0, c = 0, d = 0;
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    a += x[k] *= f;
    b += x[k + 1] *= f;
    c += x[k + 2] *= f;
    d += x[k + 3] *= f;
  }
  for (; k < n; ++k) a += x[k] *= f;
  return (a + b) + (c + d);
}

double sum(const double* x, std::size_t n) {
  double a = 0, b = 0, c = 0, d = 0;
  std::size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    a += x[k];
    b += x[k + 1];
    c += x[k + 2];
    d += x[k + 3];
  }
  for (; k < n; ++k) a += x[k];
  return (a + b) + (c + d);
}

struct OfferChain {
  OfferIndex offer = 0;
  bool add_on = false;
  std::size_t first = 0, length = 0;
  // Offers start at events, which fall on average mid-step: half the first step and the rest of the
  // offer's length (up to part of the last step) are spent in it.
  double first_share = 0.5;
  double last_share = 1;
  double multiplier = 1;  // lock-in (with the add-on's)
  double after_multiplier = 1;
  std::vector<char> relapse_after;         // per elapsed step: a partial-return step ends in it
  std::vector<std::size_t> relapse_moves;  // elapsed steps k >= 1 reached from a partial-return step, falling
  double relapse = 0;
  std::size_t post = kNone;        // index into the post chains
  std::size_t completion = kNone;  // index into the profile's completion states
};

// A step's survival in the parts of an offer chain: its first step, the steps in between and its last step.
struct ChainSurvival {
  double first = 0, body = 0, last = 0;
};

struct PostChain {
  std::size_t first = 0, length = 0;
  double multiplier = 1;
};

class SpellChain {
 public:
  SpellChain(const SpellContext& c, FollowUpProfile& out) : c_(c), out_(out) {
    const Model& model = c.model;
    std::vector<const CompiledPolicy*> used;
    for (const CompiledStep& step : c.own.steps) used.push_back(&step.policy);
    if (c.s.other_actor_days > 0) {
      for (const CompiledStep& step : c.s.other_actor.steps) used.push_back(&step.policy);
    }
    std::size_t next = kFixedStatuses;
    post_of_offer_.assign(model.offers(), kNone);
    chains_of_offer_.assign(model.offers(), {});
    for (std::size_t o = 0; o < model.offers(); ++o) {
      const bool drawn = std::any_of(used.begin(), used.end(),
                                     [&](const CompiledPolicy* p) { return rules::offer_chance(*p, o) > 0; });
      if (!drawn) continue;
      const CompiledOffer& offer = model.offer(o);
      if (offer.post_days > 0) {
        PostChain post;
        post.first = next;
        post.length =
            std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(offer.post_days / c.step_days)));
        post.multiplier = offer.post_multiplier;
        next += post.length;
        post_of_offer_[o] = posts_.size();
        posts_.push_back(post);
      }
      const OfferIndex add_on = model.add_on_offer();
      const bool with_add_on = rules::may_add_on(offer, add_on);
      for (int variant = 0; variant < (with_add_on ? 2 : 1); ++variant) {
        OfferChain chain;
        chain.offer = static_cast<OfferIndex>(o);
        chain.add_on = variant == 1;
        const double length = offer.duration_days / c.step_days;
        chain.length = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(length + 0.5 - 1e-9)));
        chain.first_share = std::min(0.5, length);
        chain.last_share = std::clamp(length + 0.5 - static_cast<double>(chain.length - 1), 0.0, 1.0);
        chain.first = next;
        next += chain.length;
        chain.multiplier =
            offer.lock_in_multiplier * (chain.add_on ? model.offer(add_on).lock_in_multiplier : 1.0);
        chain.post = post_of_offer_[o];
        chain.after_multiplier = chain.post == kNone ? 1.0 : posts_[chain.post].multiplier;
        chain.relapse_after.assign(chain.length, 0);
        chain.relapse = offer.relapse_probability;
        for (std::size_t k = 1; k < offer.steps(); ++k) {
          const double boundary = 0.5 + static_cast<double>(k) * offer.step_days / c.step_days;
          const auto e = static_cast<std::size_t>(boundary);
          chain.relapse_after[std::min(e, chain.length - 1)] = 1;
        }
        for (std::size_t k = chain.length - 1; k > 0; --k) {
          if (chain.relapse_after[k - 1]) chain.relapse_moves.push_back(k);
        }
        if (offer.completion_state != kNoState && offer.completion_state != c.state) {
          const auto it =
              std::find(out.completion_states.begin(), out.completion_states.end(), offer.completion_state);
          chain.completion = static_cast<std::size_t>(it - out.completion_states.begin());
          if (it == out.completion_states.end()) out.completion_states.push_back(offer.completion_state);
        }
        chains_of_offer_[o].push_back(chains_.size());
        chains_.push_back(std::move(chain));
      }
    }
    statuses_ = next;
    const std::size_t steps = c.steps, offers = model.offers();
    out.step_days = c.step_days;
    out.steps = steps;
    out.job_multiplier.assign(steps, 1.0);
    out.in_offer = decltype(out.in_offer)(steps, offers);
    out.without_first_interview.assign(steps, 0.0);
    out.first_interview.assign(steps, 0.0);
    out.without_first_offer.assign(steps, 0.0);
    out.first_offer.assign(steps, 0.0);
    out.completion = decltype(out.completion)(steps, out.completion_states.size());
  }

  // Runs the chain: `pre_share` of each bin starts without an offer and the rest free; the deadline hits the
  // given share of those still without one in each step, at `deadline_day` when that is finite (else
  // mid-step); `new_spells` records first interviews.
  void run(std::vector<ScheduleBin> bins, double pre_share, const std::vector<double>& deadline_hit,
           double deadline_day, bool new_spells) {
    const std::size_t steps = c_.steps, B = bins.size();
    Table<double, TwinAxis::schedule_bin, TwinAxis::status> mass(B, statuses_);
    for (std::size_t b = 0; b < B; ++b) {
      mass.at(b, kPre) = bins[b].weight * pre_share;
      mass.at(b, kFree) = bins[b].weight * (1 - pre_share);
    }
    std::vector<std::size_t> next_interview(B, 0);
    std::vector<ChainSurvival> chain_survival(chains_.size());
    std::vector<double> post_survival(posts_.size());
    const CompiledState& s = c_.s;
    const double exit_multiplier = c_.model.jobcentre(c_.jobcentre).exit_multiplier[c_.state];
    // Each bin's mass at the step's start: summed once, then kept up to date by the survival pass and
    // advance(), which moves mass only between statuses except for completed offers.
    std::vector<double> bin_totals(B);
    for (std::size_t b = 0; b < B; ++b) bin_totals[b] = sum(mass.row(b).data(), statuses_);
    std::size_t band = 0;
    for (std::size_t j = 0; j < steps; ++j) {
      const double day = static_cast<double>(j) * c_.step_days, day_end = day + c_.step_days;
      const double mid = c_.duration_offset + day + 0.5 * c_.step_days;
      band = rules::band_at(s, mid, band);
      // Hazards of normal times: the first cycle slot.
      const std::size_t at = rules::hazard_cell(s, 0, c_.group, band);
      const double job = s.exits.empty() ? 0.0 : s.job_hazard_per_day[at] * exit_multiplier * c_.step_days;
      const double other =
          s.exits.empty() ? 0.0 : s.other_hazard_per_day[at] * exit_multiplier * c_.step_days;

      double total = 0, without_offer = 0, without_interview = 0, first_interviews = 0;
      for (std::size_t b = 0; b < B; ++b) {
        const double* m = mass.row(b).data();
        const double bin_total = bin_totals[b];
        total += bin_total;
        without_offer += m[kPre] + m[kPreHandled];
        if (new_spells) {
          const double before = later_than(bins[b], day), after = later_than(bins[b], day_end);
          without_interview += bin_total * before;
          first_interviews += bin_total * (before - after);
        }
      }
      if (!(total > 0)) break;
      out_.without_first_interview[j] = without_interview / total;
      out_.first_interview[j] = first_interviews / total;
      out_.without_first_offer[j] = without_offer / total;

      double first_offers = 0;
      for (std::size_t b = 0; b < B; ++b) {
        double* m = mass.row(b).data();
        const auto& iv = bins[b].interviews;
        const double deadline_at = std::isfinite(deadline_day) ? deadline_day : day + 0.5 * c_.step_days;
        bool deadline_due = deadline_hit[j] > 0;
        std::size_t& i = next_interview[b];
        while (true) {
          const bool interview_due = i < iv.size() && iv[i].day < day_end;
          if (deadline_due && (!interview_due || deadline_at <= iv[i].day)) {
            // The step reached by then makes the offer, as in the simulator (its mix and compliance).
            const CompiledPolicy& at_deadline = rules::policy_at(c_.own, c_.duration_offset + deadline_at);
            const double hit = m[kPre] * deadline_hit[j];
            const double offered = hit * at_deadline.deadline_compliance;
            m[kPre] -= hit;
            m[kPreHandled] += hit - offered;
            start_offers(m, offered, at_deadline);
            first_offers += offered;
            deadline_due = false;
          } else if (interview_due) {
            first_offers += interview(m, *iv[i].policy);
            ++i;
          } else {
            break;
          }
        }
      }
      out_.first_offer[j] = first_offers / total;

      double weighted = 0;
      const std::span<double> in_offer = out_.in_offer.row(j);
      const OfferIndex add_on = c_.model.add_on_offer();
      // Survival depends on the bin only through its interview effect, which few bins differ in: computed
      // again only when the effect changes from one bin to the next.
      double survival_effect = std::numeric_limits<double>::quiet_NaN();
      for (std::size_t b = 0; b < B; ++b) {
        double* m = mass.row(b).data();
        const double effect = bins[b].interview_multiplier[j];
        const bool recompute = effect != survival_effect;
        survival_effect = effect;
        double plain = m[kPre] + m[kPreHandled] + m[kFree];
        double multiplied = 0;
        for (const PostChain& p : posts_) {
          const double in = sum(m + p.first, p.length);
          multiplied += in * p.multiplier;
          if (recompute) post_survival[&p - posts_.data()] = std::exp(-(other + job * p.multiplier * effect));
        }
        for (std::size_t x = 0; x < chains_.size(); ++x) {
          const OfferChain& ch = chains_[x];
          const double first = m[ch.first];
          double body = 0, last = 0;
          if (ch.length > 1) {
            body = sum(m + ch.first + 1, ch.length - 2);
            last = m[ch.first + ch.length - 1];
          }
          const double first_multiplier = ch.first_share * ch.multiplier + (1 - ch.first_share);
          const double last_multiplier =
              ch.last_share * ch.multiplier + (1 - ch.last_share) * ch.after_multiplier;
          multiplied += first * first_multiplier + body * ch.multiplier + last * last_multiplier;
          const double occupied = first * ch.first_share + body + last * ch.last_share;
          in_offer[ch.offer] += occupied / total;
          if (ch.add_on) in_offer[add_on] += occupied / total;
          if (recompute) {
            chain_survival[x].first = std::exp(-(other + job * first_multiplier * effect));
            chain_survival[x].body = std::exp(-(other + job * ch.multiplier * effect));
            chain_survival[x].last = std::exp(-(other + job * last_multiplier * effect));
          }
        }
        weighted += (plain + multiplied) * effect;
        const double free_survival = std::exp(-(other + job * effect));
        m[kPre] *= free_survival;
        m[kPreHandled] *= free_survival;
        m[kFree] *= free_survival;
        double surviving = m[kPre] + m[kPreHandled] + m[kFree];
        for (std::size_t x = 0; x < posts_.size(); ++x)
          surviving += scale_and_sum(m + posts_[x].first, posts_[x].length, post_survival[x]);
        for (std::size_t x = 0; x < chains_.size(); ++x) {
          const OfferChain& ch = chains_[x];
          surviving += m[ch.first] *= chain_survival[x].first;
          if (ch.length > 1) {
            surviving += scale_and_sum(m + ch.first + 1, ch.length - 2, chain_survival[x].body);
            surviving += m[ch.first + ch.length - 1] *= chain_survival[x].last;
          }
        }
        bin_totals[b] = surviving - advance(m, out_.completion.row(j), total);
        // When most of the bin completed, the difference is mostly rounding: summed afresh.
        if (!(bin_totals[b] > 1e-6 * surviving)) bin_totals[b] = sum(m, statuses_);
      }
      out_.job_multiplier[j] = weighted / total;
    }
  }

 private:
  // An interview: those in no offer get one with the policy's probability. Returns the first offers made.
  double interview(double* m, const CompiledPolicy& p) {
    const double q = p.offer_probability;
    if (q <= 0) return 0;
    const double first = (m[kPre] + m[kPreHandled]) * q;
    double offered = first;
    m[kPre] *= 1 - q;
    m[kPreHandled] *= 1 - q;
    offered += m[kFree] * q;
    m[kFree] *= 1 - q;
    for (const PostChain& post : posts_) {
      for (std::size_t k = 0; k < post.length; ++k) {
        offered += m[post.first + k] * q;
        m[post.first + k] *= 1 - q;
      }
    }
    start_offers(m, offered, p);
    return first;
  }

  void start_offers(double* m, double persons, const CompiledPolicy& p) {
    if (persons <= 0) return;
    for (std::size_t o = 0; o < chains_of_offer_.size(); ++o) {
      const double share = rules::offer_chance(p, o);
      if (share <= 0 || chains_of_offer_[o].empty()) continue;
      const auto& variants = chains_of_offer_[o];
      const double with_add_on = variants.size() > 1 ? c_.model.offer(o).add_on_share : 0.0;
      m[chains_[variants[0]].first] += persons * share * (1 - with_add_on);
      if (variants.size() > 1) m[chains_[variants[1]].first] += persons * share * with_add_on;
    }
  }

  // Moves everyone on by one step: offers and post-programme effects run on, end, relapse or complete.
  // Returns the persons who complete (and so leave the state).
  double advance(double* m, std::span<double> completion, double total) {
    double completed = 0;
    for (const PostChain& p : posts_) {
      m[kFree] += m[p.first + p.length - 1];
      std::memmove(m + p.first + 1, m + p.first, (p.length - 1) * sizeof(double));
      m[p.first] = 0;
    }
    for (const OfferChain& ch : chains_) {
      double leaving = m[ch.first + ch.length - 1];
      if (ch.relapse_after[ch.length - 1] && ch.length > 0) {
        m[kFree] += leaving * ch.relapse;
        leaving *= 1 - ch.relapse;
      }
      if (ch.completion != kNone) {
        completion[ch.completion] += leaving / total;
        completed += leaving;
      } else if (ch.post != kNone) {
        m[posts_[ch.post].first] += leaving;
      } else {
        m[kFree] += leaving;
      }
      // Shifted at once; partial returns then taken from those who moved on from a partial-return step,
      // in falling order of elapsed step as the free status has always summed them.
      std::memmove(m + ch.first + 1, m + ch.first, (ch.length - 1) * sizeof(double));
      m[ch.first] = 0;
      for (std::size_t k : ch.relapse_moves) {
        m[kFree] += m[ch.first + k] * ch.relapse;
        m[ch.first + k] *= 1 - ch.relapse;
      }
    }
    return completed;
  }

  const SpellContext& c_;
  FollowUpProfile& out_;
  std::vector<OfferChain> chains_;
  std::vector<PostChain> posts_;
  std::vector<std::size_t> post_of_offer_;
  std::vector<std::vector<std::size_t>> chains_of_offer_;
  std::size_t statuses_ = kFixedStatuses;
};

}  // namespace

FollowUpProfile follow_spell(const SpellContext& c, std::vector<ScheduleBin> bins, double pre_share,
                             const std::vector<double>& deadline_hit, double deadline_day, bool new_spells) {
  FollowUpProfile out;
  SpellChain chain(c, out);
  chain.run(std::move(bins), pre_share, deadline_hit, deadline_day, new_spells);
  return out;
}

}  // namespace labsim::models::twin
