// The result-file schema of `labsim run`: which datasets exist, over which dimensions, in which units.
#include "results/file/run_output.hpp"

#include <functional>

#include "models/counts/costs.hpp"
#include "models/counts/indicators.hpp"
#include "models/person_group.hpp"
#include "models/scenario/state_graph.hpp"

namespace labsim::results {

namespace {

// Copies each task's array, laid out [month][inner...], into [replication][month][jobcentre][inner...].
// Arrays without a month dimension pass months = 1.
LabelledArray gather(const models::RunResult& run, std::size_t months, std::size_t inner,
                     const std::function<std::vector<double>(const models::TaskTally&)>& part) {
  LabelledArray out;
  const std::size_t jobcentres = run.jobcentres;
  out.values.assign(static_cast<std::size_t>(run.replications) * months * jobcentres * inner, 0.0);
  for (int r = 0; r < run.replications; ++r) {
    for (std::size_t j = 0; j < jobcentres; ++j) {
      const std::vector<double> values = part(run.task(r, j));
      for (std::size_t m = 0; m < months; ++m) {
        const std::size_t to = ((static_cast<std::size_t>(r) * months + m) * jobcentres + j) * inner;
        std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(m * inner), inner,
                    out.values.begin() + static_cast<std::ptrdiff_t>(to));
      }
    }
  }
  return out;
}

LabelledArray described(LabelledArray a, std::string name, std::string units, std::string description,
                        std::vector<std::string> dims) {
  a.name = std::move(name);
  a.units = std::move(units);
  a.description = std::move(description);
  a.dims = std::move(dims);
  return a;
}

std::vector<std::string> names_of(const auto& specs) {
  std::vector<std::string> out;
  for (const auto& s : specs) out.push_back(s.name);
  return out;
}

// Danish names where the scenario gives them, codes otherwise.
std::vector<std::string> display_names_of(const auto& specs) {
  std::vector<std::string> out;
  for (const auto& s : specs) out.push_back(s.label.empty() ? s.name : s.label);
  return out;
}

// The scenario's state graph and the roles of its states, so that a report can draw the graph from the file
// alone.
void add_state_graph(RunOutput& out, const models::Scenario& sc) {
  const std::size_t S = sc.states.size();
  const models::StateGraph graph = models::build_state_graph(sc);
  std::vector<double> edges(S * S, 0.0);
  for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
    double& cell = edges[boost::source(e, graph) * S + boost::target(e, graph)];
    const double kind = 1.0 + static_cast<double>(graph[e].kind);  // 1 transition, 2 limit, 3 completion
    if (cell == 0 || kind < cell) cell = kind;
  }
  out.arrays.push_back(
      described(LabelledArray{.values = std::move(edges)}, "state_graph_edge", "edge kind",
                "the scenario's state graph: 0 no edge, 1 a transition, 2 the benefit limit, "
                "3 an offer's completion (the first that applies)",
                {"from_state", "to_state"}));
  std::vector<double> on_support, permanent;
  for (const auto& s : sc.states) {
    on_support.push_back(s.on_support ? 1.0 : 0.0);
    permanent.push_back(s.permanent_support ? 1.0 : 0.0);
  }
  out.arrays.push_back(described(LabelledArray{.values = std::move(on_support)}, "state_on_support",
                                 "1 = yes", "1 if the state counts as public support (national targets)",
                                 {"state"}));
  out.arrays.push_back(
      described(LabelledArray{.values = std::move(permanent)}, "state_permanent_support", "1 = yes",
                "1 if the state counts as permanent support (flex-job, disability pension)", {"state"}));
}

const std::vector<std::string> kByMonth{"replication", "month", "jobcentre"};
const std::vector<std::string> kByMonthState{"replication", "month", "jobcentre", "state"};

// The national targets, scorecard, timeliness and activation mix, under the names tools rely on.
void add_indicators(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  using models::TaskTally;
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());
  const std::size_t S = model.states(), B = model.benefit_groups().size(), W = models::kWindows;
  const auto add = [&](std::size_t inner, const std::function<std::vector<double>(const TaskTally&)>& part,
                       std::string name, std::string units, std::string description,
                       std::vector<std::string> dims) {
    out.arrays.push_back(described(gather(run, months, inner, part), std::move(name), std::move(units),
                                   std::move(description), std::move(dims)));
  };
  add(
      1, [](const TaskTally& t) { return models::labour_reserve(t); }, "labour_reserve", "full-time persons",
      "labour reserve (arbejdskraftreserve): persons with more than 3 months of continuous public support on "
      "temporary benefits (permanent support has its own target)",
      kByMonth);
  add(
      1, [&](const TaskTally& t) { return models::permanent_support_stock(model, t); },
      "permanent_support_stock", "full-time persons",
      "persons on flex-job allowance, flex-job or disability pension (states marked permanent_support)",
      kByMonth);
  add(
      1, [&](const TaskTally& t) { return models::permanent_support_inflow(model, t); },
      "permanent_support_inflow", "persons per month",
      "persons entering permanent support from another state or from outside", kByMonth);
  add(
      1,
      [&](const TaskTally& t) {
        return models::rolling_year(models::permanent_support_inflow(model, t), months, 1);
      },
      "permanent_support_inflow_12_months", "persons per year",
      "yearly inflow to permanent support: the 12 months ending with the month (NaN before a year has "
      "passed)",
      kByMonth);
  add(
      1, [&](const TaskTally& t) { return models::on_support(model, t, models::SupportFilter::all); },
      "on_support", "full-time persons", "persons on any public support", kByMonth);
  add(
      1, [&](const TaskTally& t) { return models::on_support(model, t, models::SupportFilter::under_30); },
      "youth_on_support", "full-time persons", "persons under 30 on public support", kByMonth);
  add(
      1, [&](const TaskTally& t) { return models::on_support(model, t, models::SupportFilter::non_western); },
      "non_western_on_support", "full-time persons",
      "non-Western immigrants and descendants on public support", kByMonth);
  add(
      S, [](const TaskTally& t) { return t.job_exits; }, "more_in_jobs", "persons per month",
      "scorecard 'more in jobs': persons leaving each benefit for a job", kByMonthState);
  add(
      S, [](const TaskTally& t) { return models::faster_into_jobs(t); }, "faster_into_jobs", "weeks",
      "scorecard 'faster into jobs': mean weeks on the benefit of those who left it for a job that month",
      kByMonthState);
  add(
      S, [&](const TaskTally& t) { return models::kept_in_jobs(model, t); }, "kept_in_jobs", "percent",
      "scorecard 'kept in jobs': of the job starts from each benefit in the month, percent still off support "
      "6 months later (NaN when those 6 months end after the horizon)",
      kByMonthState);
  add(
      S, [](const TaskTally& t) { return t.job_starts; }, "job_starts", "persons per month",
      "job starts from each benefit: the base of kept_in_jobs", kByMonthState);
  const std::vector<std::string> timeliness_dims{"replication", "month", "jobcentre", "benefit_group",
                                                 "within"};
  add(
      B * W, [](const TaskTally& t) { return models::percent(t.first_interview_met, t.first_interview_due); },
      "timeliness_first_interview", "percent",
      "of the spells that began in the month and were due, percent whose first interview came within the "
      "window "
      "(a spell is due once it lasts the window or has its interview; exempt cases excluded)",
      timeliness_dims);
  add(
      B * W, [](const TaskTally& t) { return models::percent(t.first_offer_met, t.first_offer_due); },
      "timeliness_first_offer", "percent",
      "of the spells that began in the month and were due, percent whose first offer started within the "
      "window",
      timeliness_dims);
  add(
      B * W, [](const TaskTally& t) { return t.first_interview_due; }, "timeliness_first_interview_due",
      "spells", "spells due for the first-interview measure: the base of timeliness_first_interview",
      timeliness_dims);
  add(
      B * W, [](const TaskTally& t) { return t.first_offer_due; }, "timeliness_first_offer_due", "spells",
      "spells due for the first-offer measure: the base of timeliness_first_offer", timeliness_dims);
  add(
      1, [&](const TaskTally& t) { return models::company_based_share(model, t); }, "company_based_share",
      "percent", "percent of full-time persons in activation who are in company-based offers", kByMonth);
  add(
      S, [](const TaskTally& t) { return t.other_actor_interviews; }, "other_actor_interviews",
      "interviews per month", "follow-up interviews held by other actors", kByMonthState);
  add(
      S,
      [](const TaskTally& t) {
        std::vector<double> weeks(t.interviews.size());
        for (std::size_t i = 0; i < weeks.size(); ++i)
          weeks[i] =
              t.interviews[i] > 0 ? t.interview_wait_days[i] / sim::kDaysPerWeek / t.interviews[i] : 0.0;
        return weeks;
      },
      "interview_wait_weeks", "weeks",
      "mean wait for a free caseworker per interview held (0 when capacity suffices)", kByMonthState);
  add(
      S, [](const TaskTally& t) { return t.limit_reached; }, "benefit_limit_reached", "persons per month",
      "persons whose benefit ran out (maximum period reached, no extension) and who moved on", kByMonthState);
}

void add_costs(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());
  std::vector<models::TaskCosts> costs;
  for (int r = 0; r < run.replications; ++r) {
    for (std::size_t j = 0; j < run.jobcentres; ++j)
      costs.push_back(models::task_costs(model, j, run.task(r, j)));
  }
  const auto cost_of = [&](const models::TaskTally& t) -> const models::TaskCosts& {
    return costs[static_cast<std::size_t>(&t - run.tasks.data())];
  };
  using models::kCostItems;
  using models::kPayers;
  using models::TaskTally;
  out.arrays.push_back(described(
      gather(run, months, kCostItems * kPayers, [&](const TaskTally& t) { return cost_of(t).by_payer; }),
      "cost", "DKK per month", "cost by item and payer after reimbursement (scales with --scale)",
      {"replication", "month", "jobcentre", "cost_item", "payer"}));
  out.arrays.push_back(described(
      gather(run, months, kCostItems, [&](const TaskTally& t) { return cost_of(t).total; }), "cost_total",
      "DKK per month", "gross cost by item, before reimbursement (scales with --scale)",
      {"replication", "month", "jobcentre", "cost_item"}));
  out.arrays.push_back(described(gather(run, months, 1,
                                        [&](const TaskTally& t) {
                                          const auto& by_payer = cost_of(t).by_payer;
                                          std::vector<double> net(months, 0.0);
                                          for (std::size_t m = 0; m < months; ++m) {
                                            for (std::size_t i = 0; i < kCostItems; ++i)
                                              net[m] += by_payer[(m * kCostItems + i) * kPayers + 1];
                                          }
                                          return net;
                                        }),
                                 "municipal_net_cost", "DKK per month",
                                 "what the municipality pays after state reimbursement, all items",
                                 kByMonth));
}

void add_cohorts(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  const auto& sc = model.scenario();
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());
  const std::size_t C = model.cohorts(), S = model.states();
  out.dimensions.push_back({"cohort",
                            "a group followed from one date: a mass layoff, a programme's target group",
                            "",
                            names_of(sc.cohorts),
                            {}});
  using models::TaskTally;
  out.arrays.push_back(described(
      gather(run, months, C * S, [](const TaskTally& t) { return t.cohort_in_state.full_time_persons(); }),
      "cohort_stock", "full-time persons", "members of each cohort by benefit state",
      {"replication", "month", "jobcentre", "cohort", "state"}));
  LabelledArray placed;
  for (int r = 0; r < run.replications; ++r) {
    std::vector<double> in_state(months * C * S, 0.0), in_company(months * C * S, 0.0);
    for (std::size_t j = 0; j < run.jobcentres; ++j) {
      const auto a = run.task(r, j).cohort_in_state.full_time_persons();
      const auto b = run.task(r, j).cohort_in_company.full_time_persons();
      for (std::size_t i = 0; i < in_state.size(); ++i) {
        in_state[i] += a[i];
        in_company[i] += b[i];
      }
    }
    const auto share = models::cohort_placed_share(model, in_state, in_company, months);
    placed.values.insert(placed.values.end(), share.begin(), share.end());
  }
  out.arrays.push_back(
      described(std::move(placed), "cohort_placed_share", "percent",
                "percent of each cohort's members who are in work, education, another benefit or "
                "a company-based offer (not passively on the benefits, by benefit_group, they entered on)",
                {"replication", "month", "cohort"}));
  LabelledArray members;
  for (int r = 0; r < run.replications; ++r) {
    for (std::size_t c = 0; c < C; ++c) {
      double n = 0;
      for (std::size_t j = 0; j < run.jobcentres; ++j) n += run.task(r, j).cohort_members[c];
      members.values.push_back(n);
    }
  }
  out.arrays.push_back(described(std::move(members), "cohort_members", "persons",
                                 "members of each cohort who arrive within the horizon",
                                 {"replication", "cohort"}));
}

}  // namespace

RunOutput make_run_output(const models::Model& model, const models::RunResult& run, Provenance provenance) {
  const auto& sc = model.scenario();
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());
  const std::size_t S = model.states(), G = models::kGroupCount, O = model.offers();

  RunOutput out;
  std::vector<double> replications(static_cast<std::size_t>(run.replications));
  for (std::size_t r = 0; r < replications.size(); ++r) replications[r] = static_cast<double>(r);
  std::vector<double> bins(models::kDurationBins);
  for (std::size_t b = 0; b < bins.size(); ++b) bins[b] = static_cast<double>(b) * models::kDurationBinWeeks;
  std::vector<std::string> jobcentres;
  for (std::size_t j = 0; j < model.jobcentres(); ++j) jobcentres.push_back(model.jobcentre(j).name);
  const std::vector<std::string> groups(models::kGroupLabels.begin(), models::kGroupLabels.end());

  out.dimensions = {
      {"replication", "independent replication of the scenario", "", {}, replications},
      {"month", "calendar month, by its first day", "", model.calendar().labels(), {}},
      {"jobcentre", "jobcentre (municipality)", "", jobcentres, {}},
      {"state", "benefit state", "", names_of(sc.states), {}, display_names_of(sc.states)},
      {"from_state", "benefit state left", "", names_of(sc.states), {}, display_names_of(sc.states)},
      {"to_state", "benefit state entered", "", names_of(sc.states), {}, display_names_of(sc.states)},
      {"group", "age band and origin (non-Western immigrants and descendants)", "", groups, {}},
      {"offer", "activation offer", "", names_of(sc.offers), {}, display_names_of(sc.offers)},
      {"benefit_group", "benefits grouped as in timeliness statistics", "", model.benefit_groups(), {}},
      {"within",
       "timeliness window: 1 month, 3 months, or the legal deadline of the person's age band",
       "",
       std::vector<std::string>(models::kWindowLabels.begin(), models::kWindowLabels.end()),
       {}},
      {"cost_item",
       "what the money is spent on",
       "",
       std::vector<std::string>(models::kCostItemLabels.begin(), models::kCostItemLabels.end()),
       {}},
      {"payer",
       "who pays: the state (reimbursement) or the municipality",
       "",
       std::vector<std::string>(models::kPayerLabels.begin(), models::kPayerLabels.end()),
       {}},
      {"duration_weeks",
       "completed spell length, lower edge of a 4-week bin (the last bin is open-ended)",
       "weeks",
       {},
       bins},
  };

  const std::vector<std::string> by_group{"replication", "month", "jobcentre", "state", "group"};
  const std::vector<std::string> by_offer{"replication", "month", "jobcentre", "state", "offer"};
  using models::TaskTally;
  out.arrays.push_back(
      described(gather(run, months, S * G, [](const TaskTally& t) { return t.in_state.full_time_persons(); }),
                "stock", "full-time persons",
                "persons on each benefit state: person-days in the month divided by its length", by_group));
  out.arrays.push_back(described(
      gather(run, months, S * G, [](const TaskTally& t) { return t.in_state.heads_at_month_starts(); }),
      "persons_at_month_start", "persons", "head count at midnight starting the month's first day",
      by_group));
  out.arrays.push_back(described(
      gather(run, 1, S * G,
             [&](const TaskTally& t) {
               const auto heads = t.in_state.heads_at_month_starts();
               return std::vector<double>(heads.end() - static_cast<std::ptrdiff_t>(S * G), heads.end());
             }),
      "persons_at_end", "persons", "head count at midnight ending the last simulated day",
      {"replication", "jobcentre", "state", "group"}));
  out.arrays.push_back(described(
      gather(run, months, S * G, [](const TaskTally& t) { return t.inflow; }), "inflow", "persons per month",
      "new spells from outside the simulated population (registrations)", by_group));
  out.arrays.push_back(described(gather(run, months, S * S, [](const TaskTally& t) { return t.flows; }),
                                 "flows", "persons per month", "transitions between benefit states",
                                 {"replication", "month", "jobcentre", "from_state", "to_state"}));
  out.arrays.push_back(described(
      gather(run, months, S * O, [](const TaskTally& t) { return t.offer_starts; }), "offer_starts",
      "persons per month", "activation offers started, by the benefit state of the participant", by_offer));
  out.arrays.push_back(
      described(gather(run, months, S * O, [](const TaskTally& t) { return t.in_offer.full_time_persons(); }),
                "offer_full_time", "full-time persons",
                "persons in activation: person-days in the month / its length", by_offer));
  out.arrays.push_back(described(
      gather(run, months, S * O, [](const TaskTally& t) { return t.offer_queue_joins; }),
      "offer_waitlist_joins", "persons per month",
      "offers decided at an interview that found no free place and joined the waiting list", by_offer));
  out.arrays.push_back(described(gather(run, months, S, [](const TaskTally& t) { return t.interviews; }),
                                 "interviews", "interviews per month", "follow-up interviews held",
                                 {"replication", "month", "jobcentre", "state"}));
  out.arrays.push_back(described(
      gather(run, 1, S * models::kDurationBins, [](const TaskTally& t) { return t.completed_spells; }),
      "completed_spells", "spells",
      "spells that ended within the horizon, by length (spells running at the start count from their drawn "
      "start under initial_durations = \"stationary\", else from day 0)",
      {"replication", "jobcentre", "state", "duration_weeks"}));

  add_indicators(out, model, run);
  add_state_graph(out, sc);
  add_costs(out, model, run);
  if (model.cohorts() > 0) add_cohorts(out, model, run);

  out.provenance = std::move(provenance);
  out.extra_attributes["title"] = sc.name;
  out.extra_attributes["description"] = sc.description;
  out.extra_attributes["first_month"] = model.calendar().label(0);
  out.extra_attributes["months"] = std::to_string(months);
  out.extra_attributes["jobcentres_csv"] = sc.jobcentres_path;
  return out;
}

}  // namespace labsim::results
