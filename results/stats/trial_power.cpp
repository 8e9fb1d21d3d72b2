// Sample size by simulation: doubling until the target power is reached, then bisection.
#include "results/stats/trial_power.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "results/stats/effects.hpp"
#include "results/stats/trial_analysis.hpp"
#include "sim/parallel_runner.hpp"
#include "sim/random_stream.hpp"

namespace labsim::results {

namespace {

struct Pool {
  std::vector<std::size_t> control, treated;  // rows of the analysis population, by arm
};

// The estimate and p-value of the test on participants `rows` (arm 1 against arm 0): a difference in means,
// or a hazard ratio when the outcome index is past the outcomes.
struct Test {
  double estimate = NAN, p_value = NAN;
};

Test test_on(const TrialData& d, std::span<const std::size_t> rows, std::size_t outcome) {
  if (outcome < d.outcomes.size()) {
    std::vector<double> values;
    std::vector<std::uint8_t> treated;
    for (std::size_t i : rows) {
      values.push_back(d.values[outcome][i]);
      treated.push_back(d.arm[i] == 1 ? 1 : 0);
    }
    const Difference diff = difference_in_means(values, treated);
    return {diff.estimate, diff.p_value};
  }
  const CoxFit fit = arm_hazard_ratios(d, rows);
  if (fit.hazard_ratio.empty()) return {};
  return {fit.hazard_ratio[0], fit.p_value[0]};
}

struct Verdict {
  std::uint8_t significant = 0;
};

// One drawn trial of `n` participants: is its difference significant?
bool significant(const TrialData& d, const Pool& pool, std::size_t n, double treated_share,
                 std::uint32_t trial, const PowerOptions& o) {
  const auto treated_n = static_cast<std::size_t>(std::llround(static_cast<double>(n) * treated_share));
  const std::size_t control_n = n - treated_n;
  const sim::RandomStreams streams({o.seed, trial, 0});
  std::vector<std::size_t> rows;
  rows.reserve(n);
  std::uint32_t c_pos = 0, t_pos = 0;
  sim::StreamCursor c_draw(streams, 0, c_pos), t_draw(streams, 1, t_pos);
  for (std::size_t i = 0; i < control_n; ++i)
    rows.push_back(
        pool.control[static_cast<std::size_t>(c_draw.uniform() * static_cast<double>(pool.control.size()))]);
  for (std::size_t i = 0; i < treated_n; ++i)
    rows.push_back(
        pool.treated[static_cast<std::size_t>(t_draw.uniform() * static_cast<double>(pool.treated.size()))]);

  return test_on(d, rows, o.outcome).p_value < o.alpha;
}

PowerPoint power_at(const TrialData& d, const Pool& pool, std::size_t n, double treated_share,
                    const PowerOptions& o) {
  const auto verdicts =
      sim::run_tasks<Verdict>(static_cast<std::uint32_t>(o.resamples), 1, o.threads, [&](sim::TaskId id) {
        return Verdict{static_cast<std::uint8_t>(significant(d, pool, n, treated_share, id.replication, o))};
      });
  double hits = 0;
  for (const Verdict& v : verdicts) hits += v.significant;
  PowerPoint p;
  p.participants = n;
  p.power = hits / o.resamples;
  p.power_se = std::sqrt(p.power * (1 - p.power) / o.resamples);
  return p;
}

}  // namespace

PowerResult find_sample_size(const TrialData& d, Analysis analysis, double treated_share,
                             const PowerOptions& o) {
  Pool pool;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (!d.in(analysis, i)) continue;
    (d.arm[i] == 0 ? pool.control : pool.treated).push_back(i);
  }
  PowerResult result;
  result.pool_control = pool.control.size();
  result.pool_treated = pool.treated.size();
  if (pool.control.size() < 2 || pool.treated.size() < 2) return result;

  std::vector<std::size_t> all(pool.control);
  all.insert(all.end(), pool.treated.begin(), pool.treated.end());
  result.pool_estimate = test_on(d, all, o.outcome).estimate;

  const auto record = [&](std::size_t n) {
    const PowerPoint p = power_at(d, pool, n, treated_share, o);
    result.points.push_back(p);
    return p.power >= o.target_power;
  };
  std::size_t low = 0, high = 0;
  for (std::size_t n = 50; n <= o.max_participants; n *= 2) {
    if (record(n)) {
      high = n;
      break;
    }
    low = n;
  }
  if (high == 0) return result;
  // Bisection to within 2% (and 10 persons).
  while (high - low > std::max<std::size_t>(10, high / 50)) {
    const std::size_t mid = (low + high) / 2;
    (record(mid) ? high : low) = mid;
  }
  result.required = high;
  std::sort(result.points.begin(), result.points.end(),
            [](const PowerPoint& a, const PowerPoint& b) { return a.participants < b.participants; });
  return result;
}

}  // namespace labsim::results
