// Interview schedules of a profiled spell, and the interview effect they bring by step.
#include "models/twin/interview_schedule.hpp"

#include <algorithm>
#include <cmath>

#include "models/rules/follow_up.hpp"

namespace labsim::models::twin {

namespace {

// More bins sharpen interview timing; 12 keeps a bin within ~2 weeks for the widest spreads in use.
constexpr std::size_t kMaxScheduleBins = 12;

}  // namespace

const CompiledPolicy& active(const SpellContext& c, double duration) {
  return rules::active_policy(c.s, rules::policy_at(c.own, duration), duration, true);
}

const CompiledPolicy& deadline_policy(const SpellContext& c) {
  return c.own.steps.front().policy;
}

double interval(const SpellContext& c, const CompiledPolicy& p, double duration) {
  return rules::interview_interval(c.s, c.group, p, duration);
}

ScheduleBin schedule(const SpellContext& c, double weight, double first_day, double lo, double hi) {
  ScheduleBin bin;
  bin.weight = weight;
  bin.first_lo = lo;
  bin.first_hi = hi;
  const double end = static_cast<double>(c.steps) * c.step_days;
  for (double t = first_day; t < end;) {
    const CompiledPolicy& p = active(c, c.duration_offset + t);
    bin.interviews.push_back({t, &p});
    const double next = t + interval(c, p, c.duration_offset + t);
    if (!(next > t)) break;
    t = next;
  }
  bin.interview_multiplier.assign(c.steps, 1.0);
  const auto& iv = bin.interviews;
  const auto sets_effect = [](const CompiledPolicy& p) {
    return p.interview_multiplier != 1.0 && p.interview_effect_days > 0;
  };
  for (std::size_t i = 0; i < iv.size(); ++i) {
    const CompiledPolicy& p = *iv[i].policy;
    if (!sets_effect(p)) continue;
    double to = iv[i].day + p.interview_effect_days;
    for (std::size_t k = i + 1; k < iv.size() && iv[k].day < to; ++k) {
      if (sets_effect(*iv[k].policy)) {
        to = iv[k].day;
        break;
      }
    }
    const double from = iv[i].day;
    for (auto j = static_cast<std::size_t>(from / c.step_days); j < c.steps; ++j) {
      const double a = static_cast<double>(j) * c.step_days, b = a + c.step_days;
      if (a >= to) break;
      const double overlap = std::min(b, to) - std::max(a, from);
      if (overlap > 0) bin.interview_multiplier[j] += (p.interview_multiplier - 1) * overlap / c.step_days;
    }
  }
  return bin;
}

std::vector<ScheduleBin> evenly_spread(const SpellContext& c, double lo, double hi) {
  const double span = hi - lo;
  const double steps_per_bin = std::ceil(span / c.step_days / static_cast<double>(kMaxScheduleBins));
  const double width = std::max(1.0, steps_per_bin) * c.step_days;
  std::vector<ScheduleBin> bins;
  for (double a = std::floor(lo / width) * width; a < hi; a += width) {
    const double from = std::max(a, lo), to = std::min(a + width, hi);
    if (to <= from) continue;
    bins.push_back(schedule(c, (to - from) / span, 0.5 * (from + to), from, to));
  }
  return bins;
}

ScheduleBin without_interviews(std::size_t steps) {
  ScheduleBin bin;
  bin.weight = 1;
  bin.interview_multiplier.assign(steps, 1.0);
  return bin;
}

// The chance a bin's first interview comes after `day`.

}  // namespace labsim::models::twin
