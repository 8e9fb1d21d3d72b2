// Benchmark: events/s, persons/s and peak memory of the baseline scenario at two sizes and 1 and 2 threads.
//
// Each configuration runs in its own child process, so that its peak memory (from wait4's rusage) is its own.
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulator/simulate.hpp"

namespace {

struct Measurement {
  double seconds = 0;
  double events = 0;
  double persons = 0;
  double largest_task_persons = 0;
  double rss_before_kib = 0;
};

long current_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

Measurement measure(const labsim::models::Scenario& scenario, double scale, int threads, int replications) {
  const labsim::models::Model model(scenario, scale);
  Measurement m;
  m.rss_before_kib = static_cast<double>(current_rss_kib());
  labsim::models::RunOptions options;
  options.replications = replications;
  options.seed = scenario.run.seed;
  options.threads = threads;
  const auto run = labsim::models::simulate(model, options);
  m.seconds = run.seconds;
  m.events = static_cast<double>(run.events);
  m.persons = static_cast<double>(run.persons);
  for (const auto& t : run.tasks)
    m.largest_task_persons = std::max(m.largest_task_persons, double(t.persons));
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures simulation speed and memory of a scenario (default: the North Jutland baseline)."};
  std::string scenario_path = std::string(LABSIM_SOURCE_DIR) + "/scenarios/baseline.toml";
  std::vector<double> scales{0.1, 1.0};
  std::vector<int> thread_counts{1, 2};
  int replications = 10;
  app.add_option("--scenario", scenario_path, "Scenario file");
  app.add_option("--scales", scales, "Population scales to measure (baseline x F)");
  app.add_option("--threads", thread_counts, "Thread counts to measure");
  app.add_option("--replications", replications, "Replications per run (tasks = replications x jobcentres)");
  CLI11_PARSE(app, argc, argv);

  const auto scenario = labsim::models::load_scenario(scenario_path, {});
  fmt::print("{:>6} {:>7} {:>11} {:>9} {:>14} {:>14} {:>12} {:>15}\n", "scale", "threads", "persons",
             "time s", "events/s", "persons/s", "peak MiB", "bytes/person");
  for (double scale : scales) {
    for (int threads : thread_counts) {
      int pipe_fd[2];
      if (pipe(pipe_fd) != 0) return 1;
      const pid_t child = fork();
      if (child == 0) {
        close(pipe_fd[0]);
        const Measurement m = measure(scenario, scale, threads, replications);
        if (write(pipe_fd[1], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) _exit(1);
        _exit(0);
      }
      close(pipe_fd[1]);
      Measurement m;
      const bool ok = read(pipe_fd[0], &m, sizeof m) == static_cast<ssize_t>(sizeof m);
      close(pipe_fd[0]);
      int status = 0;
      rusage usage{};
      wait4(child, &status, 0, &usage);
      if (!ok || status != 0) {
        fmt::print(stderr, "benchmark child failed for scale {} threads {}\n", scale, threads);
        return 1;
      }
      const double peak_kib = static_cast<double>(usage.ru_maxrss);
      // With t threads, t tasks are in memory at once; the largest jobcentre sets the high-water mark.
      const double per_person =
          (peak_kib - m.rss_before_kib) * 1024.0 / (m.largest_task_persons * static_cast<double>(threads));
      fmt::print("{:>6} {:>7} {:>11.0f} {:>9.3f} {:>14.3e} {:>14.3e} {:>12.1f} {:>15.0f}\n", scale, threads,
                 m.persons, m.seconds, m.events / m.seconds, m.persons / m.seconds, peak_kib / 1024.0,
                 per_person);
    }
  }
  return 0;
}
