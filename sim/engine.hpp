// The run loop of one (replication, partition) task: pop the earliest event, advance the clock, let the model
// act.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>

#include "sim/event_queue.hpp"

namespace labsim::sim {

// A Model provides
//   std::optional<Days> handle(PersonId person, Days now, EventQueue& queue);
// which carries out the person's pending event and returns the time of their next one (nullopt: none).
// It may reschedule other persons through `queue` (e.g. someone leaving a waiting list).
// Optionally it provides  void prefetch(PersonId) const;  which is told who comes next while the memory
// system would otherwise sit idle. Dispatch is static: no virtual call in the per-event path.
template <class Model>
std::uint64_t run_until(Model& model, EventQueue& queue, Days horizon) {
  std::uint64_t events = 0;
  Days now{0.0};
  while (const auto next = queue.peek_before(horizon)) {
    assert(next->time >= now && "simulated time never goes backwards");
    now = next->time;
    if (const auto again = model.handle(next->person, now, queue)) {
      assert(*again >= now);
      queue.schedule(next->person, *again);
    } else {
      queue.cancel(next->person);
    }
    if constexpr (requires(const Model& m, PersonId p) { m.prefetch(p); }) {
      if (const auto upcoming = queue.peek_before(horizon)) model.prefetch(upcoming->person);
    }
    ++events;
  }
  return events;
}

}  // namespace labsim::sim
