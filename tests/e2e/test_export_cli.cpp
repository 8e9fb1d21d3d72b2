// End-to-end runs of `labsim export` (a dataset of a run or trial file as a tidy CSV) and `labsim graph` (the
// state graph as DOT, with a run's flows), and of their bad input.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/csv_table.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/state_graph.hpp"
#include "models/scenario/state_graph_dot.hpp"
#include "results/file/h5_reader.hpp"
#include "run_labsim.hpp"

using labsim::testing::lines;
using labsim::testing::run_labsim;
using labsim::testing::slurp;
using labsim::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kActivation = "tests/data/scenarios/activation.toml";

// A small run of the activation fixture (two jobcentres, one named "Nord, Syd"; cohorts; a benefit limit).
fs::path run_activation(const TempDir& dir) {
  const fs::path file = dir.path() / "run.h5";
  const auto r = run_labsim("run " + kActivation + " -r 2 -q -o " + file.string(), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return file;
}

std::set<std::string> entries(const TempDir& dir) {
  std::set<std::string> names;
  for (const auto& e : dir.entries()) names.insert(e);
  return names;
}

// Every row of the CSV holds, in file order, the labels of its cell and the array's value there.
void check_tidy(const std::string& csv, const fs::path& file, const std::string& name) {
  const auto run = labsim::results::read_result_file(file);
  const auto& array = run.array(name);
  const auto table = labsim::models::CsvTable::parse(csv, name + ".csv");
  std::vector<std::string> header = array.dims;
  header.push_back(name);
  REQUIRE(table.columns() == header);
  REQUIRE(table.row_count() == array.values.size());
  std::vector<std::size_t> index(array.dims.size(), 0);
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    for (std::size_t axis = 0; axis < index.size(); ++axis) {
      const auto& d = run.dimension(array.dims[axis]);
      if (d.labels.empty()) {
        CHECK(table.number(row, axis) == d.values[index[axis]]);
      } else {
        CHECK(table.text(row, axis) == d.labels[index[axis]]);
      }
    }
    const double value = array.values[row];
    if (std::isnan(value)) {
      CHECK(table.text(row, index.size()).empty());
    } else {
      CHECK(table.number(row, index.size()) == value);
    }
    for (std::size_t axis = index.size(); axis-- > 0;) {
      if (++index[axis] < run.dimension(array.dims[axis]).size()) break;
      index[axis] = 0;
    }
  }
}

}  // namespace

TEST_CASE("labsim export: a run's dataset as a tidy CSV, to a file or to standard output", "[e2e][export]") {
  TempDir dir;
  const fs::path run = run_activation(dir);
  for (const std::string name :
       {"stock_mean", "flows", "completed_spells_mean", "timeliness_first_interview"}) {
    INFO(name);
    const fs::path csv = dir.path() / (name + ".csv");
    const auto to_file =
        run_labsim("export " + run.string() + " --dataset " + name + " --csv " + csv.string(), dir);
    INFO(to_file.err);
    REQUIRE(to_file.exit_code == 0);
    CHECK(to_file.out.empty());
    CHECK(to_file.err.empty());
    const std::string written = slurp(csv);
    check_tidy(written, run, name);
    const auto to_stdout = run_labsim("export " + run.string() + " --dataset " + name + " --csv -", dir);
    REQUIRE(to_stdout.exit_code == 0);
    CHECK(to_stdout.out == written);
    CHECK(run_labsim("export " + run.string() + " --dataset " + name, dir).out == written);
  }
  // The jobcentre with a comma in its name is quoted; NaN timeliness cells are empty.
  CHECK(slurp(dir.path() / "stock_mean.csv").find(",\"Nord, Syd\",") != std::string::npos);
  const std::set<std::string> expected = {"run.h5",
                                          "stdout.txt",
                                          "stderr.txt",
                                          "stock_mean.csv",
                                          "flows.csv",
                                          "completed_spells_mean.csv",
                                          "timeliness_first_interview.csv"};
  CHECK(entries(dir) == expected);  // no temporary file left
}

TEST_CASE("labsim export: a dimension is one column, and --list names every dataset", "[e2e][export]") {
  TempDir dir;
  const fs::path run = run_activation(dir);
  const auto file = labsim::results::read_result_file(run);

  const auto month = run_labsim("export " + run.string() + " --dataset month", dir);
  REQUIRE(month.exit_code == 0);
  std::string expected = "month\n";
  for (const auto& label : file.dimension("month").labels) expected += label + "\n";
  CHECK(month.out == expected);

  const auto list = run_labsim("export " + run.string() + " --list", dir);
  REQUIRE(list.exit_code == 0);
  CHECK(lines(list.out) == static_cast<int>(file.arrays.size() + file.dimensions.size()));
  std::istringstream rows(list.out);
  std::string row;
  for (const auto& array : file.arrays) {
    REQUIRE(std::getline(rows, row));
    CHECK(row.starts_with(array.name + " "));
    CHECK(row.ends_with(array.units));
  }
  for (const auto& dimension : file.dimensions) {
    REQUIRE(std::getline(rows, row));
    CHECK(row.starts_with(dimension.name + " "));
    CHECK(row.ends_with("(dimension)"));
  }
}

TEST_CASE("labsim export: a trial file's Kaplan-Meier curves, by analysis, arm and week", "[e2e][export]") {
  TempDir dir;
  const fs::path trial = dir.path() / "trial.h5";
  const auto made = run_labsim(
      "trial scenarios/trials/sick_leave_intensive.toml --scale 0.1 -r 2 -q -o " + trial.string(), dir);
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  const auto r = run_labsim("export " + trial.string() + " --dataset km_not_self_sufficient --csv -", dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("analysis,arm,week,km_not_self_sufficient\n"));
  check_tidy(r.out, trial, "km_not_self_sufficient");
}

TEST_CASE("labsim export: bad input is one line naming the file and dataset, exit code 2, no output",
          "[e2e][export]") {
  TempDir dir;
  const fs::path run = run_activation(dir);
  const fs::path text = dir.path() / "notes.h5";
  std::ofstream(text) << "not HDF5\n";
  const std::string csv = " --csv " + (dir.path() / "out.csv").string();
  const auto check_error = [&](const std::string& args, const std::string& message) {
    const auto r = run_labsim("export " + args + csv, dir);
    INFO(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "labsim: error: " + message + "\n");
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(dir.path() / "out.csv"));
  };
  check_error("nowhere.h5 --dataset stock", "cannot export \"stock\": nowhere.h5: no such file");
  check_error(text.string() + " --dataset stock",
              "cannot export \"stock\": " + text.string() + ": not an HDF5 file");
  check_error(run.string() + " --dataset stok",
              run.string() + ": no dataset \"stok\" (did you mean 'stock'?)");
  check_error(run.string() + " --dataset labour_reserve_men",
              run.string() + ": no dataset \"labour_reserve_men\" (did you mean 'labour_reserve_mean'?)");

  // Far from every name, or no name at all: the datasets in the file, summaries folded.
  for (const std::string& args : {run.string() + " --dataset xyz", run.string()}) {
    const auto r = run_labsim("export " + args + csv, dir);
    INFO(args);
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.starts_with("labsim: error: " + run.string() + ": "));
    CHECK(r.err.find("stock*, persons_at_month_start*,") != std::string::npos);
    CHECK(r.err.find("(* also as NAME_mean, NAME_low95 and NAME_high95); dimensions: replication, month,") !=
          std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.path() / "out.csv"));

  const auto no_folder = run_labsim(
      "export " + run.string() + " --dataset stock --csv " + (dir.path() / "no/x.csv").string(), dir);
  CHECK(no_folder.exit_code == 2);
  CHECK(no_folder.err == "labsim: error: cannot export \"stock\" of " + run.string() + ": --csv " +
                             (dir.path() / "no/x.csv").string() + ": folder '" +
                             (dir.path() / "no").string() + "' does not exist\n");
}

TEST_CASE("labsim graph: DOT of the scenario's states and moves, to standard output or a file",
          "[e2e][graph]") {
  TempDir dir;
  const auto r = run_labsim("graph " + kActivation, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("digraph G {\n"));
  CHECK(r.out.ends_with("}\n"));
  const auto scenario = labsim::models::load_scenario(std::string(LABSIM_SOURCE_DIR) + "/" + kActivation);
  for (const auto& state : scenario.states)
    CHECK(r.out.find("\n" + state.name + "[label=") != std::string::npos);
  CHECK(r.out.find("[style=dashed, label=\"benefit limit\"]") != std::string::npos);
  CHECK(r.out.find("persons/month") == std::string::npos);

  const fs::path dot = dir.path() / "states.dot";
  const auto to_file = run_labsim("graph " + kActivation + " -o " + dot.string(), dir);
  REQUIRE(to_file.exit_code == 0);
  CHECK(to_file.out.empty());
  CHECK(slurp(dot) == r.out);
  CHECK(run_labsim("graph " + kActivation + " -o -", dir).out == r.out);

  // --set changes the scenario drawn.
  const auto set = run_labsim("graph " + kActivation + " --set states.cash.label=ydelse", dir);
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find("cash[label=\"ydelse\\ncash\"") != std::string::npos);
}

TEST_CASE("labsim graph --flows: each pair's mean monthly flow in the region labels its first edge",
          "[e2e][graph]") {
  TempDir dir;
  const fs::path run = run_activation(dir);
  const auto r = run_labsim("graph " + kActivation + " --flows " + run.string(), dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  INFO(r.out);

  // The expected flows, from the result file: flows_mean summed over jobcentres, averaged over months.
  const auto file = labsim::results::read_result_file(run);
  const auto& flows = file.array("flows_mean");
  const auto& states = file.dimension("state").labels;
  const std::size_t n = states.size(), months = file.dimension("month").size(),
                    jobcentres = file.dimension("jobcentre").size();
  std::map<std::pair<std::string, std::string>, double> mean;
  for (std::size_t i = 0; i < flows.values.size(); ++i)
    mean[{states[i / n % n], states[i % n]}] += flows.values[i] / static_cast<double>(months);
  REQUIRE(flows.values.size() == months * jobcentres * n * n);

  const auto scenario = labsim::models::load_scenario(std::string(LABSIM_SOURCE_DIR) + "/" + kActivation);
  const auto graph = labsim::models::build_state_graph(scenario);
  std::set<std::pair<std::string, std::string>> pairs;
  int labelled = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(graph))) {
    const std::pair<std::string, std::string> pair = {graph[boost::source(e, graph)].name,
                                                      graph[boost::target(e, graph)].name};
    if (!pairs.insert(pair).second) continue;
    const std::string line_start = "\n" + pair.first + "->" + pair.second + " ";
    const auto at = r.out.find(line_start);
    REQUIRE(at != std::string::npos);
    const std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    INFO(line);
    CHECK(line.find(labsim::models::flow_text(mean.at(pair)) + " persons/month") != std::string::npos);
    labelled += mean.at(pair) > 0;
  }
  CHECK(labelled > 0);
  CHECK(r.out.find("mean per month 2020-01 to 2020-12, whole region, " + run.string()) != std::string::npos);
}

TEST_CASE("labsim graph: bad input is one line, exit code 2, no output", "[e2e][graph]") {
  TempDir dir;
  const fs::path tiny = dir.path() / "tiny.h5";
  REQUIRE(run_labsim("run tests/data/scenarios/tiny.toml -r 1 -q -o " + tiny.string(), dir).exit_code == 0);
  const fs::path dot = dir.path() / "g.dot";
  const auto check_error = [&](const std::string& args, const std::string& message) {
    const auto r = run_labsim("graph " + args + " -o " + dot.string(), dir);
    INFO(args);
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err == "labsim: error: " + message + "\n");
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(dot));
  };
  check_error(kActivation + " --flows " + tiny.string(),
              "--flows " + tiny.string() +
                  ": its state labels (unemployed, employed, sick) are not the states of " + kActivation +
                  " (unemployed, employed, sick, cash, flex_job); pass a result of `labsim run` of the " +
                  "scenario");
  check_error(kActivation + " --flows nowhere.h5", "--flows nowhere.h5: no such file");

  const fs::path trial = dir.path() / "trial.h5";
  REQUIRE(
      run_labsim("trial scenarios/trials/sick_leave_intensive.toml --scale 0.1 -r 1 -q -o " + trial.string(),
                 dir)
          .exit_code == 0);
  check_error("scenarios/trials/sick_leave_intensive.toml --flows " + trial.string(),
              "--flows " + trial.string() +
                  ": no dataset \"flows_mean\"; pass a result of `labsim run` of the scenario");

  const auto missing = run_labsim("graph nowhere.toml -o " + dot.string(), dir);
  CHECK(missing.exit_code == 2);
  CHECK(lines(missing.err) == 1);
  CHECK(missing.err.find("nowhere.toml") != std::string::npos);
  CHECK_FALSE(fs::exists(dot));

  const auto no_folder =
      run_labsim("graph " + kActivation + " -o " + (dir.path() / "no/g.dot").string(), dir);
  CHECK(no_folder.exit_code == 2);
  CHECK(no_folder.err == "labsim: error: -o " + (dir.path() / "no/g.dot").string() + ": folder '" +
                             (dir.path() / "no").string() + "' does not exist\n");
}
