// The typed, validated scenario: everything a run needs, read from TOML (and CSV) by scenario_loader.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace labsim::models {

// Upper bounds that let per-person fields stay one byte wide.
inline constexpr std::size_t kMaxStates = 32;
inline constexpr std::size_t kMaxOffers = 32;
inline constexpr std::size_t kMaxHazardBands = 32;

struct RunSettings {
  std::chrono::year_month_day start{};  // first simulated day; always the 1st of a month
  int months = 0;                       // horizon in whole calendar months, >= 1
  int replications = 0;                 // >= 1
  std::uint64_t seed = 0;
};

// How a jobcentre follows up persons in one benefit state.
struct FollowUp {
  double first_interview_weeks = 0;  // after the spell starts; > 0
  double interview_every_weeks = 0;  // between later interviews; > 0
  double offer_probability = 0;      // chance an interview starts (or queues for) an offer, in [0, 1]
  std::map<std::string, double>
      offer_mix{};  // offer name -> relative weight (>= 0, not all 0 if probability > 0)
};

struct StateSpec {
  std::string name{};      // code used everywhere, e.g. "insured_unemployed"
  std::string label{};     // Danish name for reports, e.g. "a-dagpenge (forsikrede ledige)"
  bool absorbing = false;  // declared to have no way out
  bool on_support = true;  // counts as public support (national targets); false for self_sufficient
  bool has_follow_up = false;
  FollowUp follow_up{};
  int source_line = 0;  // line of the [states.NAME] table, for errors found after loading
};

// One competing risk: a piecewise-constant hazard in spell duration.
struct TransitionSpec {
  std::string from{};
  std::string to{};
  bool job_finding = false;  // scaled by offer lock-in / post-programme effects and job-finding covariates
  std::vector<double>
      duration_breaks_months{};  // strictly increasing, > 0; bands are [0,b1), [b1,b2), ..., [bn, inf)
  std::vector<double> hazard_per_month{};  // one per band (breaks + 1), each >= 0
  int source_line = 0;
};

// Multipliers on hazards for a person attribute.
struct CovariateEffect {
  double job_finding = 1.0;  // on job-finding transitions, > 0
  double other = 1.0;        // on all other transitions, > 0
};

struct Covariates {
  CovariateEffect under_30{};
  CovariateEffect non_western{};
};

struct OfferSpec {
  std::string name{};         // e.g. "internship"
  std::string label{};        // Danish name, e.g. "virksomhedspraktik"
  double duration_weeks = 0;  // > 0
  double places = 0;          // region total at scale 1, >= 0; split across jobcentres (see JobcentreSpec)
  double lock_in_multiplier = 1.0;  // on job-finding hazard while in the offer, > 0
  double post_multiplier = 1.0;     // on job-finding hazard after the offer, > 0
  double post_months = 0;           // how long the post-programme effect lasts, >= 0
};

struct JobcentreSpec {
  std::string name{};
  std::map<std::string, double> initial_persons{};   // state -> persons at the start (scale 1)
  std::map<std::string, double> inflow_per_month{};  // state -> new spells per month (scale 1)
  double under_30_share = 0;                         // in [0, 1]
  double non_western_share = 0;                      // in [0, 1]
  int source_line = 0;                               // line in the jobcentre CSV
};

struct Scenario {
  std::string path{};  // the file given by the user
  std::string name{};
  std::string description{};
  std::string resolved_text{};  // the full scenario as TOML after `extends` and --set overrides (provenance)
  std::string jobcentres_path{};  // the CSV actually read, as resolved relative to the scenario file

  RunSettings run{};
  Covariates covariates{};
  std::vector<StateSpec> states{};            // in file order
  std::vector<TransitionSpec> transitions{};  // in file order
  std::vector<OfferSpec> offers{};            // in file order
  std::vector<JobcentreSpec> jobcentres{};    // in CSV order
};

}  // namespace labsim::models
