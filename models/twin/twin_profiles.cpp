// Profiles are requested jobcentre by jobcentre, in order, and matched against the requests before them;
// only the distinct ones are computed. Matching happens before any profile is built, so which jobcentre's
// inputs stand for a shared profile does not depend on the number of threads.
#include "models/twin/twin_profiles.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "models/rules/follow_up.hpp"
#include "sim/parallel_runner.hpp"

namespace labsim::models {

namespace {

// Elapsed-duration masses count as the same when their shares agree this closely. The initial stock's
// profile depends on its masses only through shares (it is the course of one average person), and the
// tilt towards a jobcentre's labour reserve scales whole stretches of the distribution, so tilted masses
// often agree up to the rounding of the bins' differences of distribution functions: about 1e-16 of the
// total, far below this.
constexpr double kSameShare = 1e-13;

bool same_shares(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  double total_a = 0, total_b = 0;
  for (double x : a) total_a += x;
  for (double x : b) total_b += x;
  if (!(total_a > 0) || !(total_b > 0)) return total_a == total_b;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::abs(a[i] / total_a - b[i] / total_b) > kSameShare) return false;
  }
  return true;
}

struct Request {
  StateIndex state = 0;
  std::uint8_t group = 0;
  // What else a profile depends on of its jobcentre: the state's policy and exit multiplier.
  std::uint8_t policy_slot = 0;
  double exit_multiplier = 1;
  std::size_t jobcentre = 0;  // whose inputs are used
  bool initial = false;
  std::vector<double> elapsed_mass;  // initial stock only

  [[nodiscard]] bool same_inputs(const Request& other) const {
    return state == other.state && group == other.group && policy_slot == other.policy_slot &&
           exit_multiplier == other.exit_multiplier && initial == other.initial &&
           (!initial || same_shares(elapsed_mass, other.elapsed_mass));
  }
};

}  // namespace

TwinProfiles::TwinProfiles(const Model& model, const TwinGrid& grid, int threads)
    : new_spell_(model.jobcentres(), model.states(), kGroupCount),
      bins_(model.jobcentres(), model.states(), kGroupCount),
      initial_(model.jobcentres(), model.states(), kGroupCount, 2) {
  std::vector<Request> requests;
  std::vector<std::pair<const FollowUpProfile**, std::size_t>> uses;  // which slot gets which request
  const auto request = [&](Request r, const FollowUpProfile** slot) {
    std::size_t k = 0;
    while (k < requests.size() && !requests[k].same_inputs(r)) ++k;
    if (k == requests.size()) requests.push_back(std::move(r));
    uses.emplace_back(slot, k);
  };
  for (std::size_t j = 0; j < model.jobcentres(); ++j) {
    const CompiledJobcentre& jc = model.jobcentre(j);
    for (std::size_t si = 0; si < model.states(); ++si) {
      const auto s = static_cast<StateIndex>(si);
      const CompiledState& st = model.state(s);
      const double persons = jc.initial_persons[s];
      for (std::uint8_t g = 0; g < kGroupCount; ++g) {
        Request base;
        base.state = s;
        base.group = g;
        base.policy_slot = jc.policy_slot[s];
        base.exit_multiplier = jc.exit_multiplier[s];
        base.jobcentre = j;
        if (st.has_follow_up) request(base, &new_spell_.at(j, s, g));
        if (persons <= 0) continue;
        bins_.at(j, s, g) = initial_elapsed_bins(model, j, s, g, grid.step_days, grid.open_band_bins);
        if (!st.has_follow_up) continue;
        // Those before the practice deadline are early in their spells, with their own hazards: they get
        // their own profile.
        const ElapsedBins& bins = bins_.at(j, s, g);
        const CompiledPolicy& policy = rules::follow_up_programme(st, jc.policy_slot, s).steps.front().policy;
        for (int before = 0; before < 2; ++before) {
          Request r = base;
          r.initial = true;
          r.elapsed_mass = bins.mass;
          for (std::size_t i = 0; i < bins.mass.size(); ++i) {
            if (rules::before_first_offer_deadline(policy, g, bins.elapsed_days(i)) != (before == 1))
              r.elapsed_mass[i] = 0;
          }
          request(std::move(r), &initial_.at(j, s, g, before));
        }
      }
    }
  }

  auto built = sim::run_tasks<std::optional<FollowUpProfile>>(
      1, static_cast<std::uint32_t>(requests.size()), threads, [&](sim::TaskId id) {
        const Request& r = requests[id.partition];
        return std::optional<FollowUpProfile>(
            r.initial ? initial_stock_profile(model, r.jobcentre, r.state, r.group, grid.step_days,
                                              grid.profile_steps, r.elapsed_mass)
                      : new_spell_profile(model, r.jobcentre, r.state, r.group, grid.step_days,
                                          grid.profile_steps));
      });
  for (auto& p : built) profiles_.push_back(std::make_unique<FollowUpProfile>(std::move(*p)));
  for (const auto& [slot, k] : uses) *slot = profiles_[k].get();
}

}  // namespace labsim::models
