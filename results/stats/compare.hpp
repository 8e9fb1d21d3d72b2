// The difference in every indicator over time between result files, with 95% intervals over replications.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "results/labelled_array.hpp"

namespace labsim::results {

enum class ComparePeriod { month, year, all };

struct CompareOptions {
  std::vector<std::string> indicators;  // empty: every dataset over replication and month
  ComparePeriod period = ComparePeriod::year;
  std::vector<std::string> by;  // dimensions kept as rows instead of summed or averaged over
};

// A result file and its name as the user gave it, for messages and output.
struct NamedRun {
  std::string file;
  RunOutput run;
};

struct FileFacts {
  std::string file;
  std::string scenario;  // the file's `title` attribute
  std::uint64_t seed = 0;
  int replications = 0;
  double scale = 1.0;
};

// paired: common random numbers, so differences are taken replication by replication; welch: independent
// runs.
enum class IntervalMethod { paired, welch };

// Which of the two files of a comparison holds something.
enum class CompareSide { reference, compared };

// A label, or a whole indicator, that only one of the two files has, e.g. the offer a scenario adds.
struct OneSided {
  std::optional<std::string> dimension;  // e.g. "offer"; none: `label` names an indicator
  std::string label;                     // e.g. "firm_centre", or the indicator's name
  CompareSide side = CompareSide::compared;

  bool operator==(const OneSided&) const = default;
};

struct CompareRow {
  std::string period;               // "2011-03", "2011", or "2011-01 to 2012-12"
  std::vector<std::string> labels;  // one per kept dimension of the indicator
  double reference = 0;             // mean over replications in the reference file
  double value = 0;                 // ... in the compared file
  double difference = 0;            // value - reference
  double ci_low = 0;                // 95% interval of the difference; NaN when it cannot be estimated
  double ci_high = 0;
  double relative_percent = 0;  // 100 * difference / reference; NaN when reference is 0
};

struct IndicatorComparison {
  std::string indicator;
  std::string units;
  std::vector<std::string> kept_dims;  // dimensions shown as rows, in the dataset's order
  // For units that do not add up (percent, weeks): the dimensions averaged over without weights, e.g.
  // {"jobcentre", "group"}; empty when summed or when nothing was averaged.
  std::vector<std::string> averaged_dims;
  std::vector<CompareRow> rows;  // kept labels outer, periods inner
  // For averaged units: labels of its kept or averaged dimensions that only one file has. They are not
  // compared (an average has no 0 to stand for a label that is not there), nor part of the other means.
  std::vector<OneSided> left_out;
};

struct Comparison {
  FileFacts file;
  IntervalMethod method = IntervalMethod::welch;
  std::string method_reason;  // one line saying which method and why
  std::vector<IndicatorComparison> indicators;
  std::vector<std::string> notes;  // skipped indicators, missing intervals, mismatched scales
  // Labels of the dimensions both files have (other than replication and month) that only one file has,
  // dimension by dimension in the reference's order; then the indicators only one file has.
  std::vector<OneSided> one_sided;
};

struct CompareResult {
  FileFacts reference;
  ComparePeriod period = ComparePeriod::year;
  std::vector<Comparison> comparisons;  // one per file after the reference, in order
};

// Compares each of `others` against `reference`. Indicators are the arrays whose first dimension is
// `replication` and which have a `month` dimension. Within a period the value is the mean of the monthly
// values (NaN months skipped). Other dimensions are summed over, except for units "percent" and "weeks",
// whose jobcentre and group dimensions are averaged over without weights (NaN skipped) and whose other
// dimensions are kept; `options.by` keeps a dimension in either case.
// The files are aligned by label, dimension by dimension: rows are in the reference's order of labels, then
// the labels only the other file has. A label only one file has counts as 0 in the other where values add
// up, and is left out (IndicatorComparison::left_out) for averaged units; a sum over a dimension is each
// file's sum over its own labels. A dimension only one file has is summed over in that file.
// Throws sim::InputError naming the files if they are not result files with replication and month
// dimensions, if their months differ, if a dataset is over a dimension in one file that the other file has
// but does not put it over, or if an option names no indicator or dimension of the reference file.
[[nodiscard]] CompareResult compare(const NamedRun& reference, const std::vector<NamedRun>& others,
                                    const CompareOptions& options);

// Whether an indicator in these units is averaged over jobcentres and groups rather than summed.
[[nodiscard]] bool is_averaged_unit(const std::string& units);

}  // namespace labsim::results
