// Wording and rounding of trial results: shares as percent, differences in percentage points, weeks with
// one decimal, intervals in brackets, NaN as "n/a".
#include "results/text/trial_format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "results/text/numbers.hpp"

namespace labsim::results {

namespace {

// Days of the month as ranges: 1-15, or 3, 5-7.
std::string day_ranges(const std::vector<int>& days) {
  std::string out;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t k = i;
    while (k + 1 < days.size() && days[k + 1] == days[k] + 1) ++k;
    out += (out.empty() ? "" : ", ") +
           (k == i ? fmt::format("{}", days[i]) : fmt::format("{}-{}", days[i], days[k]));
    i = k + 1;
  }
  return out;
}

// How the arms are assigned: "individual randomization 1:1", "cluster (jobcentre) randomization 1:1", or
// "assignment by date of birth (control 1-15; treated 16-31)".
std::string assignment(const models::TrialSpec& t) {
  if (t.randomization == models::Randomization::date_of_birth) {
    std::string arms;
    for (const auto& a : t.arms) arms += (arms.empty() ? "" : "; ") + a.name + " " + day_ranges(a.birth_days);
    return fmt::format("assignment by date of birth ({})", arms);
  }
  std::string ratio;
  for (const auto& a : t.arms) ratio += (ratio.empty() ? "" : ":") + fmt::format("{}", a.ratio);
  return fmt::format("{} randomization {}",
                     t.randomization == models::Randomization::cluster ? "cluster (jobcentre)" : "individual",
                     ratio);
}

}  // namespace

std::string trial_design(const models::TrialSpec& t) {
  std::string where = "all jobcentres";
  if (!t.jobcentres.empty()) {
    where.clear();
    for (const auto& j : t.jobcentres) where += (where.empty() ? "" : ", ") + j;
  }
  return fmt::format("new {} spells in {}, {} months from {:04d}-{:02d}{}; {}; followed {} weeks", t.state,
                     where, t.enrolment_months, static_cast<int>(t.enrolment_start.year()),
                     static_cast<unsigned>(t.enrolment_start.month()),
                     t.enrolment_share < 1 ? fmt::format(" ({:.0f}% drawn)", 100 * t.enrolment_share) : "",
                     assignment(t), t.horizon_weeks);
}

using trial_text::interval;
using trial_text::level;
using trial_text::p_text;
using trial_text::signed_value;

namespace {

std::optional<double> number(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string count(std::size_t n) {
  return with_thousands(static_cast<double>(n));
}

Cell text(std::string s) {
  return {std::move(s), std::nullopt};
}
Cell num(std::string s, double v) {
  return {std::move(s), number(v)};
}

std::string versus(const TrialData& d, std::size_t arm) {
  return d.arms[arm] + " vs " + d.arms[0];
}

nlohmann::json json_number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}

// An arm against control as JSON: the comparison, both means, the difference with interval and p, and n.
nlohmann::json estimate_json(const TrialData& d, const OutcomeEstimate& o) {
  return {{"analysis", kAnalysisNames[static_cast<std::size_t>(o.analysis)]},
          {"arms", {d.arms[o.arm], d.arms[0]}},
          {"arm_value", json_number(o.arm_value)},
          {"control_value", json_number(o.control_value)},
          {"estimate", json_number(o.estimate)},
          {"ci_low", json_number(o.ci_low)},
          {"ci_high", json_number(o.ci_high)},
          {"p_value", json_number(o.p_value)},
          {"n", o.n_arm + o.n_control},
          {"n_by_arm", {o.n_arm, o.n_control}}};
}

// Weeks to self-sufficiency read off a curve: NaN is "not reached" when the curve had participants.
std::string weeks_or_not_reached(double weeks, bool any) {
  if (!any) return "n/a";
  return std::isfinite(weeks) ? fmt::format("{:.1f}", weeks) : "not reached";
}

std::string dkk(double v) {
  return std::isfinite(v) ? with_thousands(v) : "n/a";
}
std::string signed_dkk(double v) {
  if (!std::isfinite(v)) return "n/a";
  return (v > 0 ? "+" : "") + with_thousands(v);
}

const char* own_controls_note =
    "An arm that runs in only some jobcentres is compared with the control participants of those jobcentres: "
    "the difference within each jobcentre, pooled with participant weights (arm and control means likewise).";

bool any_own_controls(const TrialData& d) {
  for (std::size_t a = 1; a < d.arms.size(); ++a) {
    if (!d.runs_where_control_runs(a)) return true;
  }
  return false;
}

TextTable median_table(const TrialData& d, const TrialEstimates& e) {
  const auto pi = static_cast<std::size_t>(d.primary_analysis);
  TextTable t;
  t.title = fmt::format("Median weeks to self-sufficiency (Kaplan-Meier, {}), with 95% interval",
                        kAnalysisLabels[pi]);
  t.headings = {"arm", "median weeks", "95% from", "95% to", "participants"};
  t.csv_names = {"arm", "median_weeks", "ci_low", "ci_high", "n"};
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    const SurvivalCurve& c = e.curve(a, d.primary_analysis);
    const double n = c.at_risk.empty() ? 0.0 : c.at_risk.front();
    const bool any = n > 0;
    t.rows.push_back({text(d.arms[a]), num(weeks_or_not_reached(c.median.median, any), c.median.median),
                      num(weeks_or_not_reached(c.median.ci_low, any), c.median.ci_low),
                      num(weeks_or_not_reached(c.median.ci_high, any), c.median.ci_high),
                      num(with_thousands(n), n)});
  }
  t.notes.push_back(fmt::format(
      "The week the share not yet self-sufficient falls to 50%; the interval holds the weeks whose 95% "
      "pointwise interval contains 50% (Brookmeyer-Crowley). 'not reached': the curve or its limit stays "
      "above 50% within the {} weeks followed (empty in csv).",
      d.horizon_weeks));
  return t;
}

TextTable cost_table(const TrialData& d, const TrialEstimates& e) {
  const auto pi = static_cast<std::size_t>(d.primary_analysis);
  constexpr std::size_t kState = 0, kMunicipality = 1, kTotal = 2;
  TextTable t;
  t.title = fmt::format("Cost per participant within {} weeks, DKK per participant ({})", d.horizon_weeks,
                        kAnalysisLabels[pi]);
  t.headings = {"arm", "cost item", "state", "municipality", "total", "95% from", "95% to"};
  t.csv_names = {"arm",       "cost_item",    "state_dkk",    "municipality_dkk",
                 "total_dkk", "total_ci_low", "total_ci_high"};
  for (const std::size_t payer : {kTotal, kMunicipality}) {
    const std::string who = payer == kTotal ? "total" : "municipality";
    for (const std::string& h : {who + " vs " + d.arms[0], std::string("95% from"), std::string("95% to")})
      t.headings.push_back(h);
    for (const std::string& c :
         {who + "_difference", who + "_difference_ci_low", who + "_difference_ci_high"})
      t.csv_names.push_back(c);
  }
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    for (std::size_t item = 0; item < kTrialCostItems; ++item) {
      const auto it = static_cast<TrialCostItem>(item);
      const MeanInterval& total = e.cost(a, it, kTotal).mean;
      const double state = e.cost(a, it, kState).mean.mean;
      const double municipality = e.cost(a, it, kMunicipality).mean.mean;
      std::vector<Cell> row = {text(d.arms[a]),
                               text(kTrialCostItemNames[item]),
                               num(dkk(state), state),
                               num(dkk(municipality), municipality),
                               num(dkk(total.mean), total.mean),
                               num(dkk(total.ci_low), total.ci_low),
                               num(dkk(total.ci_high), total.ci_high)};
      for (const std::size_t payer : {kTotal, kMunicipality}) {
        const Difference& diff = e.cost(a, it, payer).difference;
        for (const double v : {diff.estimate, diff.ci_low, diff.ci_high})
          row.push_back(a == 0 ? num("", kNaN) : num(signed_dkk(v), v));
      }
      t.rows.push_back(std::move(row));
    }
  }
  t.notes.push_back(fmt::format(
      "Mean DKK per participant within the {} weeks followed, at the scenario's prices; --scale changes how "
      "many participants there are, not what each costs. Benefits: days on public support x {} DKK per day "
      "(the rate of the trial's state); offers: their operating cost; contacts: interviews and meetings held "
      "by the jobcentre, by contact form. The state's part follows the reimbursement rules in force ({:.0f}% "
      "of benefits, {:.0f}% of offers, {:.0f}% of contacts); the municipality pays the rest.",
      d.horizon_weeks, with_thousands(d.cost_rates.benefit_dkk_per_day),
      100 * d.cost_rates.benefit_state_share, 100 * d.cost_rates.offer_state_share,
      100 * d.cost_rates.contact_state_share));
  for (const std::string& note : d.cost_rates.notes) t.notes.push_back(note);
  t.notes.push_back(
      "Intervals are 95%; the result file has every payer's (cost_per_participant, cost_difference and their "
      "_ci_low, _ci_high).");
  if (any_own_controls(d)) t.notes.push_back(own_controls_note);
  return t;
}

TextTable jobcentre_table(const TrialData& d, const TrialEstimates& e) {
  const models::TrialOutcomeDef& outcome = d.outcomes[d.primary_outcome];
  const bool share = outcome.share;
  TextTable t;
  t.title = fmt::format("{} (primary) by jobcentre, each arm against {} there ({})", outcome.name, d.arms[0],
                        kAnalysisLabels[static_cast<std::size_t>(d.primary_analysis)]);
  t.headings = {"jobcentre", "arms", "control", "arm", "difference", "95% from", "95% to", "n analysed"};
  t.csv_names = {"jobcentre",  "comparison", "control_value", "arm_value",
                 "difference", "ci_low",     "ci_high",       "n"};
  for (const JobcentreEstimate& j : e.by_jobcentre) {
    const OutcomeEstimate& o = j.estimate;
    t.rows.push_back(
        {text(d.jobcentres[j.jobcentre]), text(versus(d, o.arm)),
         num(level(o.control_value, share), o.control_value), num(level(o.arm_value, share), o.arm_value),
         num(signed_value(o.estimate, share), o.estimate), num(signed_value(o.ci_low, share), o.ci_low),
         num(signed_value(o.ci_high, share), o.ci_high),
         num(count(o.n_arm + o.n_control), static_cast<double>(o.n_arm + o.n_control))});
  }
  t.notes.push_back(
      "Within one jobcentre the arm meets its own controls; the pooled estimates above combine the "
      "jobcentres. Small jobcentres give wide intervals: a difference in one jobcentre alone is weak "
      "evidence.");
  if (d.cluster_randomized)
    t.notes.push_back(
        "Jobcentres were randomized, so within a jobcentre arms differ only between replications; the "
        "intervals are cluster-robust over replications.");
  return t;
}

}  // namespace

namespace trial_text {

std::string level(double v, bool share) {
  if (!std::isfinite(v)) return "n/a";
  return share ? fmt::format("{:.1f}%", 100 * v) : fmt::format("{:.1f} weeks", v);
}

std::string signed_value(double v, bool share) {
  if (!std::isfinite(v)) return "n/a";
  return share ? fmt::format("{:+.1f} pp", 100 * v) : fmt::format("{:+.1f} weeks", v);
}

std::string interval(double low, double high, bool share) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "n/a";
  const double k = share ? 100 : 1;
  return fmt::format("[{:+.1f}, {:+.1f}]", k * low, k * high);
}

std::string p_text(double p) {
  if (!std::isfinite(p)) return "n/a";
  return p < 0.001 ? "<0.001" : fmt::format("{:.3f}", p);
}

}  // namespace trial_text

std::vector<TextTable> trial_tables(const TrialData& d, const TrialEstimates& e, const TrialFacts& facts) {
  std::vector<TextTable> tables;
  const auto primary = d.primary_analysis;
  const auto pi = static_cast<std::size_t>(primary);

  TextTable arms;
  arms.title = fmt::format("{}: {}", facts.name, facts.design);
  arms.headings = {"arm", "randomized", "exempted", "received the protocol"};
  arms.csv_names = {"arm", "randomized", "exempted", "protocol_received"};
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    const ArmCounts& c = e.counts[a];
    arms.rows.push_back({text(d.arms[a] + (a == 0 && d.arms[a] != "control" ? " (control)" : "")),
                         num(count(c.randomized), static_cast<double>(c.randomized)),
                         num(count(c.exempt), static_cast<double>(c.exempt)),
                         num(count(c.protocol_received), static_cast<double>(c.protocol_received))});
  }
  arms.notes.push_back(fmt::format("Seed {}, {} replication{} pooled{}.", facts.seed, e.replications,
                                   e.replications == 1 ? "" : "s",
                                   facts.scale == 1 ? "" : fmt::format(", scale {}", facts.scale)));
  tables.push_back(std::move(arms));

  TextTable itt;
  itt.title = fmt::format("Intention to treat ({}): each arm against {}", kAnalysisLabels[pi], d.arms[0]);
  itt.headings = {"outcome", "arms", "control", "arm", "difference", "95% from", "95% to", "p", "n analysed"};
  itt.csv_names = {"outcome", "comparison", "control_value", "arm_value", "difference",
                   "ci_low",  "ci_high",    "p_value",       "n"};
  if (e.replications > 1) {
    itt.headings.push_back("significant in single trials");
    itt.csv_names.push_back("single_trials_significant");
  }
  for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
    const bool share = d.outcomes[k].share;
    for (std::size_t a = 1; a < d.arms.size(); ++a) {
      const OutcomeEstimate& o = e.outcome(k, a, primary);
      std::vector<Cell> row = {text(d.outcomes[k].name + (k == d.primary_outcome ? " (primary)" : "")),
                               text(versus(d, a)),
                               num(level(o.control_value, share), o.control_value),
                               num(level(o.arm_value, share), o.arm_value),
                               num(signed_value(o.estimate, share), o.estimate),
                               num(signed_value(o.ci_low, share), o.ci_low),
                               num(signed_value(o.ci_high, share), o.ci_high),
                               num(p_text(o.p_value), o.p_value),
                               num(count(o.n_arm + o.n_control), static_cast<double>(o.n_arm + o.n_control))};
      if (e.replications > 1) {
        row.push_back(
            num(fmt::format("{:.0f}%", 100 * o.single_trials_significant), o.single_trials_significant));
      }
      itt.rows.push_back(std::move(row));
    }
  }
  for (const models::TrialOutcomeDef& o : d.outcomes)
    itt.notes.push_back(fmt::format("{}: {}.", o.name, o.description));
  itt.notes.push_back("Differences of shares are in percentage points (pp); intervals are 95%" +
                      std::string(d.cluster_randomized ? ", cluster-robust (jobcentres randomized)." : "."));
  if (any_own_controls(d)) itt.notes.push_back(own_controls_note);
  if (e.replications > 1) {
    itt.notes.push_back(fmt::format(
        "The estimates pool {} replications, as if the trial were {} times as large; 'significant in single "
        "trials' is how often one trial of the defined size found p < 0.05.",
        e.replications, e.replications));
  }
  tables.push_back(std::move(itt));

  TextTable caveats;
  caveats.title = "The same differences in other analysis populations (the real trials' caveats)";
  caveats.headings = {"outcome", "arms"};
  caveats.csv_names = {"outcome", "comparison"};
  for (std::size_t ai = 0; ai < kAnalyses; ++ai) {
    caveats.headings.push_back(kAnalysisLabels[ai]);
    caveats.headings.push_back("n");
    caveats.csv_names.push_back(std::string(kAnalysisNames[ai]) + "_difference");
    caveats.csv_names.push_back(std::string(kAnalysisNames[ai]) + "_n");
  }
  for (std::size_t k = 0; k < d.outcomes.size(); ++k) {
    const bool share = d.outcomes[k].share;
    for (std::size_t a = 1; a < d.arms.size(); ++a) {
      std::vector<Cell> row = {text(d.outcomes[k].name), text(versus(d, a))};
      for (std::size_t ai = 0; ai < kAnalyses; ++ai) {
        const OutcomeEstimate& o = e.outcome(k, a, static_cast<Analysis>(ai));
        row.push_back(
            num(signed_value(o.estimate, share) + " " + interval(o.ci_low, o.ci_high, share), o.estimate));
        row.push_back(num(count(o.n_arm + o.n_control), static_cast<double>(o.n_arm + o.n_control)));
      }
      caveats.rows.push_back(std::move(row));
    }
  }
  caveats.notes = {
      "All randomized: everybody drawn into the trial, as assigned (the unbiased comparison).",
      "Exempted left out: as the 2009 sick-leave trial calculated it; exemption happens after randomization "
      "but does not depend on the arm, so this changes who is compared rather than the balance.",
      "Per protocol: only those who received their arm's protocol (e.g. an offer); those who recover before "
      "the offer drop out of one arm only, so this comparison is biased and shown as a warning."};
  tables.push_back(std::move(caveats));

  TextTable hr;
  hr.title = "Time to self-sufficiency: hazard ratio (Cox), above 1 = faster than control";
  hr.headings = {"arms"};
  hr.csv_names = {"comparison"};
  for (std::size_t ai = 0; ai < kAnalyses; ++ai) {
    hr.headings.push_back(kAnalysisLabels[ai]);
    hr.csv_names.push_back(std::string(kAnalysisNames[ai]) + "_hazard_ratio");
  }
  for (std::size_t a = 1; a < d.arms.size(); ++a) {
    std::vector<Cell> row = {text(versus(d, a))};
    for (std::size_t ai = 0; ai < kAnalyses; ++ai) {
      const HazardRatioEstimate& h = e.hazard_ratio(a, static_cast<Analysis>(ai));
      const std::string shown =
          std::isfinite(h.hazard_ratio)
              ? fmt::format("{:.2f} [{:.2f}, {:.2f}]", h.hazard_ratio, h.ci_low, h.ci_high)
              : "n/a";
      row.push_back(num(shown, h.hazard_ratio));
    }
    hr.rows.push_back(std::move(row));
  }
  std::string km = "Not yet self-sufficient (Kaplan-Meier, " + std::string(kAnalysisLabels[pi]) + "):";
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    for (const SurvivalCurve& c : e.curves) {
      if (c.arm != a || c.analysis != primary) continue;
      km += fmt::format(" {}", d.arms[a]);
      for (double w : {13.0, 26.0, 52.0}) {
        if (w <= d.horizon_weeks)
          km += fmt::format(" {:.0f}% at week {:.0f},",
                            100 * c.not_self_sufficient[static_cast<std::size_t>(w)], w);
      }
      km.back() = ';';
    }
  }
  km.back() = '.';
  hr.notes.push_back(km);
  hr.notes.push_back("The curves week by week are in the result file (km_not_self_sufficient).");
  tables.push_back(std::move(hr));
  tables.push_back(median_table(d, e));
  tables.push_back(cost_table(d, e));
  tables.push_back(jobcentre_table(d, e));
  return tables;
}

nlohmann::json trial_json(const TrialData& d, const TrialEstimates& e, const TrialFacts& facts) {
  nlohmann::json j;
  j["trial"] = {{"name", facts.name},
                {"design", facts.design},
                {"seed", facts.seed},
                {"scale", facts.scale},
                {"replications", e.replications},
                {"primary_outcome", d.outcomes[d.primary_outcome].name},
                {"primary_analysis", kAnalysisNames[static_cast<std::size_t>(d.primary_analysis)]}};
  j["arms"] = nlohmann::json::array();
  for (std::size_t a = 0; a < d.arms.size(); ++a) {
    j["arms"].push_back({{"name", d.arms[a]},
                         {"control", a == 0},
                         {"randomized", e.counts[a].randomized},
                         {"exempt", e.counts[a].exempt},
                         {"protocol_received", e.counts[a].protocol_received}});
  }
  j["outcomes"] = nlohmann::json::array();
  for (const OutcomeEstimate& o : e.outcomes) {
    const models::TrialOutcomeDef& out = d.outcomes[o.outcome];
    nlohmann::json row = estimate_json(d, o);
    row["outcome"] = out.name;
    row["description"] = out.description;
    row["units"] = out.share ? "proportion" : "weeks";
    row["primary"] = o.outcome == d.primary_outcome && o.analysis == d.primary_analysis;
    if (e.replications > 1) row["single_trials_significant"] = o.single_trials_significant;
    if (!o.note.empty()) row["note"] = o.note;
    j["outcomes"].push_back(std::move(row));
  }
  j["hazard_ratios"] = nlohmann::json::array();
  for (const HazardRatioEstimate& h : e.hazard_ratios) {
    nlohmann::json row = {{"outcome", "time_to_self_sufficiency"},
                          {"analysis", kAnalysisNames[static_cast<std::size_t>(h.analysis)]},
                          {"arms", {d.arms[h.arm], d.arms[0]}},
                          {"estimate", json_number(h.hazard_ratio)},
                          {"ci_low", json_number(h.ci_low)},
                          {"ci_high", json_number(h.ci_high)},
                          {"p_value", json_number(h.p_value)},
                          {"n", h.n},
                          {"events", h.events}};
    if (!h.note.empty()) row["note"] = h.note;
    j["hazard_ratios"].push_back(std::move(row));
  }
  j["medians"] = nlohmann::json::array();
  for (const SurvivalCurve& c : e.curves) {
    j["medians"].push_back({{"outcome", "weeks_to_self_sufficiency"},
                            {"units", "weeks"},
                            {"analysis", kAnalysisNames[static_cast<std::size_t>(c.analysis)]},
                            {"arm", d.arms[c.arm]},
                            {"median", json_number(c.median.median)},
                            {"ci_low", json_number(c.median.ci_low)},
                            {"ci_high", json_number(c.median.ci_high)},
                            {"n", c.at_risk.empty() ? 0.0 : c.at_risk.front()}});
  }
  j["costs"] = nlohmann::json::array();
  for (const CostEstimate& c : e.costs) {
    nlohmann::json row = {{"arm", d.arms[c.arm]},
                          {"cost_item", kTrialCostItemNames[static_cast<std::size_t>(c.item)]},
                          {"payer", kTrialPayerNames[c.payer]},
                          {"units", "DKK per participant"},
                          {"analysis", kAnalysisNames[static_cast<std::size_t>(d.primary_analysis)]},
                          {"mean", json_number(c.mean.mean)},
                          {"ci_low", json_number(c.mean.ci_low)},
                          {"ci_high", json_number(c.mean.ci_high)},
                          {"n", c.mean.n}};
    if (c.arm > 0) {
      row["difference"] = {{"arms", {d.arms[c.arm], d.arms[0]}},
                           {"estimate", json_number(c.difference.estimate)},
                           {"ci_low", json_number(c.difference.ci_low)},
                           {"ci_high", json_number(c.difference.ci_high)},
                           {"p_value", json_number(c.difference.p_value)}};
    }
    j["costs"].push_back(std::move(row));
  }
  j["by_jobcentre"] = nlohmann::json::array();
  for (const JobcentreEstimate& b : e.by_jobcentre) {
    const OutcomeEstimate& o = b.estimate;
    nlohmann::json row = estimate_json(d, o);
    row["jobcentre"] = d.jobcentres[b.jobcentre];
    row["outcome"] = d.outcomes[o.outcome].name;
    if (!o.note.empty()) row["note"] = o.note;
    j["by_jobcentre"].push_back(std::move(row));
  }
  return j;
}

std::vector<TextTable> power_tables(const PowerResult& r, const PowerFacts& p, const TrialFacts& facts) {
  TextTable t;
  t.title = fmt::format("{}: participants needed to detect a hazard ratio of {} on job finding ({})",
                        facts.name, p.effect, p.outcome);
  t.headings = {"participants", "power", "Monte Carlo s.e."};
  t.csv_names = {"participants", "power", "power_se"};
  for (const PowerPoint& point : r.points) {
    t.rows.push_back({num(count(point.participants), static_cast<double>(point.participants)),
                      num(fmt::format("{:.1f}%", 100 * point.power), point.power),
                      num(fmt::format("{:.1f} pp", 100 * point.power_se), point.power_se)});
  }
  if (r.required > 0) {
    t.notes.push_back(
        fmt::format("About {} participants in all give {:.0f}% power at the {:.0f}% level (two-sided).",
                    count(r.required), 100 * p.target_power, 100 * p.alpha));
  } else {
    t.notes.push_back(fmt::format("{:.0f}% power was not reached with up to {} participants.",
                                  100 * p.target_power,
                                  r.points.empty() ? "0" : count(r.points.back().participants)));
  }
  const std::string effect = p.outcome == "hazard_ratio"
                                 ? fmt::format("hazard ratio {:.3f}", r.pool_estimate)
                                 : fmt::format("difference {}", signed_value(r.pool_estimate, p.share));
  t.notes.push_back(fmt::format(
      "Outcome: {}. In the simulated pool ({} control, {} with the effect) the planted effect shows as a {}.",
      p.outcome_description, count(r.pool_control), count(r.pool_treated), effect));
  t.notes.push_back(fmt::format(
      "Each size: {} trials drawn with replacement from the pool, {:.0f}% to the effect arm; the same draws "
      "at every size.",
      p.resamples, 100 * p.treated_share));
  return {t};
}

nlohmann::json power_json(const PowerResult& r, const PowerFacts& p, const TrialFacts& facts) {
  nlohmann::json j = {
      {"trial", facts.name},
      {"effect_hazard_ratio", p.effect},
      {"outcome", p.outcome},
      {"target_power", p.target_power},
      {"alpha", p.alpha},
      {"resamples", p.resamples},
      {"required_participants", r.required > 0 ? nlohmann::json(r.required) : nlohmann::json()},
      {"pool_estimate", json_number(r.pool_estimate)},
      {"pool_control", r.pool_control},
      {"pool_treated", r.pool_treated}};
  j["points"] = nlohmann::json::array();
  for (const PowerPoint& point : r.points)
    j["points"].push_back(
        {{"participants", point.participants}, {"power", point.power}, {"power_se", point.power_se}});
  return j;
}

}  // namespace labsim::results
