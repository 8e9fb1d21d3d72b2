// The trial inside one (replication, jobcentre) task: who is enrolled, into which arm, and what happens to
// them until the trial's horizon. Only participants cost anything; other persons pass one branch.
#pragma once

#include <cstdint>
#include <vector>

#include "models/counts/trial_record.hpp"
#include "models/model.hpp"
#include "models/simulator/population.hpp"
#include "sim/random_stream.hpp"
#include "sim/strong_types.hpp"

namespace labsim::models {

// The arm each jobcentre of a cluster-randomized trial gets in a replication, in the order of
// CompiledTrial::jobcentres: arms are dealt out in
// proportion to their ratios and the jobcentres shuffled, from a stream that depends only on the seed and
// the replication, so every task of the replication agrees.
std::vector<std::uint8_t> cluster_arms(const CompiledTrial& trial, std::uint64_t seed,
                                       std::uint32_t replication);

class TrialRecorder {
 public:
  // `jobcentre` must take part in the model's trial.
  TrialRecorder(const Model& model, std::size_t jobcentre, std::uint32_t replication, std::uint64_t seed,
                std::uint32_t persons, std::vector<TrialRecord>& records);

  // The person begins a spell in their (new) state at `now`: enrols them if the spell is eligible, and
  // follows participants from state to state. Exemption must already be decided.
  void on_new_spell(sim::PersonId p, Person& person, double now, sim::StreamCursor draw);
  // A contact held by the jobcentre (not by other actors), in contact form `form`.
  void on_interview(sim::PersonId p, const Person& person, const CompiledContactForm& form, double now);
  // The participant leaves offer `o` (as planned or not); its days within the horizon count.
  void on_offer_end(sim::PersonId p, const Person& person, OfferIndex o, double now);
  void on_offer_start(sim::PersonId p, const Person& person, OfferIndex o, double now);
  // Closes every participant's record at the end of their horizon (all fall within the run).
  void finish();

  [[nodiscard]] const CompiledTrialArm& arm(const Person& person) const {
    return trial_.arms[person.arm - 1u];
  }

 private:
  // The participant's state changes to `to` at `now` (or, when closing, follow-up ends at `now`).
  void advance(TrialRecord& record, std::uint8_t to, double now, bool closing);
  TrialRecord& record_of(sim::PersonId p) { return records_[record_of_[p.value] - 1u]; }

  const Model& model_;
  const CompiledTrial& trial_;
  std::uint32_t replication_;
  std::uint32_t jobcentre_;
  std::uint8_t cluster_arm_ = 0;
  std::vector<double> arm_cumulative_share_;  // among the arms that run in this jobcentre
  std::vector<std::uint32_t> record_of_;      // per person: 1 + index into records_, or 0
  std::vector<TrialRecord>& records_;
};

}  // namespace labsim::models
