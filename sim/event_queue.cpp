// Sequence renumbering for the event queue, kept out of the header because it runs once per 4 billion events.
#include "sim/event_queue.hpp"

#include <algorithm>

namespace labsim::sim {

void EventQueue::renumber_sequences() {
  std::sort(heap_.begin() + kRoot, heap_.end(), before);
  for (std::uint32_t i = kRoot; i < heap_.size(); ++i) {
    heap_[i].sequence = i - kRoot;
    position_[heap_[i].person] = i;
  }
  next_sequence_ = static_cast<std::uint32_t>(size());
}

}  // namespace labsim::sim
