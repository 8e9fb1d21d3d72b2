// The result-file schema of `labsim run`: which datasets exist, over which dimensions, in which units.
#include "results/file/run_output.hpp"

#include <algorithm>
#include <cassert>
#include <type_traits>
#include <utility>

#include "models/counts/costs.hpp"
#include "models/counts/grants.hpp"
#include "models/counts/indicators.hpp"
#include "models/person_group.hpp"
#include "models/scenario/state_graph.hpp"

namespace labsim::results {

namespace {

using models::Axis;
using models::axis_name;
using models::Grid;
using models::TaskTally;

// One grid as an array: its axes name the dimensions, its lengths give the shape.
template <Axis... Axes>
LabelledArray labelled(const Grid<Axes...>& grid) {
  LabelledArray a;
  a.dims = {axis_name(Axes)...};
  a.shape.assign(grid.extents().begin(), grid.extents().end());
  a.values.assign(grid.values().begin(), grid.values().end());
  return a;
}

// One grid per replication, stacked along a leading "replication" axis.
template <Axis... Axes>
LabelledArray by_replication(const std::vector<Grid<Axes...>>& grids) {
  LabelledArray out;
  out.dims = {"replication", axis_name(Axes)...};
  out.shape = {grids.size()};
  if (!grids.empty()) out.shape.insert(out.shape.end(), grids[0].extents().begin(), grids[0].extents().end());
  for (const auto& g : grids) out.values.insert(out.values.end(), g.values().begin(), g.values().end());
  return out;
}

// Each task's grid `part(tally)`, gathered as [replication][month][jobcentre][other axes...] when its first
// axis is the month, else as [replication][jobcentre][axes...].
template <class Part>
LabelledArray gather(const models::RunResult& run, Part part) {
  using G = std::remove_cvref_t<decltype(part(std::declval<const TaskTally&>()))>;
  constexpr bool by_month = G::rank > 0 && G::axes[0] == Axis::month;
  LabelledArray out;
  out.dims = {"replication"};
  if (by_month) out.dims.emplace_back(axis_name(Axis::month));
  out.dims.emplace_back("jobcentre");
  for (std::size_t k = by_month ? 1 : 0; k < G::rank; ++k) out.dims.emplace_back(axis_name(G::axes[k]));

  const auto replications = static_cast<std::size_t>(run.replications);
  const std::size_t jobcentres = run.jobcentres;
  for (std::size_t r = 0; r < replications; ++r) {
    for (std::size_t j = 0; j < jobcentres; ++j) {
      const G& grid = part(run.task(static_cast<int>(r), j));
      const std::size_t months = by_month ? grid.extent(0) : 1;
      const std::size_t inner = months == 0 ? 0 : grid.size() / months;
      if (out.shape.empty()) {
        out.shape = {replications};
        if (by_month) out.shape.push_back(months);
        out.shape.push_back(jobcentres);
        out.shape.insert(out.shape.end(), grid.extents().begin() + (by_month ? 1 : 0), grid.extents().end());
        out.values.assign(replications * months * jobcentres * inner, 0.0);
      }
      assert(grid.size() * replications * jobcentres == out.values.size() &&
             "every task's grid has one shape");
      for (std::size_t m = 0; m < months; ++m) {
        const auto month = grid.values().subspan(m * inner, inner);  // the grid's month m, or all of it
        std::ranges::copy(month, (by_month ? out.block({r, m, j}) : out.block({r, j})).begin());
      }
    }
  }
  return out;
}

// Mean wait in weeks per contact, cell by cell, from the days waited and the contacts (0 where there were
// none).
template <class G>
G mean_wait_weeks(const G& wait_days, const G& contacts) {
  return models::cellwise(wait_days, contacts,
                          [](double days, double n) { return n > 0 ? days / sim::kDaysPerWeek / n : 0.0; });
}

LabelledArray described(LabelledArray a, std::string name, std::string units, std::string description) {
  a.name = std::move(name);
  a.units = std::move(units);
  a.description = std::move(description);
  return a;
}

// Adds the array gathered from each task's grid `part(tally)`, under its name, units and description.
template <class Part>
void add_gathered(RunOutput& out, const models::RunResult& run, const Part& part, std::string name,
                  std::string units, std::string description) {
  out.arrays.push_back(
      described(gather(run, part), std::move(name), std::move(units), std::move(description)));
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
  Grid<Axis::from_state, Axis::to_state> edges(S, S);
  for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
    double& cell = edges.at(boost::source(e, graph), boost::target(e, graph));
    const double kind = 1.0 + static_cast<double>(graph[e].kind);  // 1 transition, 2 limit, 3 completion
    if (cell == 0 || kind < cell) cell = kind;
  }
  out.arrays.push_back(
      described(labelled(edges), "state_graph_edge", "edge kind",
                "the scenario's state graph: 0 no edge, 1 a transition, 2 the benefit limit, "
                "3 an offer's completion (the first that applies)"));
  Grid<Axis::state> on_support(S), permanent(S);
  for (std::size_t s = 0; s < S; ++s) {
    on_support.at(s) = sc.states[s].on_support ? 1.0 : 0.0;
    permanent.at(s) = sc.states[s].permanent_support ? 1.0 : 0.0;
  }
  out.arrays.push_back(described(labelled(on_support), "state_on_support", "1 = yes",
                                 "1 if the state counts as public support (national targets)"));
  out.arrays.push_back(
      described(labelled(permanent), "state_permanent_support", "1 = yes",
                "1 if the state counts as permanent support (flex-job, disability pension)"));
}

// The national targets, scorecard, timeliness and activation mix, under the names tools rely on.
void add_indicators(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  const auto add = [&](const auto&... what) { add_gathered(out, run, what...); };
  add([](const TaskTally& t) { return t.monthly.labour_reserve; }, "labour_reserve", "full-time persons",
      "labour reserve (arbejdskraftreserve): persons with more than 3 months of continuous public support on "
      "temporary benefits (permanent support has its own target)");
  add([&](const TaskTally& t) { return models::permanent_support_stock(model, t.monthly); },
      "permanent_support_stock", "full-time persons",
      "persons on flex-job allowance, flex-job or disability pension (states marked permanent_support)");
  add([&](const TaskTally& t) { return models::permanent_support_inflow(model, t.monthly); },
      "permanent_support_inflow", "persons per month",
      "persons entering permanent support from another state or from outside");
  add(
      [&](const TaskTally& t) {
        return models::rolling_year(models::permanent_support_inflow(model, t.monthly));
      },
      "permanent_support_inflow_12_months", "persons per year",
      "yearly inflow to permanent support: the 12 months ending with the month (NaN before a year has "
      "passed)");
  add([&](const TaskTally& t) { return models::on_support(model, t.monthly, models::SupportFilter::all); },
      "on_support", "full-time persons", "persons on any public support");
  add(
      [&](const TaskTally& t) {
        return models::on_support(model, t.monthly, models::SupportFilter::under_30);
      },
      "youth_on_support", "full-time persons", "persons under 30 on public support");
  add(
      [&](const TaskTally& t) {
        return models::on_support(model, t.monthly, models::SupportFilter::non_western);
      },
      "non_western_on_support", "full-time persons",
      "non-Western immigrants and descendants on public support");
  add([](const TaskTally& t) { return t.job_exits; }, "more_in_jobs", "persons per month",
      "scorecard 'more in jobs': persons leaving each benefit for a job");
  add([](const TaskTally& t) { return models::faster_into_jobs(t); }, "faster_into_jobs", "weeks",
      "scorecard 'faster into jobs': mean weeks on the benefit of those who left it for a job that month");
  add([&](const TaskTally& t) { return models::kept_in_jobs(model, t); }, "kept_in_jobs", "percent",
      "scorecard 'kept in jobs': of the job starts from each benefit in the month, percent still off support "
      "6 months later (NaN when those 6 months end after the horizon)");
  add([](const TaskTally& t) { return t.job_starts; }, "job_starts", "persons per month",
      "job starts from each benefit: the base of kept_in_jobs");
  add(
      [](const TaskTally& t) {
        return models::percent(t.monthly.first_interview_met, t.monthly.first_interview_due);
      },
      "timeliness_first_interview", "percent",
      "of the spells that began in the month and were due, percent whose first interview came within the "
      "window "
      "(a spell is due once it lasts the window or has its interview; exempt cases excluded)");
  add(
      [](const TaskTally& t) {
        return models::percent(t.monthly.first_offer_met, t.monthly.first_offer_due);
      },
      "timeliness_first_offer", "percent",
      "of the spells that began in the month and were due, percent whose first offer started within the "
      "window");
  add([](const TaskTally& t) { return t.monthly.first_interview_due; }, "timeliness_first_interview_due",
      "spells", "spells due for the first-interview measure: the base of timeliness_first_interview");
  add([](const TaskTally& t) { return t.monthly.first_offer_due; }, "timeliness_first_offer_due", "spells",
      "spells due for the first-offer measure: the base of timeliness_first_offer");
  add([&](const TaskTally& t) { return models::company_based_share(model, t.monthly.in_offer); },
      "company_based_share", "percent",
      "percent of full-time persons in activation who are in company-based offers");
  add([](const TaskTally& t) { return t.other_actor_interviews; }, "other_actor_interviews",
      "interviews per month", "follow-up interviews held by other actors");
  add([](const TaskTally& t) { return mean_wait_weeks(t.interview_wait_days, t.interviews); },
      "interview_wait_weeks", "weeks",
      "mean wait for a free caseworker per interview held (0 when capacity suffices)");
  add([](const TaskTally& t) { return t.limit_reached; }, "benefit_limit_reached", "persons per month",
      "persons whose benefit ran out (maximum period reached, no extension) and who moved on");
  add([](const TaskTally& t) { return mean_wait_weeks(t.pool_wait_days, t.pool_contacts); },
      "capacity_wait_weeks", "weeks",
      "mean wait for a free slot per contact asked of the pool in the month (0 when it had room)");
  add(
      [](const TaskTally& t) {
        return models::cellwise(t.pool_slots_used, t.pool_slots, [](double used, double slots) {
          return slots > 0 ? 100.0 * used / slots : 0.0;
        });
      },
      "capacity_utilisation", "percent",
      "slots taken by contacts asked in the month, percent of the pool's slots in the month (0 for an "
      "unlimited pool)");
  add([](const TaskTally& t) { return t.pool_contacts; }, "capacity_contacts", "contacts per month",
      "contacts asked of each capacity pool (a group meeting counts each person)");
  add([](const TaskTally& t) { return t.pool_slots; }, "capacity_slots", "slots per month",
      "slots each capacity pool has in the month (0 for an unlimited pool): the base of "
      "capacity_utilisation");
}

void add_costs(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  std::vector<models::TaskCosts> costs;
  for (int r = 0; r < run.replications; ++r) {
    for (std::size_t j = 0; j < run.jobcentres; ++j)
      costs.push_back(models::task_costs(model, j, run.task(r, j)));
  }
  const auto cost_of = [&](const TaskTally& t) -> const models::TaskCosts& {
    return costs[static_cast<std::size_t>(&t - run.tasks.data())];
  };
  add_gathered(
      out, run, [&](const TaskTally& t) { return cost_of(t).by_payer; }, "cost", "DKK per month",
      "cost by item and payer after reimbursement (scales with --scale)");
  add_gathered(
      out, run, [&](const TaskTally& t) { return cost_of(t).total; }, "cost_total", "DKK per month",
      "gross cost by item, before reimbursement (scales with --scale)");
  const auto municipal = [&](const TaskTally& t) {
    const auto& by_payer = cost_of(t).by_payer;
    models::ByMonth net(by_payer.extent(0));
    for (std::size_t m = 0; m < by_payer.extent(0); ++m) {
      for (std::size_t i = 0; i < by_payer.extent(1); ++i) net.at(m) += by_payer.at(m, i, 1);
    }
    return net;
  };
  add_gathered(out, run, municipal, "municipal_net_cost", "DKK per month",
               "what the municipality pays after state reimbursement, all items");
}

// Each grant's goal, month by month, and what it pays in each replication: the month judged meets the goal,
// or any month when none is named. The replications' mean of grant_goal_met is the probability of the goal.
void add_grants(RunOutput& out, const models::Model& model,
                const std::vector<Grid<Axis::month, Axis::cohort>>& placed) {
  const auto& cohorts = model.scenario().cohorts;
  std::vector<Grid<Axis::month, Axis::cohort>> met;
  std::vector<Grid<Axis::cohort>> paid;
  for (const auto& replication : placed) {
    auto goal = replication;
    Grid<Axis::cohort> dkk(cohorts.size());
    for (std::size_t c = 0; c < cohorts.size(); ++c) {
      if (!cohorts[c].grant) {
        for (std::size_t m = 0; m < goal.extent(0); ++m) goal.at(m, c) = 0;
        continue;
      }
      const models::Grant& grant = *cohorts[c].grant;
      const auto month_index = [&](std::chrono::year_month_day date) {
        using namespace std::chrono;
        const year_month start = model.scenario().run.start.year() / model.scenario().run.start.month();
        return static_cast<std::size_t>((date.year() / date.month() - start).count());
      };
      bool judged_met = false;
      for (std::size_t m = 0; m < goal.extent(0); ++m) {
        const bool here = models::grant_goal_met(grant, replication.at(m, c));
        goal.at(m, c) = here ? 1.0 : 0.0;
        const bool judged = !grant.goal_month || m == month_index(*grant.goal_month);
        judged_met = judged_met || (judged && here);
      }
      dkk.at(c) = models::grant_paid_dkk(grant, judged_met);
    }
    met.push_back(std::move(goal));
    paid.push_back(std::move(dkk));
  }
  out.arrays.push_back(
      described(by_replication(met), "grant_goal_met", "1 = yes",
                "whether the cohort's grant goal is met in the month (percent placed at least the "
                "goal); the mean over replications is the probability"));
  out.arrays.push_back(
      described(by_replication(paid), "grant_paid_dkk", "DKK",
                "what the cohort's grant pays: its fixed part, and its results share when the goal is "
                "met in the month judged (any month when none is named)"));
}

void add_cohorts(RunOutput& out, const models::Model& model, const models::RunResult& run) {
  const auto& sc = model.scenario();
  out.dimensions.push_back({axis_name(Axis::cohort),
                            "a group followed from one date: a mass layoff, a programme's target group",
                            "",
                            names_of(sc.cohorts),
                            {}});
  add_gathered(
      out, run, [](const TaskTally& t) { return t.cohort_in_state.full_time_persons(); }, "cohort_stock",
      "full-time persons", "members of each cohort by benefit state");
  std::vector<Grid<Axis::month, Axis::cohort>> placed;
  std::vector<Grid<Axis::cohort>> members;
  for (int r = 0; r < run.replications; ++r) {
    // Summed over jobcentres.
    auto in_state = run.task(r, 0).cohort_in_state.full_time_persons();
    in_state.fill(0.0);
    auto in_company = in_state;
    auto arrived = run.task(r, 0).cohort_members;
    arrived.fill(0.0);
    for (std::size_t j = 0; j < run.jobcentres; ++j) {
      in_state += run.task(r, j).cohort_in_state.full_time_persons();
      in_company += run.task(r, j).cohort_in_company.full_time_persons();
      arrived += run.task(r, j).cohort_members;
    }
    placed.push_back(models::cohort_placed_share(model, in_state, in_company));
    members.push_back(std::move(arrived));
  }
  out.arrays.push_back(
      described(by_replication(placed), "cohort_placed_share", "percent",
                "percent of each cohort's members who are in work, education, another benefit or "
                "a company-based offer (not passively on the benefits, by benefit_group, they entered on)"));
  out.arrays.push_back(described(by_replication(members), "cohort_members", "persons",
                                 "members of each cohort who arrive within the horizon"));
  add_gathered(
      out, run, [](const TaskTally& t) { return t.cohort_job_starts; }, "cohort_job_starts",
      "persons per month", "members' job starts from public support into a state off support");
  if (std::any_of(sc.cohorts.begin(), sc.cohorts.end(),
                  [](const auto& c) { return c.bonus_per_job_dkk > 0; })) {
    add_gathered(
        out, run,
        [&](const TaskTally& t) {
          auto bonus = t.cohort_job_starts;
          for (std::size_t m = 0; m < bonus.extent(0); ++m) {
            for (std::size_t c = 0; c < bonus.extent(1); ++c)
              bonus.at(m, c) *= sc.cohorts[c].bonus_per_job_dkk;
          }
          return bonus;
        },
        "cohort_bonus_dkk", "DKK per month",
        "payment by results: the bonus per job times the members' job starts");
  }
  if (std::any_of(sc.cohorts.begin(), sc.cohorts.end(), [](const auto& c) { return c.grant.has_value(); }))
    add_grants(out, model, placed);
}

}  // namespace

RunOutput make_run_output(const models::Model& model, const models::RunResult& run, Provenance provenance) {
  const auto& sc = model.scenario();
  const std::size_t months = static_cast<std::size_t>(model.calendar().months());

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
      {axis_name(Axis::month), "calendar month, by its first day", "", model.calendar().labels(), {}},
      {"jobcentre", "jobcentre (municipality)", "", jobcentres, {}},
      {axis_name(Axis::state), "benefit state", "", names_of(sc.states), {}, display_names_of(sc.states)},
      {axis_name(Axis::from_state),
       "benefit state left",
       "",
       names_of(sc.states),
       {},
       display_names_of(sc.states)},
      {axis_name(Axis::to_state),
       "benefit state entered",
       "",
       names_of(sc.states),
       {},
       display_names_of(sc.states)},
      {axis_name(Axis::group),
       "age band and origin (non-Western immigrants and descendants)",
       "",
       groups,
       {}},
      {axis_name(Axis::offer), "activation offer", "", names_of(sc.offers), {}, display_names_of(sc.offers)},
      {axis_name(Axis::benefit_group),
       "benefits grouped as in timeliness statistics",
       "",
       model.benefit_groups(),
       {}},
      {axis_name(Axis::within),
       "timeliness window: 1 month, 3 months, or the legal deadline of the person's age band",
       "",
       std::vector<std::string>(models::kWindowLabels.begin(), models::kWindowLabels.end()),
       {}},
      {axis_name(Axis::cost_item),
       "what the money is spent on",
       "",
       std::vector<std::string>(models::kCostItemLabels.begin(), models::kCostItemLabels.end()),
       {}},
      {axis_name(Axis::payer),
       "who pays: the state (reimbursement) or the municipality",
       "",
       std::vector<std::string>(models::kPayerLabels.begin(), models::kPayerLabels.end()),
       {}},
      {axis_name(Axis::pool),
       "capacity pool: the caseworkers, then the scenario's [pools]",
       "",
       model.pool_names(),
       {}},
      {axis_name(Axis::duration_weeks),
       "completed spell length, lower edge of a 4-week bin (the last bin is open-ended)",
       "weeks",
       {},
       bins},
  };

  const auto add = [&](const auto&... what) { add_gathered(out, run, what...); };
  add([](const TaskTally& t) { return t.monthly.in_state; }, "stock", "full-time persons",
      "persons on each benefit state: person-days in the month divided by its length");
  add([](const TaskTally& t) { return t.in_state.heads_at_month_starts(); }, "persons_at_month_start",
      "persons", "head count at midnight starting the month's first day");
  add([](const TaskTally& t) { return t.in_state.heads_at_end(); }, "persons_at_end", "persons",
      "head count at midnight ending the last simulated day");
  add([](const TaskTally& t) { return t.monthly.inflow; }, "inflow", "persons per month",
      "new spells from outside the simulated population (registrations)");
  add([](const TaskTally& t) { return t.monthly.flows; }, "flows", "persons per month",
      "transitions between benefit states");
  add([](const TaskTally& t) { return t.offer_starts; }, "offer_starts", "persons per month",
      "activation offers started, by the benefit state of the participant");
  add([](const TaskTally& t) { return t.monthly.in_offer; }, "offer_full_time", "full-time persons",
      "persons in activation: person-days in the month / its length");
  add([](const TaskTally& t) { return t.offer_queue_joins; }, "offer_waitlist_joins", "persons per month",
      "offers decided at an interview that found no free place and joined the waiting list");
  add([](const TaskTally& t) { return t.interviews; }, "interviews", "interviews per month",
      "follow-up interviews held");
  add([](const TaskTally& t) { return t.completed_spells; }, "completed_spells", "spells",
      "spells that ended within the horizon, by length (spells running at the start count from their drawn "
      "start under initial_durations = \"stationary\", else from day 0)");

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
