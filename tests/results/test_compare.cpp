// Tests of `labsim compare`'s computation: periods, sums and unweighted means, paired and Welch intervals
// checked against their formulas, files aligned by label, and the checks that files can be compared.
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "builders.hpp"
#include "results/stats/compare.hpp"
#include "results/text/compare_format.hpp"
#include "sim/input_error.hpp"

using namespace labsim::results;
using labsim::testing::array;
using labsim::testing::labelled;
using labsim::testing::numeric;

namespace {

const std::vector<std::string> kMonths = {"2011-11-01", "2011-12-01", "2012-01-01"};
const std::vector<std::string> kJobcentres = {"Aalborg", "Morsø"};

// A known value for every (replication, month, jobcentre); `shift` and `wobble` make the second file differ
// by a different amount in each replication.
double cell(std::size_t r, std::size_t m, std::size_t j, double shift, double wobble) {
  return 100.0 + 40.0 * static_cast<double>(j) + 3.0 * static_cast<double>(m) +
         0.5 * static_cast<double>(r * r) + shift + wobble * static_cast<double>((r * 7 + j * 3 + m) % 5);
}

NamedRun run(const std::string& file, std::size_t replications, std::uint64_t seed, double shift,
             double wobble) {
  RunOutput out;
  std::vector<double> reps;
  for (std::size_t r = 0; r < replications; ++r) reps.push_back(static_cast<double>(r));
  out.dimensions = {numeric("replication", reps), labelled("month", kMonths),
                    labelled("jobcentre", kJobcentres), labelled("state", {"insured", "cash"})};
  std::vector<double> stock;
  for (std::size_t r = 0; r < replications; ++r) {
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
      for (std::size_t j = 0; j < kJobcentres.size(); ++j) stock.push_back(cell(r, m, j, shift, wobble));
    }
  }
  out.arrays = {array(
      "stock", {{"replication", replications}, {"month", kMonths.size()}, {"jobcentre", kJobcentres.size()}},
      stock, "full-time persons")};
  out.provenance.seed = seed;
  out.provenance.replications = static_cast<int>(replications);
  out.provenance.scale = 1.0;
  out.extra_attributes["title"] = file;
  return {file, out};
}

// The region's 2011 value of one replication, as the README defines it: the sum over jobcentres of each
// month, then the mean of November and December.
double region_2011(std::size_t r, double shift, double wobble) {
  double sum = 0;
  for (std::size_t m = 0; m < 2; ++m) {
    for (std::size_t j = 0; j < kJobcentres.size(); ++j) sum += cell(r, m, j, shift, wobble);
  }
  return sum / 2.0;
}

double mean_of(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double variance_of(const std::vector<double>& x) {
  const double m = mean_of(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return s / static_cast<double>(x.size() - 1);
}

double t975(double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

const CompareRow& row_for(const IndicatorComparison& ind, const std::string& period) {
  for (const auto& r : ind.rows) {
    if (r.period == period) return r;
  }
  FAIL("no row for " << period);
  throw;
}

}  // namespace

TEST_CASE("compare: same seed, replications and scale give the paired t interval", "[results]") {
  const std::size_t R = 5;
  const auto a = run("a.h5", R, 2011, 0.0, 0.0);
  const auto b = run("b.h5", R, 2011, 7.0, 1.3);
  const auto result = compare(a, {b}, {});
  REQUIRE(result.comparisons.size() == 1);
  const auto& c = result.comparisons[0];
  CHECK(c.method == IntervalMethod::paired);
  CHECK(c.method_reason.find("same seed 2011, 5 replications, scale 1 -> paired differences") !=
        std::string::npos);
  REQUIRE(c.indicators.size() == 1);
  const auto& ind = c.indicators[0];
  CHECK(ind.kept_dims.empty());
  REQUIRE(ind.rows.size() == 2);  // 2011 and 2012

  std::vector<double> xa, xb, d;
  for (std::size_t r = 0; r < R; ++r) {
    xa.push_back(region_2011(r, 0.0, 0.0));
    xb.push_back(region_2011(r, 7.0, 1.3));
    d.push_back(xb.back() - xa.back());
  }
  const double half = t975(R - 1.0) * std::sqrt(variance_of(d)) / std::sqrt(static_cast<double>(R));
  REQUIRE(half > 0);
  const auto& row = row_for(ind, "2011");
  CHECK(row.reference == Approx(mean_of(xa)));
  CHECK(row.value == Approx(mean_of(xb)));
  CHECK(row.difference == Approx(mean_of(d)));
  CHECK(row.ci_low == Approx(mean_of(d) - half));
  CHECK(row.ci_high == Approx(mean_of(d) + half));
  CHECK(row.relative_percent == Approx(100.0 * mean_of(d) / mean_of(xa)));
}

TEST_CASE("compare: different seeds or replications give Welch's interval", "[results]") {
  const auto a = run("a.h5", 6, 2011, 0.0, 2.0);
  const auto b = run("b.h5", 4, 99, 7.0, 5.0);
  const auto result = compare(a, {b}, {});
  const auto& c = result.comparisons[0];
  CHECK(c.method == IntervalMethod::welch);
  CHECK(c.method_reason.find("seeds 2011 and 99, replications 6 and 4 differ") != std::string::npos);

  std::vector<double> xa, xb;
  for (std::size_t r = 0; r < 6; ++r) xa.push_back(region_2011(r, 0.0, 2.0));
  for (std::size_t r = 0; r < 4; ++r) xb.push_back(region_2011(r, 7.0, 5.0));
  const double va = variance_of(xa) / 6.0, vb = variance_of(xb) / 4.0;
  const double df = (va + vb) * (va + vb) / (va * va / 5.0 + vb * vb / 3.0);
  const double half = t975(df) * std::sqrt(va + vb);
  const double diff = mean_of(xb) - mean_of(xa);
  const auto& row = row_for(c.indicators[0], "2011");
  CHECK(row.difference == Approx(diff));
  CHECK(row.ci_low == Approx(diff - half));
  CHECK(row.ci_high == Approx(diff + half));
  // The paired interval of the same numbers would be another one: the test tells the two apart.
  CHECK(df != Approx(5.0));
}

TEST_CASE("compare: a file against itself differs by exactly zero with a zero-width interval", "[results]") {
  const auto a = run("a.h5", 4, 2011, 0.0, 1.0);
  CompareOptions options;
  options.period = ComparePeriod::month;
  options.by = {"jobcentre"};
  const auto result = compare(a, {a}, options);
  const auto& rows = result.comparisons[0].indicators[0].rows;
  CHECK(rows.size() == kMonths.size() * kJobcentres.size());
  for (const auto& r : rows) {
    CHECK(r.difference == 0.0);
    CHECK(r.ci_low == 0.0);
    CHECK(r.ci_high == 0.0);
  }
}

TEST_CASE("compare: --by keeps a dimension as rows and periods average months", "[results]") {
  const auto a = run("a.h5", 2, 1, 0.0, 0.0);
  CompareOptions options;
  options.by = {"jobcentre"};
  options.period = ComparePeriod::all;
  const auto result = compare(a, {run("b.h5", 2, 1, 0.0, 0.0)}, options);
  const auto& ind = result.comparisons[0].indicators[0];
  CHECK(ind.kept_dims == std::vector<std::string>{"jobcentre"});
  REQUIRE(ind.rows.size() == 2);
  CHECK(ind.rows[1].labels == std::vector<std::string>{"Morsø"});
  CHECK(ind.rows[1].period == "2011-11 to 2012-01");
  // Morsø, replications 0 and 1: (140 + 143 + 146) / 3 + 0.5 * (0 + 1) / 2
  CHECK(ind.rows[1].reference == Approx(143.25));
}

TEST_CASE("compare: percent is averaged over jobcentres without weights, skipping NaN", "[results]") {
  auto a = run("a.h5", 2, 1, 0.0, 0.0);
  const double nan = std::nan("");
  // [replication][month][jobcentre][state]; Morsø has nobody to measure in the first month.
  std::vector<double> share;
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t m = 0; m < 3; ++m) {
      share.insert(share.end(), {50.0 + r, 10.0, m == 0 ? nan : 70.0, 30.0});
    }
  }
  a.run.arrays.push_back(array(
      "kept_in_jobs", {{"replication", 2}, {"month", 3}, {"jobcentre", 2}, {"state", 2}}, share, "percent"));
  CompareOptions options;
  options.indicators = {"kept_in_jobs"};
  options.period = ComparePeriod::month;
  const auto result = compare(a, {a}, options);
  const auto& ind = result.comparisons[0].indicators[0];
  CHECK(ind.kept_dims == std::vector<std::string>{"state"});
  CHECK(ind.averaged_dims == std::vector<std::string>{"jobcentre"});
  REQUIRE(ind.rows.size() == 6);  // 2 states x 3 months, state outer
  CHECK(ind.rows[0].labels == std::vector<std::string>{"insured"});
  CHECK(ind.rows[0].reference == Approx(50.5));               // Aalborg alone: Morsø is NaN
  CHECK(ind.rows[1].reference == Approx((50.5 + 70.0) / 2));  // both jobcentres count the same
  CHECK(ind.rows[3].reference == Approx(20.0));
}

TEST_CASE("compare: a single replication gives no interval and says why", "[results]") {
  const auto result = compare(run("a.h5", 1, 1, 0.0, 0.0), {run("b.h5", 1, 1, 2.0, 0.0)}, {});
  const auto& c = result.comparisons[0];
  CHECK(std::isnan(c.indicators[0].rows[0].ci_low));
  CHECK(c.indicators[0].rows[0].difference == Approx(4.0));  // 2 per jobcentre
  REQUIRE(c.notes.size() == 1);
  CHECK(c.notes[0].find("more replications") != std::string::npos);
}

TEST_CASE("compare: an indicator missing from one file is skipped with a note", "[results]") {
  auto a = run("a.h5", 2, 1, 0.0, 0.0);
  a.run.arrays.push_back(a.run.arrays[0]);
  a.run.arrays.back().name = "inflow";
  const auto result = compare(a, {run("b.h5", 2, 1, 0.0, 0.0)}, {});
  const auto& c = result.comparisons[0];
  REQUIRE(c.indicators.size() == 1);
  CHECK(c.indicators[0].indicator == "stock");
  CHECK(c.notes == std::vector<std::string>{"inflow is not in b.h5: skipped"});
  CHECK(c.one_sided == std::vector<OneSided>{{std::nullopt, "inflow", CompareSide::reference}});
  const auto json = compare_json(result);
  const auto& listed = json["comparisons"][0]["only_in_one"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["indicator"] == "inflow");
  CHECK(listed[0]["file"] == "a.h5");
}

TEST_CASE("compare: files whose months differ are refused, naming both files and the dimension",
          "[results]") {
  const auto a = run("a.h5", 2, 1, 0.0, 0.0);
  auto b = run("b.h5", 2, 1, 0.0, 0.0);
  b.run.dimensions[1].labels[0] = "2011-10-01";
  CHECK_THROWS_MATCHES(
      compare(a, {b}, {}), labsim::sim::InputError,
      Catch::Message("a.h5 and b.h5 cannot be compared: dimension \"month\" differs (label 1 "
                     "is \"2011-11-01\" in a.h5 and \"2011-10-01\" in b.h5)"));
  auto c = run("c.h5", 2, 1, 0.0, 0.0);
  c.run.dimensions[1].labels.pop_back();
  CHECK_THROWS_MATCHES(
      compare(a, {c}, {}), labsim::sim::InputError,
      Catch::Message("a.h5 and c.h5 cannot be compared: dimension \"month\" differs (3 labels in "
                     "a.h5, 2 in c.h5)"));
}

namespace {

// A file with offer_starts over [replication, month, offer]: base[offer] + per_replication * r + m.
NamedRun offer_run(const std::string& file, const std::vector<std::pair<std::string, double>>& base,
                   double per_replication, const std::string& units = "persons") {
  RunOutput out;
  std::vector<std::string> offers;
  for (const auto& [offer, value] : base) offers.push_back(offer);
  out.dimensions = {numeric("replication", {0, 1}), labelled("month", kMonths), labelled("offer", offers)};
  std::vector<double> values;
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
      for (const auto& [offer, value] : base) {
        values.push_back(value + per_replication * static_cast<double>(r) + static_cast<double>(m));
      }
    }
  }
  out.arrays = {array("offer_starts",
                      {{"replication", 2}, {"month", kMonths.size()}, {"offer", offers.size()}}, values,
                      units)};
  out.provenance.seed = 1;
  out.provenance.replications = 2;
  out.extra_attributes["title"] = file;
  return {file, out};
}

}  // namespace

TEST_CASE("compare: offers are matched by label, and one only the compared file has counts as 0 in the other",
          "[results]") {
  const auto a = offer_run("a.h5", {{"internship", 20}, {"mentor", 5}}, 1.0);
  // The shared offers in another order, and a new one.
  const auto b = offer_run("b.h5", {{"mentor", 4}, {"firm_centre", 7}, {"internship", 23}}, 2.0);
  CompareOptions options;
  options.period = ComparePeriod::all;

  SECTION("by offer: the reference's order, then the new offer; each row its own offer's numbers") {
    options.by = {"offer"};
    const auto result = compare(a, {b}, options);
    const auto& c = result.comparisons[0];
    REQUIRE(c.indicators.size() == 1);
    const auto& rows = c.indicators[0].rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].labels == std::vector<std::string>{"internship"});
    CHECK(rows[1].labels == std::vector<std::string>{"mentor"});
    CHECK(rows[2].labels == std::vector<std::string>{"firm_centre"});
    // internship: a = 20 + r + m, b = 23 + 2r + m; means over r = 0, 1 and m = 0, 1, 2: 21.5 and 25.
    CHECK(rows[0].reference == Approx(21.5));
    CHECK(rows[0].value == Approx(25.0));
    CHECK(rows[0].difference == Approx(3.5));
    // mentor: 6.5 and 6.
    CHECK(rows[1].difference == Approx(-0.5));
    // firm_centre: not in a, so 0 there; 7 + 1 + 1 in b.
    CHECK(rows[2].reference == 0.0);
    CHECK(rows[2].value == Approx(9.0));
    CHECK(rows[2].difference == Approx(9.0));
    CHECK(std::isnan(rows[2].relative_percent));
    CHECK(c.indicators[0].left_out.empty());
  }

  SECTION("summed over offers: each file's total over its own offers") {
    const auto result = compare(a, {b}, options);
    const auto& c = result.comparisons[0];
    const auto& row = c.indicators[0].rows.at(0);
    CHECK(row.labels.empty());
    // a: 25 + 2 * (0.5 + 1) = 28; b: 34 + 3 * (1 + 1) = 40, with firm_centre's 9.
    CHECK(row.reference == Approx(28.0));
    CHECK(row.value == Approx(40.0));
    CHECK(row.difference == Approx(12.0));
    // Paired: the totals differ by 10 in replication 0 and by 14 in replication 1.
    const double half = t975(1.0) * std::sqrt(8.0) / std::sqrt(2.0);
    CHECK(row.ci_low == Approx(12.0 - half));
    CHECK(row.ci_high == Approx(12.0 + half));

    const OneSided firm_centre{"offer", "firm_centre", CompareSide::compared};
    CHECK(c.one_sided == std::vector<OneSided>{firm_centre});
    CHECK(one_sided_notes(result, c) ==
          std::vector<std::string>{"offer firm_centre: only in b.h5 (counted as 0 in a.h5)"});
    const auto tables = compare_tables(result, TextFormat::table);
    CHECK(std::find(tables[0].notes.begin(), tables[0].notes.end(),
                    "offer firm_centre: only in b.h5 (counted as 0 in a.h5)") != tables[0].notes.end());
    const auto json = compare_json(result);
    const auto& listed = json["comparisons"][0]["only_in_one"];
    REQUIRE(listed.size() == 1);
    CHECK(listed[0]["dimension"] == "offer");
    CHECK(listed[0]["label"] == "firm_centre");
    CHECK(listed[0]["side"] == "compared");
    CHECK(listed[0]["file"] == "b.h5");
  }

  SECTION("against itself: nothing is one-sided, and the output has no such list") {
    const auto result = compare(a, {a}, options);
    CHECK(result.comparisons[0].one_sided.empty());
    CHECK_FALSE(compare_json(result)["comparisons"][0].contains("only_in_one"));
  }
}

TEST_CASE("compare: an averaged unit does not compare a label only one file has", "[results]") {
  SECTION("a kept offer") {
    const auto a = offer_run("a.h5", {{"internship", 20}, {"mentor", 5}}, 1.0, "percent");
    const auto b = offer_run("b.h5", {{"mentor", 4}, {"firm_centre", 7}, {"internship", 23}}, 2.0, "percent");
    CompareOptions options;
    options.period = ComparePeriod::all;
    const auto result = compare(a, {b}, options);
    const auto& c = result.comparisons[0];
    const auto& ind = c.indicators[0];
    CHECK(ind.kept_dims == std::vector<std::string>{"offer"});  // percent is not summed over offers
    REQUIRE(ind.rows.size() == 2);
    CHECK(ind.rows[0].labels == std::vector<std::string>{"internship"});
    CHECK(ind.rows[0].difference == Approx(3.5));
    CHECK(ind.rows[1].labels == std::vector<std::string>{"mentor"});
    CHECK(ind.left_out == std::vector<OneSided>{{"offer", "firm_centre", CompareSide::compared}});
    CHECK(left_out_notes(result, c, ind) ==
          std::vector<std::string>{
              "offer_starts: offer firm_centre: only in b.h5, not compared (percent does not "
              "add up, so a label that is not there is not 0)"});
  }

  SECTION("a jobcentre only one file has is left out of the mean over jobcentres") {
    const auto make = [](const std::string& file, const std::vector<std::string>& jobcentres,
                         const std::vector<double>& share) {
      RunOutput out;
      out.dimensions = {numeric("replication", {0, 1}), labelled("month", kMonths),
                        labelled("jobcentre", jobcentres)};
      std::vector<double> values;
      for (std::size_t cell = 0; cell < 2 * kMonths.size(); ++cell)
        values.insert(values.end(), share.begin(), share.end());
      out.arrays = {array("kept_in_jobs",
                          {{"replication", 2}, {"month", kMonths.size()}, {"jobcentre", jobcentres.size()}},
                          values, "percent")};
      out.provenance.replications = 2;
      return NamedRun{file, out};
    };
    const auto a = make("a.h5", {"Aalborg", "Morsø"}, {40, 60});
    const auto b = make("b.h5", {"Aalborg", "Thisted", "Morsø"}, {40, 10, 60});
    const auto result = compare(a, {b}, {});
    const auto& c = result.comparisons[0];
    const auto& ind = c.indicators[0];
    CHECK(ind.averaged_dims == std::vector<std::string>{"jobcentre"});
    // Both means over Aalborg and Morsø: 50; with Thisted, b's would be 36.7.
    CHECK(ind.rows.at(0).value == Approx(50.0));
    CHECK(ind.rows.at(0).difference == Approx(0.0));
    CHECK(ind.left_out == std::vector<OneSided>{{"jobcentre", "Thisted", CompareSide::compared}});
    CHECK(left_out_notes(result, c, ind) ==
          std::vector<std::string>{
              "kept_in_jobs: jobcentre Thisted: only in b.h5, left out of the mean over jobcentre"});
  }
}

TEST_CASE("compare: jobcentres only one file has are listed for each side, and totals sum each file's own",
          "[results]") {
  const auto a = run("a.h5", 2, 1, 0.0, 0.0);
  auto b = run("b.h5", 2, 1, 0.0, 0.0);
  b.run.dimensions[2].labels[1] = "Thisted";  // Morsø's numbers under another name
  const auto result = compare(a, {b}, {});
  const auto& c = result.comparisons[0];
  CHECK(c.one_sided == std::vector<OneSided>{{"jobcentre", "Morsø", CompareSide::reference},
                                             {"jobcentre", "Thisted", CompareSide::compared}});
  CHECK(one_sided_notes(result, c) ==
        std::vector<std::string>{"jobcentre Morsø: only in a.h5 (counted as 0 in b.h5)",
                                 "jobcentre Thisted: only in b.h5 (counted as 0 in a.h5)"});
  CHECK(c.indicators[0].rows[0].difference == 0.0);  // the same total over two jobcentres each

  CompareOptions by;
  by.by = {"jobcentre"};
  by.period = ComparePeriod::all;
  const auto rows = compare(a, {b}, by).comparisons[0].indicators[0].rows;
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].labels == std::vector<std::string>{"Morsø"});
  CHECK(rows[1].value == 0.0);
  CHECK(rows[2].labels == std::vector<std::string>{"Thisted"});
  CHECK(rows[2].reference == 0.0);
  CHECK(rows[2].value == Approx(rows[1].reference));
}

TEST_CASE("compare: a dimension only one file has is summed over there", "[results]") {
  const auto a = run("a.h5", 2, 1, 0.0, 0.0);
  auto b = run("b.h5", 2, 1, 0.0, 0.0);
  // b's stock split over two pools, a third and two thirds of each cell.
  b.run.dimensions.push_back(labelled("pool", {"team_a", "team_b"}));
  auto& stock = b.run.arrays[0];
  std::vector<double> split;
  for (const double v : stock.values) split.insert(split.end(), {v / 3.0, 2.0 * v / 3.0});
  stock = array("stock", {{"replication", 2}, {"month", 3}, {"jobcentre", 2}, {"pool", 2}}, split,
                "full-time persons");
  const auto result = compare(a, {b}, {});
  const auto& c = result.comparisons[0];
  REQUIRE(c.indicators.size() == 1);
  CHECK(c.indicators[0].rows[0].difference == Approx(0.0).margin(1e-9));
  CHECK(c.notes == std::vector<std::string>{
                       "dimension \"pool\" is only in b.h5: the datasets over it are summed over it there"});
  // A dataset that leaves out a dimension its file has measures something else.
  auto d = b;
  d.file = "d.h5";
  d.run.arrays[0] = array("stock", {{"replication", 2}, {"month", 3}, {"pool", 2}},
                          std::vector<double>(12, 1.0), "full-time persons");
  CHECK_THROWS_MATCHES(
      compare(b, {d}, {}), labsim::sim::InputError,
      Catch::Message("b.h5 and d.h5 cannot be compared: dataset \"stock\" is over replication, "
                     "month, jobcentre, pool in one and replication, month, pool in the other"));
}

TEST_CASE("compare: options naming nothing in the reference are refused", "[results]") {
  const auto a = run("a.h5", 2, 1, 0.0, 0.0);
  CompareOptions unknown;
  unknown.indicators = {"stokc"};
  CHECK_THROWS_MATCHES(compare(a, {a}, unknown), labsim::sim::InputError,
                       Catch::Message("--indicator stokc: a.h5 has no dataset \"stokc\" over replication and "
                                      "month (indicators: stock)"));
  CompareOptions by;
  by.by = {"region"};
  CHECK_THROWS_MATCHES(
      compare(a, {a}, by), labsim::sim::InputError,
      Catch::Message("--by region: a.h5 has no dimension \"region\" (dimensions: jobcentre, state)"));
}

TEST_CASE("compare_format: JSON holds the rows with NaN as null", "[results]") {
  const auto result = compare(run("a.h5", 1, 1, 0.0, 0.0), {run("b.h5", 1, 1, 2.0, 0.0)}, {});
  const auto json = compare_json(result);
  CHECK(json["reference"]["file"] == "a.h5");
  CHECK(json["reference"]["replications"] == 1);
  const auto& c = json["comparisons"][0];
  CHECK(c["file"] == "b.h5");
  CHECK(c["method"] == "paired");
  const auto& row = c["rows"][0];
  CHECK(row["indicator"] == "stock");
  CHECK(row["units"] == "full-time persons");
  CHECK(row["period"] == "2011");
  CHECK(row["difference"].get<double>() == Approx(4.0));
  CHECK(row["ci_low"].is_null());
  CHECK(row["ci_high"].is_null());
}

TEST_CASE("compare_format: tables show units, percentage points and the method", "[results]") {
  auto a = run("a.h5", 2, 2011, 0.0, 0.0);
  std::vector<double> share(2 * 3 * 2 * 2, 40.0);
  a.run.arrays.push_back(array(
      "kept_in_jobs", {{"replication", 2}, {"month", 3}, {"jobcentre", 2}, {"state", 2}}, share, "percent"));
  auto b = a;
  b.file = "b.h5";
  for (auto& v : b.run.arrays[1].values) v = 42.5;
  const auto tables = compare_tables(compare(a, {b}, {}), TextFormat::table);
  REQUIRE(tables.size() == 3);  // files, stock, kept_in_jobs
  CHECK(tables[0].rows[1][6].text == "paired (common random numbers)");
  const auto& kept = tables[2];
  CHECK(kept.rows[0][2].text == "40.0%");
  // Below 10, two decimals.
  CHECK(kept.rows[0][4].text == "+2.50 pp");
  CHECK(kept.rows[0][5].text == "2.50 to 2.50 pp");
  CHECK(kept.notes[0].find("(unweighted mean over jobcentres)") != std::string::npos);
  const auto& stock = tables[1];
  // 2011 in replication r: the mean of November (240 + r^2) and December (246 + r^2); over r = 0, 1: 243.5.
  CHECK(stock.rows[0][1].text == "244 full-time persons");
}
