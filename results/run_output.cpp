// The result-file schema of `labsim run`: which datasets exist, over which dimensions, in which units.
#include "results/run_output.hpp"

#include <functional>

#include "models/person_group.hpp"

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
      {"state", "benefit state", "", names_of(sc.states), {}},
      {"from_state", "benefit state left", "", names_of(sc.states), {}},
      {"to_state", "benefit state entered", "", names_of(sc.states), {}},
      {"group", "age band and origin (non-Western immigrants and descendants)", "", groups, {}},
      {"offer", "activation offer", "", names_of(sc.offers), {}},
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
      "spells that ended within the horizon, by length (spells running at the start count from day 0)",
      {"replication", "jobcentre", "state", "duration_weeks"}));

  out.provenance = std::move(provenance);
  out.extra_attributes["title"] = sc.name;
  out.extra_attributes["description"] = sc.description;
  out.extra_attributes["first_month"] = model.calendar().label(0);
  out.extra_attributes["months"] = std::to_string(months);
  out.extra_attributes["jobcentres_csv"] = sc.jobcentres_path;
  return out;
}

}  // namespace labsim::results
