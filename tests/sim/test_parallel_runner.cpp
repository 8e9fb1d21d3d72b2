// Tests of sim/parallel_runner.hpp: result placement, independence from the thread count, concurrency limit.
#include <algorithm>
#include <atomic>
#include <bit>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "sim/parallel_runner.hpp"
#include "sim/random_stream.hpp"

namespace {

using labsim::sim::RandomStreams;
using labsim::sim::run_tasks;
using labsim::sim::StreamCursor;
using labsim::sim::TaskId;

struct TaskResult {
  std::uint32_t replication = 0;
  std::uint32_t partition = 0;
  std::uint32_t draws = 0;
  std::uint64_t sum_bits = 0;  // the floating-point sum's bit pattern, so comparisons are bitwise
  std::uint64_t xor_bits = 0;

  friend bool operator==(const TaskResult&, const TaskResult&) = default;
};

// A task that draws from streams keyed by its TaskId; tasks differ in length, so threads finish out of order.
TaskResult simulate(TaskId id) {
  const RandomStreams streams({.seed = 31337, .replication = id.replication, .partition = id.partition});
  TaskResult result{.replication = id.replication, .partition = id.partition};
  result.draws =
      2'000 + static_cast<std::uint32_t>(streams.bits(labsim::sim::kFirstReservedStream, 0) % 8'000);
  double sum = 0.0;
  for (std::uint32_t i = 0; i < result.draws; ++i) {
    std::uint32_t position = i / 10;
    sum += StreamCursor(streams, i % 10, position).exponential();
    result.xor_bits ^= streams.bits(i % 10, i / 10);
  }
  result.sum_bits = std::bit_cast<std::uint64_t>(sum);
  return result;
}

}  // namespace

TEST_CASE("parallel_runner: results are bitwise identical at 1, 2 and 4 threads", "[sim]") {
  constexpr std::uint32_t kReplications = 6, kPartitions = 7;
  std::vector<TaskResult> sequential;
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    for (std::uint32_t p = 0; p < kPartitions; ++p) sequential.push_back(simulate({r, p}));
  }
  for (const int threads : {1, 2, 4}) {
    INFO("threads = " << threads);
    CHECK(run_tasks<TaskResult>(kReplications, kPartitions, threads, simulate) == sequential);
  }
  // The tasks really differ, so equality above is not trivially true.
  CHECK(sequential[0].sum_bits != sequential[1].sum_bits);
  CHECK(sequential[0].sum_bits != sequential[kPartitions].sum_bits);
}

TEST_CASE("parallel_runner: results land at index replication * partitions + partition", "[sim]") {
  constexpr std::uint32_t kReplications = 5, kPartitions = 3;
  std::vector<std::atomic<int>> calls(kReplications * kPartitions);
  const auto results = run_tasks<TaskId>(kReplications, kPartitions, 4, [&](TaskId id) {
    ++calls[id.replication * kPartitions + id.partition];
    return id;
  });
  REQUIRE(results.size() == kReplications * kPartitions);
  for (std::uint32_t r = 0; r < kReplications; ++r) {
    for (std::uint32_t p = 0; p < kPartitions; ++p) {
      INFO("replication " << r << ", partition " << p);
      CHECK(results[r * kPartitions + p].replication == r);
      CHECK(results[r * kPartitions + p].partition == p);
      CHECK(calls[r * kPartitions + p] == 1);  // every task runs exactly once
    }
  }
}

TEST_CASE("parallel_runner: no tasks give no results", "[sim]") {
  int calls = 0;
  const auto count = [&](TaskId) { return ++calls; };
  CHECK(run_tasks<int>(0, 4, 2, count).empty());
  CHECK(run_tasks<int>(4, 0, 2, count).empty());
  CHECK(calls == 0);
}

TEST_CASE("parallel_runner: never runs more tasks at once than the thread count", "[sim]") {
  // Each task holds a slot for 2 ms so that overlapping tasks are observed. A thread count below 1 means 1.
  for (const int threads : {0, 1, 2}) {
    INFO("threads = " << threads);
    std::atomic<int> running = 0, most = 0;
    const auto results = run_tasks<int>(4, 4, threads, [&](TaskId) {
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --running;
      return 1;
    });
    CHECK(std::count(results.begin(), results.end(), 1) == 16);
    CHECK(most <= std::max(threads, 1));
  }
}
