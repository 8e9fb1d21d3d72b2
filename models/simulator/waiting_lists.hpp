// First-come-first-served queues for offer places: intrusive doubly-linked lists, one per offer, O(1)
// removal.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "sim/strong_types.hpp"

namespace labsim::models {

// A person waits for at most one offer at a time, so two links per person suffice and nothing is allocated
// after construction.
class WaitingLists {
 public:
  WaitingLists(std::size_t lists, std::uint32_t persons)
      : head_(lists, kNone),
        tail_(lists, kNone),
        length_(lists, 0),
        prev_(persons, kNone),
        next_(persons, kNone) {}

  void push_back(std::size_t list, sim::PersonId p) {
    prev_[p.value] = tail_[list];
    next_[p.value] = kNone;
    (tail_[list] == kNone ? head_[list] : next_[tail_[list]]) = p.value;
    tail_[list] = p.value;
    ++length_[list];
  }

  std::optional<sim::PersonId> pop_front(std::size_t list) {
    if (head_[list] == kNone) return std::nullopt;
    const sim::PersonId p{head_[list]};
    remove(list, p);
    return p;
  }

  void remove(std::size_t list, sim::PersonId p) {
    const std::uint32_t prev = prev_[p.value], next = next_[p.value];
    (prev == kNone ? head_[list] : next_[prev]) = next;
    (next == kNone ? tail_[list] : prev_[next]) = prev;
    prev_[p.value] = next_[p.value] = kNone;
    --length_[list];
  }

  [[nodiscard]] std::uint32_t length(std::size_t list) const { return length_[list]; }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> head_, tail_, length_, prev_, next_;
};

}  // namespace labsim::models
