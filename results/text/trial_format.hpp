// A trial's estimates for people (tables for a memo: text, Markdown, CSV) and for programs (JSON).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "results/text/text_table.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/stats/trial_power.hpp"

namespace labsim::results {

// How trial numbers are worded: shares as percent and their differences in percentage points, weeks with one
// decimal, intervals in brackets, NaN as "n/a". `share` is false for outcomes measured in weeks.
namespace trial_text {
std::string level(double v, bool share);
std::string signed_value(double v, bool share);
std::string interval(double low, double high, bool share);
std::string p_text(double p);
}  // namespace trial_text

// What the tables say about the trial besides its estimates.
struct TrialFacts {
  std::string name;    // the scenario's name
  std::string design;  // one line: who, where, when, how randomized
  std::uint64_t seed = 0;
  double scale = 1;
};

// Participants per arm; the primary analysis for every outcome; the caveats side by side (all randomized,
// exempted left out, per protocol); hazard ratios of time to self-sufficiency.
std::vector<TextTable> trial_tables(const TrialData& data, const TrialEstimates& estimates,
                                    const TrialFacts& facts);
nlohmann::json trial_json(const TrialData& data, const TrialEstimates& estimates, const TrialFacts& facts);

// The power search: every size tried and the answer.
struct PowerFacts {
  double effect = 1;    // the planted hazard ratio on job finding
  std::string outcome;  // name of the outcome tested, or "hazard_ratio"
  std::string outcome_description;
  bool share = true;  // the outcome is a share (its pool estimate a difference in shares)
  double target_power = 0.8, alpha = 0.05;
  int resamples = 0;
  double treated_share = 0.5;
};
std::vector<TextTable> power_tables(const PowerResult& result, const PowerFacts& power,
                                    const TrialFacts& facts);
nlohmann::json power_json(const PowerResult& result, const PowerFacts& power, const TrialFacts& facts);

}  // namespace labsim::results
