// A trial's estimates for people (tables for a memo: text, Markdown, CSV) and for programs (JSON).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "results/stats/power_study.hpp"
#include "results/stats/trial_analysis.hpp"
#include "results/stats/trial_power.hpp"
#include "results/text/text_table.hpp"

namespace labsim::results {

// How trial numbers are worded: shares as percent and their differences in percentage points, weeks with one
// decimal, intervals in brackets, NaN as "n/a". `share` is false for outcomes measured in weeks.
namespace trial_text {
std::string level(double v, bool share);
std::string signed_value(double v, bool share);
std::string interval(double low, double high, bool share);
std::string p_text(double p);
}  // namespace trial_text

// The trial's design in one line: who, where, when, how randomized, how long followed.
std::string trial_design(const models::TrialSpec& trial);

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
std::vector<TextTable> power_tables(const PowerResult& result, const PowerFacts& power,
                                    const TrialFacts& facts);
nlohmann::json power_json(const PowerResult& result, const PowerFacts& power, const TrialFacts& facts);

}  // namespace labsim::results
