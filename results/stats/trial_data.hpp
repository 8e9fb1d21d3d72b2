// A trial's participants as columns: each outcome's value, time to self-sufficiency, arm, cluster, and who
// counts in each analysis.
#pragma once

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

struct TrialData {
  std::vector<std::string> arms;  // the first is the control arm
  std::vector<models::TrialOutcomeDef> outcomes;
  std::size_t primary_outcome = 0;
  Analysis primary_analysis = Analysis::without_exempt;
  double horizon_weeks = 0;
  bool cluster_randomized = false;

  // Per participant.
  std::vector<std::vector<double>> values;  // [outcome][participant]
  std::vector<double> weeks_to_success;     // or to censoring
  std::vector<std::uint8_t> success;        // 1 = self-sufficient within the horizon, 0 = censored
  std::vector<std::uint8_t> arm;
  std::vector<std::uint32_t> replication;
  std::vector<std::uint32_t> cluster;  // replication * jobcentres + jobcentre
  std::vector<std::uint8_t> exempt;
  std::vector<std::uint8_t> protocol_received;

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
};

TrialData trial_data(const models::Model& model, const std::vector<models::TrialRecord>& records);

}  // namespace labsim::results
