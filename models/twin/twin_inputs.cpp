// Gathering a jobcentre's inputs to the Markov twin.
#include "models/twin/twin_inputs.hpp"

#include "models/rules/timeliness.hpp"

namespace labsim::models::twin {

JobcentreInputs::JobcentreInputs(const Model& model, std::size_t jobcentre, const TwinProfiles& run_profiles)
    : model(model),
      jobcentre(jobcentre),
      jc(model.jobcentre(jobcentre)),
      shared(run_profiles),
      profiles(kProfileKinds, model.states(), kGroupCount) {
  for (std::size_t s = 0; s < model.states(); ++s) {
    const CompiledState& st = model.state(s);
    StateRules r;
    r.state = &st;
    r.band_start = st.band_start_days.data();
    r.bands = st.bands();
    r.exits = !st.exits.empty();
    r.limit = st.limit.has_value();
    r.temporary_support = st.temporary_support();
    r.calibrated = jc.exit_multiplier[s];
    r.exempt_job = st.exempt_job_multiplier;
    r.exempt_other = st.exempt_other_multiplier;
    for (std::uint8_t g = 0; g < kGroupCount; ++g)
      r.timeliness_until[g] = rules::timeliness_settled_days(st, g);
    rules.push_back(r);
    if (!st.has_follow_up) continue;
    const auto state = static_cast<StateIndex>(s);
    for (std::uint8_t g = 0; g < kGroupCount; ++g) {
      profiles.at(static_cast<std::size_t>(ProfileKind::new_spell), s, g) =
          shared.new_spell(jobcentre, state, g);
      profiles.at(static_cast<std::size_t>(ProfileKind::initial_past_deadline), s, g) =
          shared.initial_stock(jobcentre, state, g, false);
      profiles.at(static_cast<std::size_t>(ProfileKind::initial_before_deadline), s, g) =
          shared.initial_stock(jobcentre, state, g, true);
    }
  }
}

}  // namespace labsim::models::twin
