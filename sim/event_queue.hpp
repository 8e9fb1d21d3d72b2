// The pending-event queue: one slot per person, ordered by (time, scheduling sequence) in an indexed 4-ary
// heap.
#pragma once

#include <cstdint>
#include <limits>
#include <new>
#include <optional>
#include <vector>

#include "sim/strong_types.hpp"

namespace labsim::sim {

struct ScheduledEvent {
  Days time;
  PersonId person;
};

// Allocates on 64-byte boundaries, so that each group of four sibling heap nodes fills exactly one cache
// line.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <class U>
  explicit CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64})); }
  void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

// Every person has at most one pending event, so the heap never grows beyond the population and is
// allocated once. Rescheduling a person moves their slot; ties in time pop in the order they were scheduled.
// Events at or after the queue's horizon can never be handled, so scheduling one just drops the person's
// pending event: the heap then holds only people with something left to do, often a small share of all.
//
// Large populations make the heap outgrow the caches, so its layout is tuned for memory traffic: the root
// sits at storage index 3, which puts the four children of any node in one aligned 64-byte line, and the
// sift-down prefetches the line of the next level while comparing the current one.
class EventQueue {
 public:
  explicit EventQueue(std::uint32_t persons, Days horizon = Days{std::numeric_limits<double>::infinity()})
      : heap_(kRoot), position_(persons, kAbsent), horizon_(horizon) {
    heap_.reserve(kRoot + persons);
  }

  [[nodiscard]] bool empty() const { return heap_.size() == kRoot; }
  [[nodiscard]] std::size_t size() const { return heap_.size() - kRoot; }
  [[nodiscard]] bool contains(PersonId p) const { return position_[p.value] != kAbsent; }

  // Sets the person's pending event to `time`, replacing any earlier one.
  void schedule(PersonId p, Days time) {
    if (time >= horizon_) {
      cancel(p);
      return;
    }
    if (next_sequence_ == std::numeric_limits<std::uint32_t>::max()) renumber_sequences();
    const Node node{time.value, next_sequence_++, p.value};
    const std::uint32_t pos = position_[p.value];
    if (pos == kAbsent) {
      heap_.push_back(node);
      sift_up(static_cast<std::uint32_t>(heap_.size() - 1), node);
    } else if (before(node, heap_[pos])) {
      sift_up(pos, node);
    } else {
      sift_down(pos, node);
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
    if (pos > kRoot && before(last, heap_[parent(pos)])) {
      sift_up(pos, last);
    } else {
      sift_down(pos, last);
    }
  }

  // The earliest pending event, if any.
  [[nodiscard]] std::optional<ScheduledEvent> peek() const { return peek_before(horizon_); }

  // The earliest pending event if it happens before `horizon`; it stays queued until rescheduled or
  // cancelled.
  [[nodiscard]] std::optional<ScheduledEvent> peek_before(Days horizon) const {
    if (empty() || heap_[kRoot].time >= horizon.value) return std::nullopt;
    return ScheduledEvent{Days{heap_[kRoot].time}, PersonId{heap_[kRoot].person}};
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
  static constexpr std::uint32_t kRoot = 3;

  static bool before(const Node& a, const Node& b) {
    return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
  }
  // With the root at 3, the children of storage index i are 4(i-2) .. 4(i-2)+3.
  static std::uint32_t first_child(std::uint32_t i) { return 4 * (i - 2); }
  static std::uint32_t parent(std::uint32_t i) { return i / 4 + 2; }

  void place(std::uint32_t pos, const Node& node) {
    heap_[pos] = node;
    position_[node.person] = pos;
  }

  // Moves `node` up from the hole at `pos` to where it belongs.
  void sift_up(std::uint32_t pos, const Node& node) {
    while (pos > kRoot) {
      const std::uint32_t up = parent(pos);
      if (!before(node, heap_[up])) break;
      place(pos, heap_[up]);
      pos = up;
    }
    place(pos, node);
  }

  // Moves `node` down from the hole at `pos` to where it belongs.
  void sift_down(std::uint32_t pos, const Node& node) {
    const auto n = static_cast<std::uint32_t>(heap_.size());
    for (;;) {
      const std::uint32_t first = first_child(pos);
      if (first >= n) break;
      const std::uint32_t last = first + 4 < n ? first + 4 : n;
      // Whichever child wins, its children's line will be needed next: ask for all four now.
      for (std::uint32_t c = first; c < last && first_child(c) < n; ++c)
        __builtin_prefetch(&heap_[first_child(c)]);
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

  std::vector<Node, CacheLineAllocator<Node>> heap_;  // storage [0, kRoot) is unused padding
  std::vector<std::uint32_t> position_;               // storage index of each person's node, or kAbsent
  Days horizon_;
  std::uint32_t next_sequence_ = 0;
};

}  // namespace labsim::sim
