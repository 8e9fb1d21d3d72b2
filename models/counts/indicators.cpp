// Indicators derived from a task's person-time counters and its after-the-fact spell accounting.
#include "models/counts/indicators.hpp"

#include <cmath>

#include "sim/strong_types.hpp"

namespace labsim::models {

namespace {

const double kNaN = std::nan("");

std::vector<double> sum_inner(const std::vector<double>& values, std::size_t months, std::size_t inner) {
  std::vector<double> out(months, 0.0);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t i = 0; i < inner; ++i) out[m] += values[m * inner + i];
  }
  return out;
}

}  // namespace

std::vector<double> labour_reserve(const TaskTally& tally) {
  return sum_inner(tally.labour_reserve.full_time_persons(), tally.months, tally.groups);
}

namespace {

// Full-time persons per month summed over the (state, group) cells that `counts` accepts; `fte` is laid out
// [month][state][group].
template <class Counts>
std::vector<double> full_time_in(const std::vector<double>& fte, std::size_t months, std::size_t states,
                                 Counts counts) {
  std::vector<double> out(months, 0.0);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t s = 0; s < states; ++s) {
      for (std::uint8_t g = 0; g < kGroupCount; ++g) {
        if (counts(s, g)) out[m] += fte[(m * states + s) * kGroupCount + g];
      }
    }
  }
  return out;
}

}  // namespace

std::vector<double> on_support(const Model& model, const std::vector<double>& in_state, std::size_t months,
                               SupportFilter filter) {
  return full_time_in(in_state, months, model.states(), [&](std::size_t s, std::uint8_t g) {
    if (!model.state(s).on_support) return false;
    if (filter == SupportFilter::under_30) return is_under_30(g);
    if (filter == SupportFilter::non_western) return is_non_western(g);
    return true;
  });
}

std::vector<double> on_support(const Model& model, const TaskTally& tally, SupportFilter filter) {
  return on_support(model, tally.in_state.full_time_persons(), tally.months, filter);
}

std::vector<double> permanent_support_stock(const Model& model, const std::vector<double>& in_state,
                                            std::size_t months) {
  return full_time_in(in_state, months, model.states(),
                      [&](std::size_t s, std::uint8_t) { return model.state(s).permanent_support; });
}

std::vector<double> state_stock(const Model& model, const std::vector<double>& in_state, std::size_t months,
                                std::size_t state) {
  return full_time_in(in_state, months, model.states(),
                      [&](std::size_t s, std::uint8_t) { return s == state; });
}

std::vector<double> permanent_support_stock(const Model& model, const TaskTally& tally) {
  return permanent_support_stock(model, tally.in_state.full_time_persons(), tally.months);
}

std::vector<double> permanent_support_inflow(const Model& model, const std::vector<double>& inflow,
                                             const std::vector<double>& flows, std::size_t months) {
  const std::size_t S = model.states();
  std::vector<double> out(months, 0.0);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t to = 0; to < S; ++to) {
      if (!model.state(to).permanent_support) continue;
      for (std::size_t g = 0; g < kGroupCount; ++g) out[m] += inflow[(m * S + to) * kGroupCount + g];
      for (std::size_t from = 0; from < S; ++from) {
        if (!model.state(from).permanent_support) out[m] += flows[(m * S + from) * S + to];
      }
    }
  }
  return out;
}

std::vector<double> permanent_support_inflow(const Model& model, const TaskTally& tally) {
  return permanent_support_inflow(model, tally.inflow, tally.flows, tally.months);
}

std::vector<double> rolling_year(const std::vector<double>& monthly, std::size_t months, std::size_t inner) {
  std::vector<double> out(months * inner, kNaN);
  for (std::size_t m = 11; m < months; ++m) {
    for (std::size_t i = 0; i < inner; ++i) {
      double sum = 0;
      for (std::size_t k = m - 11; k <= m; ++k) sum += monthly[k * inner + i];
      out[m * inner + i] = sum;
    }
  }
  return out;
}

std::vector<double> faster_into_jobs(const TaskTally& tally) {
  std::vector<double> out(tally.job_exits.size(), kNaN);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (tally.job_exits[i] > 0) out[i] = tally.job_exit_weeks[i] / tally.job_exits[i];
  }
  return out;
}

std::vector<double> kept_in_jobs(const Model& model, const TaskTally& tally) {
  std::vector<double> out(tally.job_starts.size(), kNaN);
  const double horizon = model.calendar().horizon().value;
  for (std::size_t m = 0; m < tally.months; ++m) {
    const double window_closes =
        model.calendar().month_end(static_cast<int>(m)).value + kKeptInJobsMonths * sim::kDaysPerMonth;
    if (window_closes > horizon) break;
    for (std::size_t s = 0; s < tally.states; ++s) {
      const std::size_t i = m * tally.states + s;
      if (tally.job_starts[i] > 0) out[i] = 100.0 * tally.jobs_kept[i] / tally.job_starts[i];
    }
  }
  return out;
}

std::vector<double> percent(const std::vector<double>& met, const std::vector<double>& due) {
  std::vector<double> out(due.size(), kNaN);
  for (std::size_t i = 0; i < due.size(); ++i) {
    if (due[i] > 0) out[i] = 100.0 * met[i] / due[i];
  }
  return out;
}

std::vector<double> company_based_share(const Model& model, const TaskTally& tally) {
  const std::vector<double> fte = tally.in_offer.full_time_persons();  // [month][state][offer]
  std::vector<double> out(tally.months, kNaN);
  for (std::size_t m = 0; m < tally.months; ++m) {
    double company = 0, all = 0;
    for (std::size_t s = 0; s < tally.states; ++s) {
      for (std::size_t o = 0; o < tally.offers; ++o) {
        const CompiledOffer& offer = model.offer(o);
        if (!offer.activation || offer.add_on) continue;
        const double x = fte[(m * tally.states + s) * tally.offers + o];
        all += x;
        if (offer.company_based) company += x;
      }
    }
    if (all > 0) out[m] = 100.0 * company / all;
  }
  return out;
}

std::vector<double> cohort_placed_share(const Model& model, const std::vector<double>& in_state,
                                        const std::vector<double>& in_company, std::size_t months) {
  const std::size_t C = model.cohorts(), S = model.states();
  // [cohort][state]: whether the state pays one of the benefits (benefit groups) the cohort entered on.
  const auto& states = model.scenario().states;
  const auto group_of_state = [&](std::size_t s) {
    return states[s].benefit_group.empty() ? states[s].name : states[s].benefit_group;
  };
  std::vector<bool> entry_benefit(C * S, false);
  for (std::size_t c = 0; c < C; ++c) {
    const auto& entry = model.cohort(c).entry_cumulative_share;
    for (std::size_t e = 0; e < S; ++e) {
      if (entry[e] - (e > 0 ? entry[e - 1] : 0.0) <= 0) continue;
      for (std::size_t s = 0; s < S; ++s) {
        if (group_of_state(s) == group_of_state(e)) entry_benefit[c * S + s] = true;
      }
    }
  }
  std::vector<double> out(months * C, kNaN);
  for (std::size_t m = 0; m < months; ++m) {
    for (std::size_t c = 0; c < C; ++c) {
      double present = 0, passive = 0;
      for (std::size_t s = 0; s < S; ++s) {
        const std::size_t i = (m * C + c) * S + s;
        present += in_state[i];
        if (entry_benefit[c * S + s]) passive += in_state[i] - in_company[i];
      }
      if (present > 0) out[m * C + c] = 100.0 * (present - passive) / present;
    }
  }
  return out;
}

}  // namespace labsim::models
