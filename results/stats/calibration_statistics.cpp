// Statistics as sums over months and jobcentres of full-time persons or of timeliness counts.
#include "results/stats/calibration_statistics.hpp"

#include <algorithm>
#include <cmath>

#include "models/counts/indicators.hpp"
#include "sim/strong_types.hpp"

namespace labsim::results {

namespace {

// A level in full-time persons per month, by the national indicators' own definitions.
models::ByMonth level_by_month(const models::Model& model, const models::MonthlyCounts& c,
                               const ObservedStatistic& s) {
  using models::SupportFilter;
  switch (s.kind) {
    case StatisticKind::labour_reserve:
      return c.labour_reserve;
    case StatisticKind::stock:
      return models::state_stock(c, s.state_or_group_index);
    case StatisticKind::on_support:
      return models::on_support(model, c, SupportFilter::all);
    case StatisticKind::youth_on_support:
      return models::on_support(model, c, SupportFilter::under_30);
    case StatisticKind::non_western_on_support:
      return models::on_support(model, c, SupportFilter::non_western);
    case StatisticKind::permanent_support_stock:
      return models::permanent_support_stock(model, c);
    default: {
      models::ByMonth none(c.labour_reserve.extent(0));
      none.fill(std::nan(""));
      return none;
    }
  }
}

// A percent's numerator and denominator in month m.
std::pair<double, double> share_parts(const models::Model& model, const models::MonthlyCounts& c,
                                      std::size_t m, const ObservedStatistic& s) {
  if (s.kind == StatisticKind::company_based_share) {
    double company = 0, all = 0;
    for (std::size_t st = 0; st < c.in_offer.extent(1); ++st) {
      if (!s.all_states && st != s.state_or_group_index) continue;
      for (std::size_t o = 0; o < c.in_offer.extent(2); ++o) {
        const models::CompiledOffer& offer = model.offer(o);
        if (!offer.activation || offer.add_on) continue;
        const double x = c.in_offer.at(m, st, o);
        all += x;
        if (offer.company_based) company += x;
      }
    }
    return {company, all};
  }
  const bool interview = s.kind == StatisticKind::timeliness_first_interview;
  const auto& met = interview ? c.first_interview_met : c.first_offer_met;
  const auto& due = interview ? c.first_interview_due : c.first_offer_due;
  return {met.at(m, s.state_or_group_index, s.window), due.at(m, s.state_or_group_index, s.window)};
}

}  // namespace

std::vector<double> measure(const models::Model& model, const std::vector<models::MonthlyCounts>& counts,
                            const std::vector<ObservedStatistic>& statistics) {
  std::vector<double> out;
  out.reserve(statistics.size());
  for (const ObservedStatistic& s : statistics) {
    double numerator = 0, denominator = 0;
    for (std::size_t j = 0; j < counts.size(); ++j) {
      if (s.jobcentre && *s.jobcentre != j) continue;
      if (!is_percent(s.kind)) {
        const models::ByMonth monthly = level_by_month(model, counts[j], s);
        for (std::size_t m = s.from_month; m <= s.to_month; ++m) numerator += monthly.at(m);
        continue;
      }
      for (std::size_t m = s.from_month; m <= s.to_month; ++m) {
        const auto [part, whole] = share_parts(model, counts[j], m, s);
        numerator += part;
        denominator += whole;
      }
    }
    if (is_percent(s.kind)) {
      out.push_back(denominator > 0 ? 100.0 * numerator / denominator : std::nan(""));
    } else {
      const double months = static_cast<double>(s.to_month - s.from_month + 1);
      out.push_back(numerator / months / model.scale());
    }
  }
  return out;
}

std::size_t months_needed(const models::Model& model, const std::vector<ObservedStatistic>& statistics) {
  // Spells starting in a statistic's last month must reach their longest timeliness window (3 months, or a
  // legal deadline) before the horizon, or they would be left out of it.
  double longest_window_days = 3 * sim::kDaysPerMonth;
  for (std::size_t st = 0; st < model.states(); ++st) {
    for (const auto& deadlines :
         {model.state(st).legal_first_interview_days, model.state(st).legal_first_offer_days}) {
      for (double days : deadlines) {
        if (days < models::kNoDeadline) longest_window_days = std::max(longest_window_days, days);
      }
    }
  }
  const auto timeliness_months =
      static_cast<std::size_t>(std::ceil(longest_window_days / sim::kDaysPerMonth)) + 1;
  std::size_t needed = 1;
  for (const ObservedStatistic& s : statistics) {
    const bool timeliness = s.kind == StatisticKind::timeliness_first_interview ||
                            s.kind == StatisticKind::timeliness_first_offer;
    needed = std::max(needed, s.to_month + 1 + (timeliness ? timeliness_months : 0));
  }
  return std::min(needed, static_cast<std::size_t>(model.calendar().months()));
}

}  // namespace labsim::results
