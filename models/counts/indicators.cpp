// Indicators derived from the monthly counts and from a task's after-the-fact spell accounting.
#include "models/counts/indicators.hpp"

#include <cmath>

#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

const double kNaN = std::nan("");

// Full-time persons per month summed over the (state, group) cells that `counts` accepts.
template <class Counts>
ByMonth full_time_in(const StateGroupByMonth& fte, Counts counts) {
  ByMonth out(fte.extent(0));
  for (std::size_t m = 0; m < fte.extent(0); ++m) {
    for (std::size_t s = 0; s < fte.extent(1); ++s) {
      for (std::size_t g = 0; g < fte.extent(2); ++g) {
        if (counts(s, static_cast<std::uint8_t>(g))) out.at(m) += fte.at(m, s, g);
      }
    }
  }
  return out;
}

}  // namespace

ByMonth on_support(const Model& model, const MonthlyCounts& counts, SupportFilter filter) {
  return full_time_in(counts.in_state, [&](std::size_t s, std::uint8_t g) {
    if (!model.state(s).on_support) return false;
    if (filter == SupportFilter::under_30) return is_under_30(g);
    if (filter == SupportFilter::non_western) return is_non_western(g);
    return true;
  });
}

ByMonth permanent_support_stock(const Model& model, const MonthlyCounts& counts) {
  return full_time_in(counts.in_state,
                      [&](std::size_t s, std::uint8_t) { return model.state(s).permanent_support; });
}

ByMonth state_stock(const MonthlyCounts& counts, std::size_t state) {
  return full_time_in(counts.in_state, [&](std::size_t s, std::uint8_t) { return s == state; });
}

ByMonth permanent_support_inflow(const Model& model, const MonthlyCounts& counts) {
  const StateGroupByMonth& inflow = counts.inflow;
  const FlowsByMonth& flows = counts.flows;
  ByMonth out(inflow.extent(0));
  for (std::size_t m = 0; m < inflow.extent(0); ++m) {
    for (std::size_t to = 0; to < inflow.extent(1); ++to) {
      if (!model.state(to).permanent_support) continue;
      for (std::size_t g = 0; g < inflow.extent(2); ++g) out.at(m) += inflow.at(m, to, g);
      for (std::size_t from = 0; from < flows.extent(1); ++from) {
        if (!model.state(from).permanent_support) out.at(m) += flows.at(m, from, to);
      }
    }
  }
  return out;
}

ByMonth rolling_year(const ByMonth& monthly) {
  ByMonth out(monthly.extent(0));
  for (std::size_t m = 0; m < monthly.extent(0); ++m) {
    if (m < 11) {
      out.at(m) = kNaN;
      continue;
    }
    double sum = 0;
    for (std::size_t k = m - 11; k <= m; ++k) sum += monthly.at(k);
    out.at(m) = sum;
  }
  return out;
}

StateByMonth faster_into_jobs(const TaskTally& tally) {
  return cellwise(tally.job_exit_weeks, tally.job_exits,
                  [](double weeks, double exits) { return exits > 0 ? weeks / exits : kNaN; });
}

StateByMonth kept_in_jobs(const Model& model, const TaskTally& tally) {
  StateByMonth out = tally.job_starts;
  out.fill(kNaN);
  const double horizon = model.calendar().horizon().value;
  for (std::size_t m = 0; m < out.extent(0); ++m) {
    const double window_closes =
        model.calendar().month_end(static_cast<int>(m)).value + kKeptInJobsMonths * sim::kDaysPerMonth;
    if (window_closes > horizon) break;
    for (std::size_t s = 0; s < out.extent(1); ++s) {
      const double starts = tally.job_starts.at(m, s);
      if (starts > 0) out.at(m, s) = 100.0 * tally.jobs_kept.at(m, s) / starts;
    }
  }
  return out;
}

Timeliness percent(const Timeliness& met, const Timeliness& due) {
  return cellwise(met, due, [](double m, double d) { return d > 0 ? 100.0 * m / d : kNaN; });
}

ByMonth company_based_share(const Model& model, const StateOfferByMonth& in_offer) {
  ByMonth out(in_offer.extent(0));
  for (std::size_t m = 0; m < in_offer.extent(0); ++m) {
    double company = 0, all = 0;
    for (std::size_t s = 0; s < in_offer.extent(1); ++s) {
      for (std::size_t o = 0; o < in_offer.extent(2); ++o) {
        const CompiledOffer& offer = model.offer(o);
        if (!offer.activation || offer.add_on) continue;
        const double x = in_offer.at(m, s, o);
        all += x;
        if (offer.company_based) company += x;
      }
    }
    out.at(m) = all > 0 ? 100.0 * company / all : kNaN;
  }
  return out;
}

Grid<Axis::month, Axis::cohort> cohort_placed_share(const Model& model, const CohortStateByMonth& in_state,
                                                    const CohortStateByMonth& in_company) {
  const std::size_t C = model.cohorts(), S = model.states();
  // Whether a state pays one of the benefits (benefit groups) the cohort entered on, by cohort and state.
  const auto& states = model.scenario().states;
  const auto group_of_state = [&](std::size_t s) {
    return states[s].benefit_group.empty() ? states[s].name : states[s].benefit_group;
  };
  std::vector<std::vector<bool>> entry_benefit(C, std::vector<bool>(S, false));
  for (std::size_t c = 0; c < C; ++c) {
    const auto& entry = model.cohort(c).entry_cumulative_share;
    for (std::size_t e = 0; e < S; ++e) {
      if (entry[e] - (e > 0 ? entry[e - 1] : 0.0) <= 0) continue;
      for (std::size_t s = 0; s < S; ++s) {
        if (group_of_state(s) == group_of_state(e)) entry_benefit[c][s] = true;
      }
    }
  }
  const std::size_t months = in_state.extent(0);
  Grid<Axis::month, Axis::cohort> out(months, C);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t c = 0; c < C; ++c) {
      double present = 0, passive = 0;
      for (std::size_t s = 0; s < S; ++s) {
        present += in_state.at(m, c, s);
        if (entry_benefit[c][s]) passive += in_state.at(m, c, s) - in_company.at(m, c, s);
      }
      out.at(m, c) = present > 0 ? 100.0 * (present - passive) / present : kNaN;
    }
  }
  return out;
}

}  // namespace labsim::models
