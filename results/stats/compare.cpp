// Aggregates each indicator to periods per replication and estimates the difference between files with a
// paired or a Welch t interval.
#include "results/stats/compare.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cassert>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "sim/input_error.hpp"

namespace labsim::results {

namespace {

using sim::InputError;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_summary(const std::string& name) {
  return name.ends_with("_mean") || name.ends_with("_low95") || name.ends_with("_high95");
}

bool is_indicator(const LabelledArray& a) {
  return !is_summary(a.name) && !a.dims.empty() && a.dims.front() == "replication" &&
         contains(a.dims, "month");
}

const LabelledArray* find_indicator(const RunOutput& run, const std::string& name) {
  for (const auto& a : run.arrays) {
    if (a.name == name && is_indicator(a)) return &a;
  }
  return nullptr;
}

const Dimension* find_dimension(const RunOutput& run, const std::string& name) {
  for (const auto& d : run.dimensions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

void check_result_file(const NamedRun& r) {
  for (const char* name : {"replication", "month"}) {
    if (!find_dimension(r.run, name)) {
      throw InputError(fmt::format("{}: not a labsim result file (no \"{}\" dimension)", r.file, name));
    }
  }
  if (r.run.dimension("month").labels.empty()) {
    throw InputError(
        fmt::format("{}: not a labsim result file (\"month\" is not labelled by dates)", r.file));
  }
  for (const auto& a : r.run.arrays) {
    for (const auto& d : a.dims) {
      if (!find_dimension(r.run, d)) {
        throw InputError(fmt::format(
            "{}: dataset \"{}\" is over dimension \"{}\", which the file does not hold", r.file, a.name, d));
      }
    }
  }
}

std::string label_at(const Dimension& d, std::size_t i) {
  return d.labels.empty() ? fmt::format("{}", d.values[i]) : d.labels[i];
}

// Months are the time axis, matched by position: they must be the same months in both files.
void check_months(const NamedRun& reference, const NamedRun& other) {
  const Dimension& d = reference.run.dimension("month");
  const Dimension& o = other.run.dimension("month");
  std::string why;
  if (o.size() != d.size()) {
    why = fmt::format("{} labels in {}, {} in {}", d.size(), reference.file, o.size(), other.file);
  } else {
    for (std::size_t i = 0; i < d.size() && why.empty(); ++i) {
      if (label_at(d, i) != label_at(o, i)) {
        why = fmt::format("label {} is \"{}\" in {} and \"{}\" in {}", i + 1, label_at(d, i), reference.file,
                          label_at(o, i), other.file);
      }
    }
  }
  if (!why.empty()) {
    throw InputError(fmt::format("{} and {} cannot be compared: dimension \"month\" differs ({})",
                                 reference.file, other.file, why));
  }
}

std::optional<std::size_t> index_of(const Dimension& d, const std::string& label) {
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (label_at(d, i) == label) return i;
  }
  return std::nullopt;
}

// One dimension of two files matched by label: the reference's labels in their order, then those only the
// other file has, each with its index in either file (none where the file lacks it).
struct AlignedLabels {
  std::vector<std::string> labels;
  std::vector<std::optional<std::size_t>> in_reference, in_other;
};

AlignedLabels align(const Dimension& reference, const Dimension& other) {
  AlignedLabels out;
  for (std::size_t i = 0; i < reference.size(); ++i) {
    out.labels.push_back(label_at(reference, i));
    out.in_reference.emplace_back(i);
    out.in_other.push_back(index_of(other, out.labels.back()));
  }
  for (std::size_t i = 0; i < other.size(); ++i) {
    if (index_of(reference, label_at(other, i))) continue;
    out.labels.push_back(label_at(other, i));
    out.in_reference.emplace_back(std::nullopt);
    out.in_other.emplace_back(i);
  }
  return out;
}

// The labels of `dimension` that only one of the files has, in the aligned order.
void add_one_sided(const std::string& dimension, const AlignedLabels& aligned, std::vector<OneSided>& out) {
  for (std::size_t i = 0; i < aligned.labels.size(); ++i) {
    if (aligned.in_reference[i] && aligned.in_other[i]) continue;
    out.push_back({dimension, aligned.labels[i],
                   aligned.in_reference[i] ? CompareSide::reference : CompareSide::compared});
  }
}

struct Periods {
  std::vector<std::string> labels;
  std::vector<std::size_t> of_month;  // period index of each month
};

Periods periods_of(const std::vector<std::string>& months, ComparePeriod period) {
  Periods p;
  // Month labels are ISO dates, "2011-01-01"; a period is named by the prefix it shares.
  const auto prefix = [](const std::string& label, std::size_t n) { return label.substr(0, n); };
  for (const auto& m : months) {
    std::string label;
    switch (period) {
      case ComparePeriod::month:
        label = prefix(m, 7);
        break;
      case ComparePeriod::year:
        label = prefix(m, 4);
        break;
      case ComparePeriod::all:
        label = months.empty() ? "" : prefix(months.front(), 7) + " to " + prefix(months.back(), 7);
        break;
    }
    if (p.labels.empty() || p.labels.back() != label) p.labels.push_back(label);
    p.of_month.push_back(p.labels.size() - 1);
  }
  return p;
}

struct Layout {
  std::vector<std::string> kept;      // dimensions shown as rows, in the dataset's order
  std::vector<std::string> averaged;  // dimensions averaged over without weights
  bool averages = false;              // the unit does not add up, so dropped dimensions are averaged over
};

// The dimensions of `a`, then those only `b` is over (a dimension only b's file has), are each kept, averaged
// over or summed over.
Layout layout_of(const LabelledArray& a, const LabelledArray& b, const std::vector<std::string>& by) {
  Layout l;
  l.averages = is_averaged_unit(a.units);
  std::vector<std::string> dims(a.dims.begin() + 1, a.dims.end());
  for (std::size_t k = 1; k < b.dims.size(); ++k) {
    if (!contains(dims, b.dims[k])) dims.push_back(b.dims[k]);
  }
  for (const std::string& d : dims) {
    if (d == "month") continue;
    if (contains(by, d)) {
      l.kept.push_back(d);
    } else if (l.averages) {
      // A mean over the regions' jobcentres and groups is still a share or a duration; a mean over states or
      // timeliness windows would mix different measures, so those stay apart.
      if (d == "jobcentre" || d == "group") {
        l.averaged.push_back(d);
      } else {
        l.kept.push_back(d);
      }
    }
  }
  return l;
}

// A value per replication, time step (a month or a period) and combination of kept labels, 0 at first.
struct Aggregated {
  std::size_t replications = 0, steps = 0, keys = 0;
  std::vector<double> values;

  Aggregated(std::size_t replication_count, std::size_t step_count, std::size_t key_count)
      : replications(replication_count),
        steps(step_count),
        keys(key_count),
        values(replication_count * step_count * key_count, 0.0) {}
  [[nodiscard]] double at(std::size_t r, std::size_t step, std::size_t k) const {
    return values[index(r, step, k)];
  }
  [[nodiscard]] double& at(std::size_t r, std::size_t step, std::size_t k) {
    return values[index(r, step, k)];
  }

 private:
  [[nodiscard]] std::size_t index(std::size_t r, std::size_t step, std::size_t k) const {
    assert(r < replications && step < steps && k < keys && "aggregate index in range");
    return (r * steps + step) * keys + k;
  }
};

// One file's values of an indicator by replication, period and combination of its kept labels, and how a
// combination's key is made from the labels' indices in this file.
struct FileAggregate {
  Aggregated values;
  std::vector<std::size_t> stride;  // per kept dimension, in the layout's order
};

// Cells whose label on an averaged axis is not part of the mean (the other file lacks it): (axis, included).
using Included = std::vector<std::pair<std::size_t, std::vector<bool>>>;

FileAggregate aggregate(const NamedRun& source, const LabelledArray& a, const Layout& layout,
                        const Periods& periods, const Included& included) {
  std::size_t cells = 1;
  for (auto n : a.shape) cells *= n;
  if (a.shape.size() != a.dims.size() || cells != a.values.size()) {
    throw InputError(fmt::format("{}: dataset \"{}\" has {} values, but its dimensions need {}", source.file,
                                 a.name, a.values.size(), cells));
  }
  const std::size_t replication_axis = a.axis("replication"), month_axis = a.axis("month");
  // The combination of kept labels a cell belongs to: the kept axes' indices, the last turning fastest.
  std::vector<std::pair<std::size_t, std::size_t>> kept;  // (axis, stride among the keys)
  std::size_t keys = 1;
  for (std::size_t k = a.dims.size(); k-- > 0;) {
    if (contains(layout.kept, a.dims[k])) {
      kept.emplace_back(k, keys);
      keys *= a.shape[k];
    }
  }
  std::vector<std::size_t> stride;
  for (const auto& d : layout.kept) {
    const std::size_t axis = a.axis(d);
    stride.push_back(
        std::find_if(kept.begin(), kept.end(), [&](const auto& k) { return k.first == axis; })->second);
  }
  const std::size_t R = a.shape[replication_axis], M = a.shape[month_axis], P = periods.labels.size();
  const auto counts = [&](const CellIndex& at) {
    return std::all_of(included.begin(), included.end(),
                       [&](const auto& axis) { return axis.second[at[axis.first]]; });
  };

  // First each month's value (a sum, or an unweighted mean), skipping NaN cells ...
  Aggregated month_sum(R, M, keys), month_count(R, M, keys);
  CellIndex at(a.shape);
  for (const double v : a.values) {
    if (!std::isnan(v) && counts(at)) {
      std::size_t key = 0;
      for (const auto& [axis, stride] : kept) key += at[axis] * stride;
      month_sum.at(at[replication_axis], at[month_axis], key) += v;
      month_count.at(at[replication_axis], at[month_axis], key) += 1;
    }
    at.next();
  }
  // ... then the mean over the months of each period that have a value, so units stay per month.
  Aggregated period_sum(R, P, keys), period_count(R, P, keys);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t m = 0; m < M; ++m) {
      for (std::size_t key = 0; key < keys; ++key) {
        const double count = month_count.at(r, m, key);
        if (count == 0) continue;
        const double sum = month_sum.at(r, m, key);
        period_sum.at(r, periods.of_month[m], key) += layout.averages ? sum / count : sum;
        period_count.at(r, periods.of_month[m], key) += 1;
      }
    }
  }
  Aggregated out(R, P, keys);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t p = 0; p < P; ++p) {
      for (std::size_t key = 0; key < keys; ++key) {
        const double count = period_count.at(r, p, key);
        out.at(r, p, key) = count > 0 ? period_sum.at(r, p, key) / count : kNaN;
      }
    }
  }
  return {std::move(out), std::move(stride)};
}

double mean(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

// Sample variance (denominator n - 1); needs two values.
double variance(const std::vector<double>& x) {
  const double m = mean(x);
  double sum = 0;
  for (double v : x) sum += (v - m) * (v - m);
  return sum / static_cast<double>(x.size() - 1);
}

double t_975(double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

void set_interval(CompareRow& row, double half_width) {
  row.ci_low = row.difference - half_width;
  row.ci_high = row.difference + half_width;
}

// Replication r of both runs shares its random numbers, so the differences d_r carry little noise.
void paired(const std::vector<double>& a, const std::vector<double>& b, CompareRow& row) {
  std::vector<double> ra, rb, d;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (std::isnan(a[r]) || std::isnan(b[r])) continue;
    ra.push_back(a[r]);
    rb.push_back(b[r]);
    d.push_back(b[r] - a[r]);
  }
  row.reference = ra.empty() ? kNaN : mean(ra);
  row.value = rb.empty() ? kNaN : mean(rb);
  row.difference = row.value - row.reference;
  if (d.size() < 2) return set_interval(row, kNaN);
  const double sd = std::sqrt(variance(d));
  const auto n = static_cast<double>(d.size());
  set_interval(row, t_975(n - 1) * sd / std::sqrt(n));
}

void welch(const std::vector<double>& a, const std::vector<double>& b, CompareRow& row) {
  std::vector<double> ra, rb;
  for (double v : a) {
    if (!std::isnan(v)) ra.push_back(v);
  }
  for (double v : b) {
    if (!std::isnan(v)) rb.push_back(v);
  }
  row.reference = ra.empty() ? kNaN : mean(ra);
  row.value = rb.empty() ? kNaN : mean(rb);
  row.difference = row.value - row.reference;
  if (ra.size() < 2 || rb.size() < 2) return set_interval(row, kNaN);
  const auto na = static_cast<double>(ra.size()), nb = static_cast<double>(rb.size());
  const double va = variance(ra) / na, vb = variance(rb) / nb;
  const double se = std::sqrt(va + vb);
  // Runs that never vary (e.g. a count that is 0 in every run) have a zero-width interval, not 0/0.
  if (se == 0) return set_interval(row, 0.0);
  const double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
  set_interval(row, t_975(df) * se);
}

FileFacts facts_of(const NamedRun& r) {
  return {r.file, r.run.attribute("title"), r.run.provenance.seed, r.run.provenance.replications,
          r.run.provenance.scale};
}

std::string replications_text(int n) {
  return fmt::format("{} replication{}", n, n == 1 ? "" : "s");
}

void choose_method(const FileFacts& a, const FileFacts& b, Comparison& c) {
  if (a.seed == b.seed && a.replications == b.replications && a.scale == b.scale) {
    c.method = IntervalMethod::paired;
    c.method_reason = fmt::format(
        "{} against {}: common random numbers: same seed {}, {}, scale {} -> paired differences; this "
        "removes most run-to-run noise, so intervals are narrower than for independent runs",
        b.file, a.file, a.seed, replications_text(a.replications), a.scale);
    return;
  }
  std::vector<std::string> differ;
  if (a.seed != b.seed) differ.push_back(fmt::format("seeds {} and {}", a.seed, b.seed));
  if (a.replications != b.replications)
    differ.push_back(fmt::format("replications {} and {}", a.replications, b.replications));
  if (a.scale != b.scale) differ.push_back(fmt::format("scales {} and {}", a.scale, b.scale));
  c.method = IntervalMethod::welch;
  c.method_reason = fmt::format(
      "{} against {}: independent runs ({} differ) -> Welch's t interval from each file's spread over its "
      "replications; runs with the same seed, replications and scale would share random numbers and give "
      "narrower intervals",
      b.file, a.file, fmt::join(differ, ", "));
}

std::vector<std::string> indicator_names(const RunOutput& run) {
  std::vector<std::string> names;
  for (const auto& a : run.arrays) {
    if (is_indicator(a)) names.push_back(a.name);
  }
  return names;
}

void check_options(const NamedRun& reference, const std::vector<NamedRun>& others,
                   const CompareOptions& options) {
  for (const auto& name : options.indicators) {
    const bool anywhere = find_indicator(reference.run, name) ||
                          std::any_of(others.begin(), others.end(),
                                      [&](const NamedRun& o) { return find_indicator(o.run, name); });
    if (!anywhere) {
      throw InputError(
          fmt::format("--indicator {}: {} has no dataset \"{}\" over replication and month "
                      "(indicators: {})",
                      name, reference.file, name, fmt::join(indicator_names(reference.run), ", ")));
    }
  }
  for (const auto& name : options.by) {
    if (name == "month") {
      throw InputError("--by month: months are the time axis already; use --period month");
    }
    if (name == "replication") {
      throw InputError("--by replication: intervals are taken over replications, so they cannot be rows");
    }
    if (!find_dimension(reference.run, name)) {
      std::vector<std::string> dims;
      for (const auto& d : reference.run.dimensions) {
        if (d.name != "replication" && d.name != "month") dims.push_back(d.name);
      }
      throw InputError(fmt::format("--by {}: {} has no dimension \"{}\" (dimensions: {})", name,
                                   reference.file, name, fmt::join(dims, ", ")));
    }
  }
}

// A dataset over a dimension in one file but not in the other, which has that dimension, measures something
// else there.
void check_same_dims(const NamedRun& reference, const NamedRun& other, const LabelledArray& a,
                     const LabelledArray& b) {
  const auto over_less = [](const LabelledArray& x, const LabelledArray& y, const RunOutput& y_file) {
    return std::any_of(x.dims.begin(), x.dims.end(), [&](const std::string& d) {
      return !contains(y.dims, d) && find_dimension(y_file, d);
    });
  };
  if (over_less(a, b, other.run) || over_less(b, a, reference.run)) {
    throw InputError(
        fmt::format("{} and {} cannot be compared: dataset \"{}\" is over {} in one and {} in the other",
                    reference.file, other.file, a.name, fmt::join(a.dims, ", "), fmt::join(b.dims, ", ")));
  }
}

// The averaged axes of `x` (in `x_file`) with the labels the other file also has: an unweighted mean is
// taken over the labels both files have.
Included shared_labels(const LabelledArray& x, const RunOutput& x_file, const RunOutput& y_file,
                       const Layout& layout) {
  Included out;
  for (const auto& d : layout.averaged) {
    const Dimension* y = find_dimension(y_file, d);
    if (!y || !contains(x.dims, d)) continue;
    const Dimension& own = x_file.dimension(d);
    std::vector<bool> shared(own.size());
    for (std::size_t i = 0; i < own.size(); ++i) shared[i] = index_of(*y, label_at(own, i)).has_value();
    if (std::find(shared.begin(), shared.end(), false) != shared.end()) out.emplace_back(x.axis(d), shared);
  }
  return out;
}

// A kept dimension that only one file has leaves the other file's dataset without rows to set beside its
// rows: the reason, or none when the rows can be set side by side.
std::optional<std::string> unmatched_rows(const NamedRun& reference, const NamedRun& other,
                                          const LabelledArray& a, const LabelledArray& b,
                                          const Layout& layout) {
  for (const auto& d : layout.kept) {
    if (contains(a.dims, d) && contains(b.dims, d)) continue;
    return fmt::format("{} is kept by \"{}\", a dimension only {} has: skipped", a.name, d,
                       contains(a.dims, d) ? reference.file : other.file);
  }
  return std::nullopt;
}

IndicatorComparison compare_indicator(const NamedRun& reference, const NamedRun& other,
                                      const LabelledArray& a, const LabelledArray& b, const Layout& layout,
                                      IntervalMethod method, const Periods& periods) {
  const FileAggregate in_a =
      aggregate(reference, a, layout, periods, shared_labels(a, reference.run, other.run, layout));
  const FileAggregate in_b =
      aggregate(other, b, layout, periods, shared_labels(b, other.run, reference.run, layout));

  IndicatorComparison out{a.name, a.units, layout.kept, layout.averaged, {}, {}};
  std::vector<AlignedLabels> kept;
  for (const auto& d : layout.kept) {
    kept.push_back(align(reference.run.dimension(d), other.run.dimension(d)));
    if (layout.averages) add_one_sided(d, kept.back(), out.left_out);
  }
  if (layout.averages) {
    for (const auto& d : layout.averaged) {
      if (!contains(a.dims, d) || !contains(b.dims, d)) continue;
      add_one_sided(d, align(reference.run.dimension(d), other.run.dimension(d)), out.left_out);
    }
  }
  std::size_t combinations = 1;
  for (const auto& k : kept) combinations *= k.labels.size();
  std::vector<double> xa(in_a.values.replications), xb(in_b.values.replications);
  for (std::size_t combination = 0; combination < combinations; ++combination) {
    // The labels of this row, the last kept dimension turning fastest, and the row's key in either file
    // (none where the file lacks one of the labels).
    std::vector<std::string> labels(kept.size());
    std::optional<std::size_t> key_a = 0, key_b = 0;
    std::size_t rest = combination;
    for (std::size_t k = kept.size(); k-- > 0;) {
      const std::size_t i = rest % kept[k].labels.size();
      rest /= kept[k].labels.size();
      labels[k] = kept[k].labels[i];
      if (key_a && kept[k].in_reference[i]) {
        *key_a += *kept[k].in_reference[i] * in_a.stride[k];
      } else {
        key_a.reset();
      }
      if (key_b && kept[k].in_other[i]) {
        *key_b += *kept[k].in_other[i] * in_b.stride[k];
      } else {
        key_b.reset();
      }
    }
    // A label only one file has is 0 in the other where values add up; an average has no 0 for it.
    if (layout.averages && (!key_a || !key_b)) continue;
    for (std::size_t p = 0; p < periods.labels.size(); ++p) {
      for (std::size_t r = 0; r < xa.size(); ++r) xa[r] = key_a ? in_a.values.at(r, p, *key_a) : 0.0;
      for (std::size_t r = 0; r < xb.size(); ++r) xb[r] = key_b ? in_b.values.at(r, p, *key_b) : 0.0;
      CompareRow row;
      row.period = periods.labels[p];
      row.labels = labels;
      if (method == IntervalMethod::paired && xa.size() == xb.size()) {
        paired(xa, xb, row);
      } else {
        welch(xa, xb, row);
      }
      row.relative_percent = row.reference == 0 ? kNaN : 100.0 * row.difference / row.reference;
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

std::vector<OneSided> one_sided_labels(const NamedRun& reference, const NamedRun& other) {
  std::vector<OneSided> out;
  for (const auto& d : reference.run.dimensions) {
    if (d.name == "replication" || d.name == "month") continue;
    if (const Dimension* o = find_dimension(other.run, d.name)) add_one_sided(d.name, align(d, *o), out);
  }
  return out;
}

// The dimensions a dataset of `x` is summed over that the other file does not have, e.g. capacity pools a
// scenario adds, once each in `summed`.
void add_own_dimensions(const LabelledArray& x, const LabelledArray& y, std::vector<std::string>& summed) {
  for (const auto& d : x.dims) {
    if (!contains(y.dims, d) && !contains(summed, d)) summed.push_back(d);
  }
}

Comparison compare_pair(const NamedRun& reference, const NamedRun& other, const CompareOptions& options,
                        const Periods& periods) {
  Comparison c;
  c.file = facts_of(other);
  choose_method(facts_of(reference), c.file, c);
  const std::size_t ra = reference.run.dimension("replication").size();
  const std::size_t rb = other.run.dimension("replication").size();
  if (ra < 2 || rb < 2) {
    c.notes.push_back(fmt::format(
        "{} has a single replication, so the differences have no interval: run both scenarios with more "
        "replications (e.g. --replications 10)",
        ra < 2 ? reference.file : other.file));
  }
  if (reference.run.provenance.scale != other.run.provenance.scale) {
    c.notes.push_back(fmt::format(
        "the scales differ ({} in {}, {} in {}): person counts and money scale with --scale, so these "
        "differences mix the scale with the scenario",
        reference.run.provenance.scale, reference.file, other.run.provenance.scale, other.file));
  }
  c.one_sided = one_sided_labels(reference, other);

  std::vector<std::string> summed_own;  // dimensions only one file has, summed over in that file
  std::vector<std::string> names =
      options.indicators.empty() ? indicator_names(reference.run) : options.indicators;
  if (options.indicators.empty()) {
    for (const auto& name : indicator_names(other.run)) {
      if (!contains(names, name)) names.push_back(name);
    }
  }
  for (const auto& name : names) {
    const LabelledArray* a = find_indicator(reference.run, name);
    const LabelledArray* b = find_indicator(other.run, name);
    if (!a || !b) {
      c.notes.push_back(fmt::format("{} is not in {}: skipped", name, a ? other.file : reference.file));
      if (a || b)
        c.one_sided.push_back({std::nullopt, name, a ? CompareSide::reference : CompareSide::compared});
      continue;
    }
    check_same_dims(reference, other, *a, *b);
    const Layout layout = layout_of(*a, *b, options.by);
    if (const auto why = unmatched_rows(reference, other, *a, *b, layout)) {
      c.notes.push_back(*why);
      continue;
    }
    c.indicators.push_back(compare_indicator(reference, other, *a, *b, layout, c.method, periods));
    add_own_dimensions(*a, *b, summed_own);
    add_own_dimensions(*b, *a, summed_own);
  }
  for (const auto& d : summed_own) {
    c.notes.push_back(
        fmt::format("dimension \"{}\" is only in {}: the datasets over it are summed over it there", d,
                    find_dimension(reference.run, d) ? reference.file : other.file));
  }
  return c;
}

}  // namespace

bool is_averaged_unit(const std::string& units) {
  return units == "percent" || units == "weeks";
}

CompareResult compare(const NamedRun& reference, const std::vector<NamedRun>& others,
                      const CompareOptions& options) {
  check_result_file(reference);
  for (const auto& other : others) {
    check_result_file(other);
    check_months(reference, other);
  }
  check_options(reference, others, options);

  CompareResult result;
  result.reference = facts_of(reference);
  result.period = options.period;
  const Periods periods = periods_of(reference.run.dimension("month").labels, options.period);
  for (const auto& other : others)
    result.comparisons.push_back(compare_pair(reference, other, options, periods));
  return result;
}

}  // namespace labsim::results
