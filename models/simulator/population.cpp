// Synthesis of a task's population: initial stock first, then arrivals ordered by state and time, then
// cohort members.
#include "models/simulator/population.hpp"

#include <cmath>

#include "models/model.hpp"
#include "models/rules/shares.hpp"

namespace labsim::models {

Population synthesise_population(const Model& model, std::size_t jobcentre,
                                 const sim::RandomStreams& streams) {
  const CompiledJobcentre& jc = model.jobcentre(jobcentre);
  const double horizon = model.calendar().horizon().value;
  Population pop;

  for (std::size_t s = 0; s < model.states(); ++s) {
    const double rate = jc.inflow_per_day[s];
    if (rate <= 0) continue;
    std::uint32_t position = 0;
    sim::StreamCursor cursor(streams, sim::kFirstReservedStream + static_cast<std::uint32_t>(s), position);
    for (double day = cursor.exponential() / rate; day < horizon; day += cursor.exponential() / rate) {
      pop.arrivals.push_back({day, static_cast<StateIndex>(s), 0});
    }
  }
  for (std::size_t c = 0; c < model.cohorts(); ++c) {
    const CompiledCohort& cohort = model.cohort(c);
    if (cohort.jobcentre != jobcentre) continue;
    std::uint32_t position = 0;
    sim::StreamCursor cursor(streams, sim::kFirstReservedStream + static_cast<std::uint32_t>(kMaxStates + c),
                             position);
    for (std::uint32_t i = 0; i < cohort.persons; ++i) {
      const double day = cohort.first_day + cohort.spread_days * (i + 0.5) / cohort.persons;
      const double u = cursor.uniform();
      if (day >= horizon) continue;
      pop.arrivals.push_back({day, static_cast<StateIndex>(rules::pick(cohort.entry_cumulative_share, u)),
                              static_cast<std::uint8_t>(c + 1)});
    }
  }

  for (std::uint32_t n : jc.initial_persons) pop.initial_persons += n;
  pop.persons.resize(pop.initial_persons + pop.arrivals.size());

  std::uint32_t id = 0;
  for (std::size_t s = 0; s < model.states(); ++s) {
    for (std::uint32_t i = 0; i < jc.initial_persons[s]; ++i)
      pop.persons[id++].state = static_cast<StateIndex>(s);
  }
  for (const auto& a : pop.arrivals) {
    pop.persons[id].state = a.state;
    pop.persons[id].cohort = a.cohort;
    pop.persons[id].pending = PendingEvent::arrival;
    ++id;
  }
  for (std::uint32_t p = 0; p < pop.size(); ++p) {
    sim::StreamCursor cursor(streams, p, pop.persons[p].draws);
    const bool under_30 = cursor.bernoulli(jc.under_30_share);
    const bool non_western = cursor.bernoulli(jc.non_western_share);
    pop.persons[p].group = group_of(under_30, non_western);
  }
  return pop;
}

}  // namespace labsim::models
