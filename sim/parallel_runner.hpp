// Runs (replication x partition) tasks on a oneTBB thread pool; each result lands in its own slot.
#pragma once

#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstdint>
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
std::vector<Result> run_tasks(std::uint32_t replications, std::uint32_t partitions, int threads, RunTask&& run,
                              Progress* progress = nullptr) {
  const std::size_t count = static_cast<std::size_t>(replications) * partitions;
  std::vector<Result> results(count);
  tbb::task_arena arena(threads < 1 ? 1 : threads);
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
