// Enrolment, randomization and outcome bookkeeping of a trial, per task.
#include "models/simulator/trial_recorder.hpp"

#include <algorithm>

#include "models/rules/birth_day.hpp"
#include "models/rules/shares.hpp"

namespace labsim::models {

std::vector<std::uint8_t> cluster_arms(const CompiledTrial& trial, std::uint64_t seed,
                                       std::uint32_t replication) {
  const std::size_t n = trial.jobcentres.size();
  std::vector<std::uint8_t> dealt(n);
  for (std::size_t k = 0; k < n; ++k) {
    dealt[k] = static_cast<std::uint8_t>(
        rules::pick(trial.arm_cumulative_share, (k + 0.5) / static_cast<double>(n)));
  }
  const sim::RandomStreams streams({seed, replication, sim::kReplicationPartition});
  std::uint32_t position = 0;
  sim::StreamCursor draw(streams, sim::kTrialClusterStream, position);
  for (std::size_t k = n; k > 1; --k) {  // Fisher-Yates
    const auto other = static_cast<std::size_t>(draw.uniform() * static_cast<double>(k));
    std::swap(dealt[k - 1], dealt[std::min(other, k - 1)]);
  }
  return dealt;
}

TrialRecorder::TrialRecorder(const Model& model, std::size_t jobcentre, std::uint32_t replication,
                             std::uint64_t seed, std::uint32_t persons, std::vector<TrialRecord>& records)
    : model_(model),
      trial_(*model.trial()),
      replication_(replication),
      jobcentre_(static_cast<std::uint32_t>(jobcentre)),
      record_of_(persons, 0),
      records_(records) {
  // Arms that run in only some jobcentres share this jobcentre's participants among those that run here.
  arm_cumulative_share_ = trial_.arm_cumulative_share;
  const bool every_arm_here =
      std::all_of(trial_.arms.begin(), trial_.arms.end(),
                  [&](const CompiledTrialArm& a) { return a.in_jobcentre[jobcentre] != 0; });
  if (!every_arm_here) {
    double total = 0;
    for (std::size_t a = 0; a < trial_.arms.size(); ++a) {
      const double share =
          trial_.arm_cumulative_share[a] - (a == 0 ? 0.0 : trial_.arm_cumulative_share[a - 1]);
      total += trial_.arms[a].in_jobcentre[jobcentre] != 0 ? share : 0.0;
      arm_cumulative_share_[a] = total;
    }
    for (double& c : arm_cumulative_share_) c = total > 0 ? c / total : 0.0;
  }
  if (trial_.cluster) {
    const auto position = std::find(trial_.jobcentres.begin(), trial_.jobcentres.end(), jobcentre);
    cluster_arm_ = cluster_arms(trial_, seed,
                                replication)[static_cast<std::size_t>(position - trial_.jobcentres.begin())];
  }
}

void TrialRecorder::on_new_spell(sim::PersonId p, Person& person, double now, sim::StreamCursor draw) {
  if (person.arm != 0) {
    TrialRecord& record = record_of(p);
    if (!record.closed) advance(record, person.state, now, false);
    return;
  }
  if (person.state != trial_.state || now < trial_.enrol_from_day || now >= trial_.enrol_until_day) return;
  if (trial_.share < 1 && !draw.bernoulli(trial_.share)) return;
  std::uint8_t arm = 0;
  if (trial_.cluster) {
    arm = cluster_arm_;
  } else if (trial_.by_date_of_birth) {
    // The arm whose days of the month include the person's birthday; persons born on other days stay out.
    const std::uint32_t day_bit = 1u << (rules::birth_day_of_month(draw.uniform()) - 1u);
    const auto it = std::find_if(trial_.arms.begin(), trial_.arms.end(), [&](const CompiledTrialArm& a) {
      return (a.birth_days & day_bit) != 0 && a.in_jobcentre[jobcentre_] != 0;
    });
    if (it == trial_.arms.end()) return;
    arm = static_cast<std::uint8_t>(it - trial_.arms.begin());
  } else {
    arm = static_cast<std::uint8_t>(rules::pick(arm_cumulative_share_, draw.uniform()));
  }
  person.arm = static_cast<std::uint8_t>(arm + 1u);
  person.flags |= flags::trial_spell;
  TrialRecord record;
  record.enrol_day = now;
  record.last_change_day = now;
  record.censor_day = now + trial_.horizon_days;
  record.replication = replication_;
  record.jobcentre = jobcentre_;
  record.arm = arm;
  record.state = person.state;
  record.exempt = person.has(flags::exempt);
  records_.push_back(record);
  record_of_[p.value] = static_cast<std::uint32_t>(records_.size());
}

void TrialRecorder::on_interview(sim::PersonId p, const Person& person, const CompiledContactForm& form,
                                 double now) {
  if (!person.has(flags::trial_spell)) return;
  TrialRecord& record = record_of(p);
  record.interviewed = true;
  if (now > record.enrol_day + trial_.horizon_days) return;
  ++record.contacts;
  record.contact_cost_dkk += form.cost_dkk;
}

void TrialRecorder::on_offer_end(sim::PersonId p, const Person& person, OfferIndex o, double now) {
  if (person.arm == 0) return;
  TrialRecord& record = record_of(p);
  const double days = std::min(now, record.enrol_day + trial_.horizon_days) - record.offer_start_day;
  if (days <= 0) return;
  record.offer_days += days;
  record.offer_cost_dkk += days * model_.offer(o).cost_dkk_per_day;
}

void TrialRecorder::on_offer_start(sim::PersonId p, const Person& person, OfferIndex o, double now) {
  if (person.arm == 0) return;
  TrialRecord& record = record_of(p);
  if (person.has(flags::trial_spell)) record.offered = true;
  record.offer_start_day = now;
  if (!model_.offer(o).hours_steps.empty() && now <= record.enrol_day + trial_.horizon_days)
    record.partial_return = true;
}

void TrialRecorder::advance(TrialRecord& record, std::uint8_t to, double now, bool closing) {
  const double end = record.enrol_day + trial_.horizon_days;
  const double until = std::min(now, end);
  const std::uint8_t from = record.state;
  if (model_.state(from).on_support) record.benefit_days += std::max(0.0, until - record.last_change_day);
  for (std::size_t c = 0; c < trial_.checkpoint_days.size(); ++c) {
    const double day = record.enrol_day + trial_.checkpoint_days[c];
    if (day >= record.last_change_day && (closing ? day <= now : day < now)) record.state_at[c] = from;
  }
  if (closing || now > end) {
    record.closed = true;
    return;
  }
  if (!record.spell_ended && from == trial_.state) {
    record.spell_ended = true;
    record.recovered_unemployed = trial_.unemployed[to] != 0;
  }
  if (trial_.success[to] && now < record.success_day) record.success_day = now;
  // Follow-up ends when nothing can change any more.
  if (model_.state(to).absorbing) {
    if (!trial_.success[to]) record.censor_day = now;
    if (model_.state(to).on_support) record.benefit_days += end - now;
    for (std::size_t c = 0; c < trial_.checkpoint_days.size(); ++c) {
      if (record.enrol_day + trial_.checkpoint_days[c] >= now) record.state_at[c] = to;
    }
    record.closed = true;
  }
  record.state = to;
  record.last_change_day = now;
}

void TrialRecorder::finish() {
  for (TrialRecord& record : records_) {
    if (!record.closed) advance(record, record.state, record.enrol_day + trial_.horizon_days, true);
  }
}

}  // namespace labsim::models
