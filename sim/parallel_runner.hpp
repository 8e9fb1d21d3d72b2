// Runs (replication x partition) tasks on a oneTBB thread pool; each result lands in its own slot.
#pragma once

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "sim/progress.hpp"

namespace labsim::sim {

struct TaskId {
  std::uint32_t replication = 0;
  std::uint32_t partition = 0;
};

// Calls `run(TaskId)` for every task and returns the results indexed replication-major,
// i.e. results[replication * partitions + partition]. Each task writes only its own slot, so the
// output does not depend on the number of threads or on which thread ran which task.
template <class Result, class RunTask>
std::vector<Result> run_tasks(std::uint32_t replications, std::uint32_t partitions, int threads,
                              RunTask&& run, Progress* progress = nullptr) {
  static_assert(!std::is_same_v<Result, bool>,
                "std::vector<bool> packs bits: tasks would race on shared words");
  const std::size_t count = static_cast<std::size_t>(replications) * partitions;
  std::vector<Result> results(count);
  // More threads than cores would only make TBB warn; the results are the same either way.
  tbb::task_arena arena(std::clamp(threads, 1, tbb::info::default_concurrency()));
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
      const TaskId id{static_cast<std::uint32_t>(i / partitions), static_cast<std::uint32_t>(i % partitions)};
      results[i] = run(id);
      if (progress) progress->advance();
    });
  });
  return results;
}

}  // namespace labsim::sim
