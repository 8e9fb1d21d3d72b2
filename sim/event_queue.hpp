// The pending-event queue: one slot per person, ordered by (time, scheduling sequence) in an indexed 4-ary
// heap.
#pragma once

#include <cassert>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "sim/strong_types.hpp"

namespace labsim::sim {

struct ScheduledEvent {
  Days time;
  PersonId person;
};

// Every person has at most one pending event, so the heap never grows beyond the population and is
// allocated once. Rescheduling a person moves their slot; ties in time pop in the order they were scheduled.
class EventQueue {
 public:
  explicit EventQueue(std::uint32_t persons) : position_(persons, kAbsent) { heap_.reserve(persons); }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] bool contains(PersonId p) const { return position_[p.value] != kAbsent; }

  // Sets the person's pending event to `time`, replacing any earlier one.
  void schedule(PersonId p, Days time) {
    if (next_sequence_ == std::numeric_limits<std::uint32_t>::max()) renumber_sequences();
    const Node node{time.value, next_sequence_++, p.value};
    std::uint32_t& pos = position_[p.value];
    if (pos == kAbsent) {
      pos = static_cast<std::uint32_t>(heap_.size());
      heap_.push_back(node);
      sift_up(pos);
      return;
    }
    const bool earlier = before(node, heap_[pos]);
    heap_[pos] = node;
    if (earlier) {
      sift_up(pos);
    } else {
      sift_down(pos);
    }
  }

  // Removes the person's pending event, if any.
  void cancel(PersonId p) {
    const std::uint32_t pos = position_[p.value];
    if (pos == kAbsent) return;
    position_[p.value] = kAbsent;
    const Node last = heap_.back();
    heap_.pop_back();
    if (pos == heap_.size()) return;
    heap_[pos] = last;
    position_[last.person] = pos;
    if (pos > 0 && before(last, heap_[parent(pos)])) {
      sift_up(pos);
    } else {
      sift_down(pos);
    }
  }

  // The earliest pending event if it happens before `horizon`; it stays queued until rescheduled or
  // cancelled.
  [[nodiscard]] std::optional<ScheduledEvent> peek_before(Days horizon) const {
    if (heap_.empty() || heap_.front().time >= horizon.value) return std::nullopt;
    return ScheduledEvent{Days{heap_.front().time}, PersonId{heap_.front().person}};
  }

  // Removes and returns the earliest pending event if it happens before `horizon`.
  std::optional<ScheduledEvent> pop_before(Days horizon) {
    auto next = peek_before(horizon);
    if (next) cancel(next->person);
    return next;
  }

 private:
  struct Node {
    double time;
    std::uint32_t sequence;
    std::uint32_t person;
  };
  static_assert(sizeof(Node) == 16);

  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kArity = 4;

  static bool before(const Node& a, const Node& b) {
    return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
  }
  static std::uint32_t parent(std::uint32_t i) { return (i - 1) / kArity; }

  void place(std::uint32_t pos, const Node& node) {
    heap_[pos] = node;
    position_[node.person] = pos;
  }

  void sift_up(std::uint32_t pos) {
    const Node node = heap_[pos];
    while (pos > 0) {
      const std::uint32_t up = parent(pos);
      if (!before(node, heap_[up])) break;
      place(pos, heap_[up]);
      pos = up;
    }
    place(pos, node);
  }

  void sift_down(std::uint32_t pos) {
    const Node node = heap_[pos];
    const auto n = static_cast<std::uint32_t>(heap_.size());
    for (;;) {
      const std::uint32_t first = pos * kArity + 1;
      if (first >= n) break;
      const std::uint32_t last = first + kArity < n ? first + kArity : n;
      std::uint32_t best = first;
      for (std::uint32_t c = first + 1; c < last; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], node)) break;
      place(pos, heap_[best]);
      pos = best;
    }
    place(pos, node);
  }

  // After 4 billion schedulings the sequence numbers restart, keeping their relative order: sorted by
  // (time, sequence), the heap is still a heap, and the ranks become the new sequence numbers.
  void renumber_sequences();

  std::vector<Node> heap_;
  std::vector<std::uint32_t> position_;
  std::uint32_t next_sequence_ = 0;
};

}  // namespace labsim::sim
