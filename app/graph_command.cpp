// `labsim graph`: write a scenario's state graph as Graphviz DOT.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app/commands.hpp"
#include "app/output_file.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/state_graph_dot.hpp"
#include "results/file/h5_reader.hpp"
#include "sim/input_error.hpp"

namespace labsim::app {

namespace {

struct GraphArguments {
  std::string scenario;
  std::string output = "-";  // "-": standard output
  std::string flows;         // a result file of `labsim run`; empty: no flows
  std::vector<std::string> overrides;
};

const std::vector<std::string> kFlowDims = {"month", "jobcentre", "from_state", "to_state"};

// The months as YYYY-MM (the labels are the first day of each month).
std::string month_span(const results::Dimension& months) {
  if (months.labels.empty()) return "no months";
  return fmt::format("{} to {}", months.labels.front().substr(0, 7), months.labels.back().substr(0, 7));
}

// flows_mean of a run of this scenario, summed over jobcentres and averaged over months (NaN skipped).
models::StateFlows region_flows(const std::string& file, const models::Scenario& scenario) {
  results::RunOutput out;
  try {
    out = results::read_result_file(file);
  } catch (const std::runtime_error& e) {
    throw sim::InputError(fmt::format("--flows {}", e.what()));
  }
  const auto fail = [&file](const std::string& why) {
    throw sim::InputError(
        fmt::format("--flows {}: {}; pass a result of `labsim run` of the scenario", file, why));
  };
  const auto array = std::find_if(out.arrays.begin(), out.arrays.end(),
                                  [](const results::LabelledArray& a) { return a.name == "flows_mean"; });
  if (array == out.arrays.end()) fail("no dataset \"flows_mean\"");
  if (array->dims != kFlowDims) {
    fail(fmt::format("\"flows_mean\" has dimensions [{}], not [{}]", fmt::join(array->dims, ", "),
                     fmt::join(kFlowDims, ", ")));
  }
  std::vector<std::string> states;
  for (const auto& state : scenario.states) states.push_back(state.name);
  for (const char* name : {"state", "from_state", "to_state"}) {
    const auto dimension = std::find_if(out.dimensions.begin(), out.dimensions.end(),
                                        [name](const results::Dimension& d) { return d.name == name; });
    if (dimension == out.dimensions.end()) fail(fmt::format("no dimension \"{}\"", name));
    if (dimension->labels != states) {
      fail(fmt::format("its {} labels ({}) are not the states of {} ({})", name,
                       fmt::join(dimension->labels, ", "), scenario.path, fmt::join(states, ", ")));
    }
  }
  const results::Dimension& months = out.dimension("month");
  const results::AxesView<4> mean_flows(*array, {"month", "jobcentre", "from_state", "to_state"});
  const std::size_t n = states.size(), jobcentres = mean_flows.extent(1);
  models::StateFlows flows;
  flows.persons_per_month.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t m = 0; m < months.size(); ++m) {
    for (std::size_t j = 0; j < jobcentres; ++j) {
      for (std::size_t from = 0; from < n; ++from) {
        for (std::size_t to = 0; to < n; ++to) {
          const double value = mean_flows(m, j, from, to);
          if (!std::isnan(value))
            flows.persons_per_month[from][to] += value / static_cast<double>(months.size());
        }
      }
    }
  }
  flows.source =
      fmt::format("mean per month {}, whole region, {}{}", month_span(months), file,
                  out.provenance.scale == 1.0 ? "" : fmt::format(" (at scale {})", out.provenance.scale));
  return flows;
}

int graph_command(const GraphArguments& args) {
  const models::Scenario scenario = models::load_scenario(args.scenario, args.overrides);
  std::optional<std::filesystem::path> output;
  if (args.output != "-") output = checked_path("-o", args.output);
  std::optional<models::StateFlows> flows;
  if (!args.flows.empty()) flows = region_flows(args.flows, scenario);
  std::ostringstream dot;
  models::write_state_graph_dot(scenario, dot, flows);
  write_text_output("-o", output, std::move(dot).str());
  return 0;
}

}  // namespace

Command register_graph(CLI::App& app) {
  auto args = std::make_shared<GraphArguments>();
  CLI::App* cmd = app.add_subcommand("graph", "Write a scenario's state graph as Graphviz DOT");
  cmd->footer(
      "How it is drawn:\n"
      "  states   a box per benefit state: its Danish label above its code. Thick border: persons\n"
      "           enter it from outside (initial persons, inflow, cohorts); double border: absorbing;\n"
      "           red fill: permanent support; green fill: off public support (on_support = false).\n"
      "  moves    solid: a [[transitions]] entry; dashed, \"benefit limit\": where persons go when\n"
      "           the benefit runs out; dotted, labelled with the offer: where an offer ends as\n"
      "           planned (completion_state).\n"
      "  --flows  labels the first edge between two states with the mean number of persons per\n"
      "           month moving between them in the whole region (\"in all\": every kind of move\n"
      "           between the two together), and draws it as wide as that number, up to 8 points\n"
      "           for the largest.\n"
      "\n"
      "Examples:\n"
      "  labsim graph scenarios/baseline_2011.toml -o states.dot && dot -Tsvg states.dot -o states.svg\n"
      "  labsim run scenarios/baseline_2011.toml -o out/baseline_2011.h5\n"
      "  labsim graph scenarios/baseline_2011.toml --flows out/baseline_2011.h5 | dot -Tpng -o flows.png");
  cmd->add_option("scenario", args->scenario, "Scenario file (TOML)")->required()->type_name("FILE");
  cmd->add_option("-o,--output", args->output, "DOT file to write; - (the default) for standard output")
      ->type_name("FILE");
  cmd->add_option("--flows", args->flows,
                  "Result file of `labsim run` of the same scenario: label the edges with its mean flows")
      ->type_name("RESULT.h5");
  cmd->add_option("--set", args->overrides, "Override one scenario value, as for `labsim run` (repeatable)")
      ->type_name("KEY=VALUE");

  return {cmd, [args](const std::string&) { return graph_command(*args); }};
}

}  // namespace labsim::app
