// Monthly totals per replication drawn from a result array, and their mean and 95% band: region totals for
// the run summary and the report.
#pragma once

#include <cassert>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "results/labelled_array.hpp"

namespace labsim::results {

// One value per replication and month, all 0 at construction.
struct ReplicationSeries {
  std::size_t replications = 0;
  std::size_t months = 0;
  std::vector<double> values;  // replication-major

  ReplicationSeries(std::size_t replication_count, std::size_t month_count)
      : replications(replication_count), months(month_count), values(replication_count * month_count, 0.0) {}
  [[nodiscard]] double at(std::size_t r, std::size_t m) const { return values[index(r, m)]; }
  [[nodiscard]] double& at(std::size_t r, std::size_t m) { return values[index(r, m)]; }

 private:
  [[nodiscard]] std::size_t index(std::size_t r, std::size_t m) const {
    assert(r < replications && m < months && "series index in range");
    return r * months + m;
  }
};

// The array `name` of `out`, over replication, month and any other axes, summed over every other axis except
// those in `fixed` (dimension name -> label), which are held at that label. A band is taken over replications
// only after summing, so a region total's band is the band of the total, not a sum of bands. Throws
// std::out_of_range if the array, a dimension or a label is missing.
ReplicationSeries monthly_totals(const RunOutput& out, const std::string& name,
                                 const std::map<std::string, std::string>& fixed = {});

// The sum over all months, per replication, as a series of one month.
ReplicationSeries whole_horizon(const ReplicationSeries& series);

struct Band {
  std::vector<double> mean;
  std::vector<double> low95;   // 2.5% percentile over replications
  std::vector<double> high95;  // 97.5%
};

// Per month: mean and 2.5%/97.5% percentiles (type 7) over replications; NaN where any replication is NaN.
Band band_over_replications(const ReplicationSeries& series);

// The mean over all months and replications of the finite values, NaN if there are none.
double overall_mean(const ReplicationSeries& series);

}  // namespace labsim::results
