// The typed, validated scenario: everything a run needs, read from TOML (and CSV) by scenario_loader.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace labsim::models {

// Upper bounds that let per-person fields stay one byte wide.
inline constexpr std::size_t kMaxStates = 32;
inline constexpr std::size_t kMaxOffers = 32;
inline constexpr std::size_t kMaxHazardBands = 32;
inline constexpr std::size_t kMaxCohorts = 250;
inline constexpr std::size_t kMaxSteps = 32;  // steps of one programme
inline constexpr std::size_t kReimbursementBands = 8;  // bands of spell duration a reimbursement share has

inline constexpr double kNoDeadline = std::numeric_limits<double>::infinity();

struct RunSettings {
  std::chrono::year_month_day start{};  // first simulated day; always the 1st of a month
  int months = 0;                       // horizon in whole calendar months, >= 1
  int replications = 0;                 // >= 1
  std::uint64_t seed = 0;
};

// A number of weeks that differs by age band; kNoDeadline where none applies.
struct WeeksByAge {
  double under_30 = kNoDeadline;
  double age_30_plus = kNoDeadline;
};

enum class Policy : std::uint8_t { normal, intensive, risk_targeted };
inline constexpr std::size_t kPolicyCount = 3;

// One way of following up persons in a benefit state. A policy table in the scenario states only what differs
// from the normal policy; the loader fills in the rest, so every field here is complete.
struct FollowUpPolicy {
  double first_interview_weeks = 0;  // after the spell starts; > 0
  // The first interview falls at random, evenly within this many weeks either side of first_interview_weeks
  // (in [0, first_interview_weeks]); 0 = always exactly then.
  double first_interview_spread_weeks = 0;
  double interview_every_weeks = 0;  // between later interviews; > 0
  // After this spell duration the normal policy's interview_every_weeks applies (e.g. weekly for 4 months).
  double cadence_until_weeks = kNoDeadline;
  double offer_probability = 0;  // chance an interview starts (or queues for) an offer, in [0, 1]
  std::map<std::string, double> offer_mix{};  // offer name -> relative weight (>= 0)
  // Practice: a person without an offer gets one at the latest at this spell duration (right and duty).
  // Defaults to the state's legal first-offer deadline.
  WeeksByAge first_offer_weeks{};
  double deadline_compliance = 1.0;  // chance the jobcentre acts at first_offer_weeks, in [0, 1]
  // For a while after each interview, job finding is multiplied by this (1 = no effect, the default).
  double interview_job_finding_multiplier = 1.0;
  double interview_effect_weeks = 0;
  // risk_targeted only: the cadence follows the predicted probability that the spell lasts longer than
  // long_spell_weeks, given its duration so far and the person's group.
  double risk_threshold = 0.5;
  double long_spell_weeks = 52;
  double high_risk_interview_every_weeks = 0;  // defaults to interview_every_weeks
  double low_risk_interview_every_weeks = 0;   // defaults to interview_every_weeks
};

// The events that can end a programme step before its window closes.
enum class StepEvent : std::uint8_t {
  placement,    // a company-based offer starts (internship, wage subsidy, paid hours)
  offer_start,  // any offer starts
  offer_end,    // an offer ends, as planned or not
};
inline constexpr std::size_t kStepEvents = 3;

// One step of a programme: a window on the spell's clock, the follow-up in it, and the step that follows.
struct ProgrammeStep {
  std::string name{};
  // The follow-up in the step; keys the step leaves out come from the step before it (the first step's from
  // the state's normal policy). first_interview_weeks counts from the step's start, and only a step that
  // sets it books a new first contact on entry (the first step's is the spell's first interview).
  FollowUpPolicy follow_up{};
  bool books_first_contact = false;  // the step's table gives first_interview_weeks
  // The step's table gives first_offer_weeks: only an offer started since this step began meets it.
  bool sets_offer_deadline = false;
  // The window: the step ends at this spell duration or this long after it began, whichever is first.
  double until_weeks = kNoDeadline;
  double for_weeks = kNoDeadline;
  std::string then{};  // the step after the window; empty: the next one listed (the last step lasts)
  std::array<std::string, kStepEvents> on{};  // by StepEvent: the step that follows it; empty: none
  std::string contact_form{};                 // empty: an individual interview (the caseworkers' pool)
  // Repeated activation: a person whose offer ended gets a new one at the latest this long after (with
  // deadline_compliance); kNoDeadline = no such rule.
  double repeat_offer_within_weeks = kNoDeadline;
  double job_finding_multiplier = 1;  // on job finding while in the step (> 0), e.g. a trial arm's effect
  int source_line = 0;
};

// A follow-up policy written as steps: [programmes.NAME] in the scenario. Chosen like the built-in policies
// (follow_up.policy, policy_by_jobcentre, a cohort's policy, a trial arm's programme).
struct Programme {
  std::string name{};
  std::string label{};
  std::string state{};  // the benefit state it follows up
  std::vector<ProgrammeStep> steps{};
  int source_line = 0;
};

// A way of holding a contact (individual interview, group meeting, phone call): its capacity pool, cost and
// effect on job finding.
struct ContactForm {
  std::string name{};
  std::string label{};
  std::string pool{};              // capacity pool its contacts use; empty: unlimited (no queue)
  double cost_dkk = 0;             // per contact, >= 0
  double persons_per_contact = 1;  // a group meeting serves several persons in one slot, >= 1
  int source_line = 0;
};

// Limited capacity: caseworkers, meetings, a team. Contacts that find it busy wait in line for the next slot.
struct CapacityPool {
  std::string name{};
  std::string label{};
  // Slots per week in every jobcentre (scale 1), by month from run.start (the last value holds after).
  std::vector<double> slots_per_week{};
  std::map<std::string, std::vector<double>> slots_by_jobcentre{};  // jobcentre -> replaces slots_per_week
  int source_line = 0;
};

// How a jobcentre follows up persons in one benefit state.
struct FollowUp {
  FollowUpPolicy normal{};
  std::optional<FollowUpPolicy> intensive{};
  std::optional<FollowUpPolicy> risk_targeted{};
  Policy policy = Policy::normal;                       // for every jobcentre not listed below
  std::map<std::string, Policy> policy_by_jobcentre{};  // jobcentre name -> policy
  // A programme chosen instead of a built-in policy ([programmes.NAME] for this state), for every jobcentre
  // or by jobcentre; the by-jobcentre choices of either kind take precedence over `policy` and `programme`.
  std::string programme{};
  std::map<std::string, std::string> programme_by_jobcentre{};
  // Other actors (private providers, unemployment funds) follow up the first weeks of a spell, with their own
  // cadence and offers and without using the jobcentre's caseworkers.
  double other_actor_weeks = 0;
  std::optional<FollowUpPolicy> other_actor{};
};

// The law's deadlines for a benefit state, by age band. Whether they are met is measured (timeliness) and
// matters for reimbursement.
struct Deadlines {
  WeeksByAge first_interview_weeks{};
  WeeksByAge first_offer_weeks{};
};

// Cases exempted from active measures (e.g. serious illness): no interviews, no offers, own hazards.
struct Exemption {
  double share = 0;                   // of new spells, in [0, 1]
  double job_finding_multiplier = 1;  // on job-finding transitions, > 0
  double other_multiplier = 1;        // on all other transitions, > 0
};

// The benefit runs out after a maximum duration of the spell; the person moves to another state.
struct BenefitLimit {
  double max_weeks = 0;                // > 0
  std::map<std::string, double> to{};  // state -> relative weight of where the person goes
  double extension_share = 0;          // chance the limit is extended when reached, in [0, 1]
  double extension_weeks = 0;          // length of one extension (> 0 when extension_share > 0)
  // An older, longer limit for spells that started before `old_rule_until`; it runs out at the latest
  // `old_rule_ends_weeks_after` weeks after that date, and never before the new limit.
  std::optional<std::chrono::year_month_day> old_rule_until{};
  double old_max_weeks = 0;
  double old_rule_ends_weeks_after = 0;
};

struct StateSpec {
  std::string name{};              // code used everywhere, e.g. "insured_unemployed"
  std::string label{};             // Danish name for reports, e.g. "a-dagpenge (forsikrede ledige)"
  bool absorbing = false;          // declared to have no way out
  bool on_support = true;          // counts as public support (national targets); false for self_sufficient
  bool permanent_support = false;  // counts in the permanent-support target (flex-job, disability pension)
  std::string benefit_group{};     // groups states in timeliness results (e.g. "cash_benefit"); default name
  bool has_follow_up = false;
  FollowUp follow_up{};
  Deadlines deadlines{};
  Exemption exemption{};
  std::optional<BenefitLimit> benefit_limit{};
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
  // The hazard is multiplied by (business-cycle index) ^ cycle_elasticity: 1 for job finding by default, 0
  // otherwise; negative for moves that a weak economy makes more common (recovery into unemployment).
  double cycle_elasticity = 0;
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
  std::map<std::string, double> places_by_jobcentre{};  // jobcentre -> places, replacing its share
  // Region totals by month from run.start (the last value holds after); replaces `places` when given.
  std::vector<double> places_by_month{};
  // Places are multiplied by (business-cycle index) ^ places_cycle_elasticity: firms offer fewer places in a
  // downturn. Default 1 for company-based offers, 0 otherwise.
  double places_cycle_elasticity = 0;
  // Eligibility: the offer starts only for spells at least (and less than) this long, in these age bands
  // and benefit states (empty: all). Draws from a mix skip offers a person is not eligible for.
  double min_spell_weeks = 0;
  double max_spell_weeks = kNoDeadline;
  bool under_30 = true;
  bool age_30_plus = true;
  std::vector<std::string> states{};
  double lock_in_multiplier = 1.0;  // on job-finding hazard while in the offer, > 0
  double post_multiplier = 1.0;     // on job-finding hazard after the offer, > 0
  double post_months = 0;           // how long the post-programme effect lasts, >= 0
  double weekly_cost_dkk = 0;       // operating cost per participant and week, >= 0
  bool company_based = false;  // in a firm (internship, wage subsidy, ...): counts in company_based_share
  bool activation = true;      // counts as activation in company_based_share (false: partial return)
  bool add_on = false;         // only given alongside another offer (mentor); never drawn from a mix
  double add_on_share = 0;     // chance a participant also gets the add-on offer, if it has a free place
  // Partial return to work: hours worked as a share of full time, raised step by step over equal parts of
  // duration_weeks. At the end of each step but the last the person relapses with relapse_probability.
  std::vector<double> hours_steps{};
  double relapse_probability = 0;
  std::string completion_state{};  // entered when the offer ends as planned (e.g. full return to work)
};

struct JobcentreSpec {
  std::string name{};
  std::map<std::string, double> initial_persons{};   // state -> persons at the start (scale 1)
  std::map<std::string, double> inflow_per_month{};  // state -> new spells per month (scale 1)
  double under_30_share = 0;                         // in [0, 1]
  double non_western_share = 0;                      // in [0, 1]
  // Persons with more than 3 months of continuous temporary support at the start, as observed (scale 1);
  // with stationary initial durations, elapsed durations are tilted so that the start matches it.
  std::optional<double> observed_labour_reserve{};
  int source_line = 0;  // line in the jobcentre CSV
};

// A monthly index scaling job finding and firms' places (1 = normal times).
struct BusinessCycle {
  std::vector<double> index{};  // by month from run.start, > 0; the last value holds after; empty = all 1
  // Uncertainty about the economy: each replication multiplies the index by its own random walk in logs with
  // this standard deviation per month (0 = every replication sees the same economy).
  double volatility_per_month = 0;
};

// Multipliers fitted by `labsim calibrate` (or set by hand) so that the model matches observed statistics.
struct Calibration {
  std::map<std::string, double> exit_multiplier{};    // state -> on every exit from it, in every jobcentre
  std::map<std::string, double> inflow_multiplier{};  // state -> on its inflow, in every jobcentre
  // On both the inflow and every exit of each temporary-support state: faster turnover at about the same
  // stock, so fewer persons past 3 months (the labour reserve).
  double turnover = 1;
  // jobcentre -> state -> on every exit from the state in that jobcentre (on top of exit_multiplier)
  std::map<std::string, std::map<std::string, double>> jobcentre_exit_multiplier{};
};

struct Caseworkers {
  // Interviews one caseworker holds per week; 0 means capacity is unlimited (no queue for interviews).
  double interviews_per_week_each = 0;
  double per_1000_in_follow_up = 0;              // caseworkers per 1,000 persons in follow-up at the start
  std::map<std::string, double> by_jobcentre{};  // jobcentre -> caseworkers, replacing the ratio (scale 1)
  double cost_dkk_per_year = 0;                  // per caseworker
  // Multiplier on every jobcentre's caseworkers (their interviews and cost) by month from run.start, the last
  // holding after (e.g. hiring during the year); empty = 1.
  std::vector<double> by_month{};
};

// Shares that change with spell duration: shares[0] before breaks_weeks[0], shares[i] from breaks_weeks[i-1].
struct DurationShares {
  std::vector<double> breaks_weeks{};  // strictly increasing, > 0
  std::vector<double> shares{};        // one more than breaks, each in [0, 1]
};

// Shares of each cost that the state reimburses; the municipality pays the rest.
struct ReimbursementRules {
  std::string name{};
  std::map<std::string, double> benefit_passive{};  // state -> share of benefit outside offers
  // state -> shares of benefit outside offers by spell duration, replacing benefit_passive there (e.g. the
  // 2010 sickness-benefit agreement's lower reimbursement of long spells).
  std::map<std::string, DurationShares> benefit_passive_by_weeks{};
  double benefit_untimely = 0;  // share of benefit while the legal first-offer deadline is passed unmet
  std::map<std::string, double> benefit_in_offer{};  // offer -> share of benefit while in it
  std::map<std::string, double> offer_cost{};        // offer -> share of its operating cost
  double caseworkers = 0;
  double other_actors = 0;
};

struct Money {
  std::map<std::string, double> benefit_dkk_per_day{};  // state -> benefit per full-time person per day
  double other_actor_dkk_per_interview = 0;
  std::vector<ReimbursementRules> rule_sets{};
  std::size_t reimbursement = 0;  // index of the rule set in force; rule_sets is empty when none is given
};

// A grant for a programme's target group of which a share is paid only if a goal is met: the share of the
// group placed (cohort_placed_share) reaches goal_percent in the month judged.
struct Grant {
  double amount_dkk = 0;     // the whole grant, >= 0
  double results_share = 0;  // paid only if the goal is met, in [0, 1]
  double goal_percent = 0;   // of the group placed, in [0, 100]
  // The month judged (its first day); none: the goal is met if it is reached in any month of the run.
  std::optional<std::chrono::year_month_day> goal_month{};
};

// A group that enters at one date and is followed as a group: a mass layoff, a programme's target group.
struct Cohort {
  std::string name{};
  std::chrono::year_month_day date{};  // within the run
  std::string jobcentre{};
  double persons = 0;                     // scale 1, > 0
  std::map<std::string, double> entry{};  // state -> share entering it (normalised)
  double spread_weeks = 0;                // arrivals spread evenly over this many weeks from `date`
  double job_finding_multiplier = 1;      // e.g. a trade with few vacancies, > 0
  std::string trade{};                    // free text, kept in the scenario text of the results
  std::optional<Policy> policy{};         // follow-up policy for members, whatever their jobcentre's
  std::string programme{};                // or a programme for members (in the programme's state)
  // Payment by results: paid per job start of a member, from public support into a state off it (>= 0).
  double bonus_per_job_dkk = 0;
  std::optional<Grant> grant{};
  int source_line = 0;
};

// A randomized trial run inside the scenario: new spells in one benefit state, in some jobcentres, during an
// enrolment window, are drawn into the trial and assigned to arms that differ in follow-up.
enum class Randomization : std::uint8_t { individual, cluster, date_of_birth };
// What counts as having received an arm's protocol, for the per-protocol analysis.
enum class Protocol : std::uint8_t { any, interview, offer };

struct TrialArm {
  std::string name{};
  double ratio = 1;  // relative size, > 0
  Policy policy = Policy::normal;
  FollowUpPolicy follow_up{};  // the target state's policy `policy`, with the arm's own changes
  // A programme for the target state instead of `policy` (+ `follow_up`), for every jobcentre or by
  // jobcentre.
  std::string programme{};
  std::map<std::string, std::string> programme_by_jobcentre{};
  std::vector<std::string> jobcentres{};  // where the arm runs; empty: every jobcentre of the trial
  bool other_actors = false;              // whether other actors follow the first weeks, as outside the trial
  std::string effect_from_step{};         // the planted effect starts when the arm's programme enters it
  // randomization = "date_of_birth": the days of the month (1-31) whose births go to this arm.
  std::vector<int> birth_days{};
  // A planted effect: job finding from the target state is multiplied by this during the enrolled spell.
  double job_finding_multiplier = 1;
  Protocol protocol = Protocol::any;
  int source_line = 0;
};

struct TrialSpec {
  std::string state{};                    // the target population: new spells in this state
  std::vector<std::string> jobcentres{};  // where; every jobcentre when empty
  std::chrono::year_month_day enrolment_start{};
  int enrolment_months = 0;
  double enrolment_share = 1;  // share of eligible new spells drawn into the trial, in (0, 1]
  double horizon_weeks = 52;   // outcomes are measured until this long after enrolment
  Randomization randomization = Randomization::individual;
  bool exempt_in_primary = false;                    // whether the primary analysis keeps exempted persons
  std::vector<TrialArm> arms{};                      // the first is the control arm
  std::vector<double> checkpoint_weeks{13, 26, 52};  // self-sufficiency measured at these durations
  std::vector<std::string> success_states{};     // self-sufficient; default: off support and not absorbing
  std::vector<std::string> unemployed_states{};  // recovered but unemployed when the spell ends in one
  std::string primary_outcome{};
  int source_line = 0;
};

enum class InitialDurations : std::uint8_t { zero, stationary };

struct Scenario {
  std::string path{};  // the file given by the user
  std::string name{};
  std::string description{};
  std::string resolved_text{};  // the full scenario as TOML after `extends` and --set overrides (provenance)
  std::string jobcentres_path{};  // the CSV actually read, as resolved relative to the scenario file
  // How long the initial stock has already been on their benefit: all from day 0, or drawn from the
  // stationary distribution of the state's hazards (so duration-dependent rules apply from the first month).
  InitialDurations initial_durations = InitialDurations::zero;

  RunSettings run{};
  Covariates covariates{};
  BusinessCycle business_cycle{};
  Caseworkers caseworkers{};
  Money money{};
  std::vector<StateSpec> states{};            // in file order
  std::vector<TransitionSpec> transitions{};  // in file order
  std::vector<OfferSpec> offers{};            // in file order
  std::vector<JobcentreSpec> jobcentres{};    // in CSV order
  std::vector<Cohort> cohorts{};              // in file order
  std::optional<TrialSpec> trial{};           // [trial]: only `labsim trial` uses it
  std::vector<Programme> programmes{};        // in file order
  std::vector<ContactForm> contact_forms{};   // in file order
  std::vector<CapacityPool> pools{};          // in file order
  Calibration calibration{};
};

}  // namespace labsim::models
