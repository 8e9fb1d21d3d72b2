// A trial's participants as columns: each outcome's value, time to self-sufficiency, arm, jobcentre, cluster,
// what their follow-up cost, and who counts in each analysis.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/counts/trial_record.hpp"
#include "models/model.hpp"
#include "models/scenario/trial_outcomes.hpp"

namespace labsim::results {

// The populations a trial is analysed in; the real trials' caveats are the differences between them.
enum class Analysis : std::uint8_t { all_randomized, without_exempt, per_protocol };
inline constexpr std::size_t kAnalyses = 3;
inline constexpr const char* kAnalysisNames[kAnalyses] = {"all_randomized", "without_exempt", "per_protocol"};
inline constexpr const char* kAnalysisLabels[kAnalyses] = {"ITT, all randomized", "ITT, exempted left out",
                                                           "per protocol"};

// What a participant's follow-up costs, by item and payer; the last of each is the sum of the others.
enum class TrialCostItem : std::uint8_t { benefits, offers, contacts, total };
inline constexpr std::size_t kTrialCostItems = 4;
inline constexpr const char* kTrialCostItemNames[kTrialCostItems] = {"benefits", "offers", "contacts",
                                                                     "total"};
inline constexpr std::size_t kTrialPayers = 3;
inline constexpr const char* kTrialPayerNames[kTrialPayers] = {"state", "municipality", "total"};
using TrialCosts = std::array<std::array<double, kTrialPayers>, kTrialCostItems>;  // DKK, [item][payer]

// How a participant's record becomes money, from the scenario's [money] and the reimbursement rule set in
// force (models/counts/reimbursement.hpp): benefit days at the trial state's rate, reimbursed at its share
// outside offers; offers' operating cost at the offers' share; contacts at the caseworkers' share.
struct TrialCostRates {
  double benefit_dkk_per_day = 0;
  double benefit_state_share = 0, offer_state_share = 0, contact_state_share = 0;
  // Why a share is an approximation, or empty (e.g. offers reimbursed at different shares).
  std::vector<std::string> notes;
};

// The rates of `model`'s trial. The record keeps neither which offers a participant was in nor their days in
// other states, so benefit days all count at the trial state's passive share and, where offers' cost shares
// differ, offers at their mean over offers with an operating cost (said in `notes`).
TrialCostRates trial_cost_rates(const models::Model& model);

// One participant's costs within the horizon: benefit days x rate, offer and contact costs as recorded, each
// split by its state share.
TrialCosts participant_costs(const TrialCostRates& rates, double benefit_days, double offer_cost_dkk,
                             double contact_cost_dkk);

struct TrialData {
  std::vector<std::string> arms;  // the first is the control arm
  std::vector<models::TrialOutcomeDef> outcomes;
  std::size_t primary_outcome = 0;
  Analysis primary_analysis = Analysis::without_exempt;
  double horizon_weeks = 0;
  bool cluster_randomized = false;
  std::vector<std::string> jobcentres;                      // taking part, in jobcentre order
  std::vector<std::vector<std::uint8_t>> arm_in_jobcentre;  // [arm][jobcentre]: 1 where the arm runs
  TrialCostRates cost_rates;

  // Per participant.
  std::vector<std::vector<double>> values;  // [outcome][participant]
  std::vector<double> weeks_to_success;     // or to censoring
  std::vector<std::uint8_t> success;        // 1 = self-sufficient within the horizon, 0 = censored
  std::vector<std::uint8_t> arm;
  std::vector<std::uint32_t> replication;
  std::vector<std::uint32_t> jobcentre;  // index into `jobcentres`
  std::vector<std::uint32_t> cluster;    // replication * jobcentres of the model + jobcentre of the model
  std::vector<std::uint8_t> exempt;
  std::vector<std::uint8_t> protocol_received;
  // Within the horizon (TrialRecord): days on public support, days in offers and their operating cost, the
  // contacts held by the jobcentre and their cost.
  std::vector<double> benefit_days, offer_days, offer_cost_dkk, contact_cost_dkk;
  std::vector<std::uint32_t> contacts;

  [[nodiscard]] std::size_t size() const { return arm.size(); }
  [[nodiscard]] bool in(Analysis a, std::size_t i) const {
    switch (a) {
      case Analysis::all_randomized:
        return true;
      case Analysis::without_exempt:
        return !exempt[i];
      case Analysis::per_protocol:
        return !exempt[i] && protocol_received[i];
    }
    return false;
  }
  // Whether `arm` runs in the same jobcentres as the control arm, so that it is compared with every control
  // participant (otherwise with those of the jobcentres where it runs, stratified by jobcentre).
  [[nodiscard]] bool runs_where_control_runs(std::size_t arm) const {
    return arm_in_jobcentre.empty() || arm_in_jobcentre[arm] == arm_in_jobcentre[0];
  }
  [[nodiscard]] TrialCosts costs(std::size_t i) const {
    return participant_costs(cost_rates, benefit_days[i], offer_cost_dkk[i], contact_cost_dkk[i]);
  }
};

// The participants of `records`, with the trial's standard outcomes and those of `also_outcomes` (names of
// further outcomes, e.g. one a power study tests); the primary outcome is always among them.
TrialData trial_data(const models::Model& model, const std::vector<models::TrialRecord>& records,
                     const std::vector<std::string>& also_outcomes = {});

}  // namespace labsim::results
