// Benchmark of the Markov twin: time per run_twin call on a scenario (default: the 2011 baseline), and an
// exact dump of its outputs so that two builds can be compared array by array.
//
// Calibration calls run_twin hundreds of times on one compiled model, so the model is built once and only
// run_twin is timed.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/twin/markov_twin.hpp"

namespace {

using Arrays = std::map<std::string, std::vector<double>>;

// Every output array of every jobcentre, named "jobcentre/array".
Arrays named_arrays(const labsim::models::TwinResult& result) {
  Arrays arrays;
  for (std::size_t j = 0; j < result.jobcentres.size(); ++j) {
    const auto& jc = result.jobcentres[j];
    const auto& c = jc.monthly;
    const auto add = [&](const char* name, const auto& grid) {
      arrays[fmt::format("{}/{}", j, name)].assign(grid.values().begin(), grid.values().end());
    };
    add("in_state", c.in_state);
    add("in_offer", c.in_offer);
    add("labour_reserve", c.labour_reserve);
    add("inflow", c.inflow);
    add("flows", c.flows);
    add("first_interview_due", c.first_interview_due);
    add("first_interview_met", c.first_interview_met);
    add("first_offer_due", c.first_offer_due);
    add("first_offer_met", c.first_offer_met);
    add("initial", jc.initial);
    add("at_horizon", jc.at_horizon);
  }
  return arrays;
}

// Hexadecimal floating point, so that the dump round-trips exactly.
void write_arrays(const Arrays& arrays, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + path);
  for (const auto& [name, values] : arrays) {
    std::fprintf(f, "%s %zu", name.c_str(), values.size());
    for (double v : values) std::fprintf(f, " %a", v);
    std::fprintf(f, "\n");
  }
  std::fclose(f);
}

Arrays read_arrays(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Arrays arrays;
  std::string name;
  std::size_t n = 0;
  while (in >> name >> n) {
    std::vector<double> values(n);
    for (double& v : values) {
      std::string token;
      in >> token;
      v = std::strtod(token.c_str(), nullptr);
    }
    arrays[name] = std::move(values);
  }
  return arrays;
}

// The largest difference of each array relative to its largest magnitude (so that entries near zero in an
// array of large values do not dominate). Returns whether every array is within `tolerance`.
bool compare(const Arrays& now, const Arrays& reference, double tolerance) {
  bool ok = now.size() == reference.size();
  double worst = 0;
  std::string worst_name;
  for (const auto& [name, ref] : reference) {
    const auto it = now.find(name);
    if (it == now.end() || it->second.size() != ref.size()) {
      fmt::print("{}: missing or of another size\n", name);
      ok = false;
      continue;
    }
    double scale = 0, diff = 0, elementwise = 0;
    for (double v : ref) scale = std::max(scale, std::abs(v));
    for (std::size_t i = 0; i < ref.size(); ++i) {
      const double d = std::abs(it->second[i] - ref[i]);
      diff = std::max(diff, d);
      if (d > 0) elementwise = std::max(elementwise, d / std::max(std::abs(ref[i]), 1e-300));
    }
    const double relative = scale > 0 ? diff / scale : diff;
    if (relative > worst) {
      worst = relative;
      worst_name = name;
    }
    if (relative > tolerance) {
      fmt::print("{}: relative difference {:.3g} (largest elementwise {:.3g})\n", name, relative,
                 elementwise);
      ok = false;
    }
  }
  fmt::print("largest relative difference {:.3g} ({}); {}\n", worst, worst_name, ok ? "equal" : "DIFFERENT");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times the Markov twin on a scenario and dumps or compares its outputs."};
  std::string scenario_path = std::string(LABSIM_SOURCE_DIR) + "/scenarios/baseline_2011.toml";
  double scale = 1;
  int runs = 10, threads = 1;
  std::string dump, reference;
  double tolerance = 1e-9;
  app.add_option("--scenario", scenario_path, "Scenario file");
  app.add_option("--scale", scale, "Population scale");
  app.add_option("--runs", runs, "Timed run_twin calls");
  app.add_option("--threads", threads, "TwinOptions::threads");
  app.add_option("--dump", dump, "Write the outputs of the last run to this file");
  app.add_option("--compare", reference, "Compare the outputs with a file written by --dump");
  app.add_option("--tolerance", tolerance, "Largest relative difference per array that counts as equal");
  CLI11_PARSE(app, argc, argv);

  const auto scenario = labsim::models::load_scenario(scenario_path, {});
  const labsim::models::Model model(scenario, scale);
  labsim::models::TwinOptions options;
  options.threads = threads;
  std::vector<double> seconds;
  labsim::models::TwinResult result;
  for (int r = 0; r < std::max(1, runs); ++r) {
    const auto start = std::chrono::steady_clock::now();
    result = labsim::models::run_twin(model, options);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  fmt::print("run_twin: {} runs, min {:.2f} ms, median {:.2f} ms, max {:.2f} ms\n", seconds.size(),
             1e3 * seconds.front(), 1e3 * seconds[seconds.size() / 2], 1e3 * seconds.back());
  const Arrays arrays = named_arrays(result);
  if (!dump.empty()) write_arrays(arrays, dump);
  if (!reference.empty()) return compare(arrays, read_arrays(reference), tolerance) ? 0 : 1;
  return 0;
}
