// Tests of sim/event_queue.hpp: ordering by (time, scheduling order), rescheduling, cancelling, the horizon.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "sim/event_queue.hpp"

namespace {

using labsim::sim::Days;
using labsim::sim::EventQueue;
using labsim::sim::PersonId;
using labsim::sim::ScheduledEvent;

constexpr Days kNever{std::numeric_limits<double>::infinity()};

// Pops every event before `horizon` and returns the persons in pop order.
std::vector<std::uint32_t> drain(EventQueue& q, Days horizon = kNever) {
  std::vector<std::uint32_t> persons;
  while (const auto next = q.pop_before(horizon)) persons.push_back(next->person.value);
  return persons;
}

// The obvious implementation the heap must agree with: a sorted map keyed by (time, scheduling sequence).
class ReferenceQueue {
 public:
  explicit ReferenceQueue(std::uint32_t persons) : key_of_(persons) {}

  void schedule(std::uint32_t p, double time) {
    cancel(p);
    key_of_[p] = Key{time, sequence_++};
    order_.emplace(*key_of_[p], p);
  }
  void cancel(std::uint32_t p) {
    if (!key_of_[p]) return;
    order_.erase(*key_of_[p]);
    key_of_[p].reset();
  }
  std::optional<std::pair<double, std::uint32_t>> peek_before(double horizon) const {
    if (order_.empty() || order_.begin()->first.first >= horizon) return std::nullopt;
    return std::pair{order_.begin()->first.first, order_.begin()->second};
  }
  std::optional<std::pair<double, std::uint32_t>> pop_before(double horizon) {
    auto next = peek_before(horizon);
    if (next) cancel(next->second);
    return next;
  }
  std::size_t size() const { return order_.size(); }
  bool contains(std::uint32_t p) const { return key_of_[p].has_value(); }

 private:
  using Key = std::pair<double, std::uint64_t>;
  std::map<Key, std::uint32_t> order_;
  std::vector<std::optional<Key>> key_of_;
  std::uint64_t sequence_ = 0;
};

}  // namespace

TEST_CASE("event_queue: equal times pop in scheduling order", "[sim]") {
  EventQueue q(5);
  for (const std::uint32_t p : {3u, 1u, 4u, 0u, 2u}) q.schedule(PersonId{p}, Days{30});
  CHECK(drain(q) == std::vector<std::uint32_t>{3, 1, 4, 0, 2});
  CHECK(q.empty());
}

TEST_CASE("event_queue: earlier times pop first whatever the scheduling order", "[sim]") {
  EventQueue q(4);
  q.schedule(PersonId{0}, Days{40});
  q.schedule(PersonId{1}, Days{10});
  q.schedule(PersonId{2}, Days{30.5});
  q.schedule(PersonId{3}, Days{30.25});
  CHECK(drain(q) == std::vector<std::uint32_t>{1, 3, 2, 0});
}

TEST_CASE("event_queue: rescheduling a person earlier moves their event forward", "[sim]") {
  EventQueue q(3);
  q.schedule(PersonId{0}, Days{10});
  q.schedule(PersonId{1}, Days{20});
  q.schedule(PersonId{2}, Days{30});
  q.schedule(PersonId{2}, Days{5});
  CHECK(q.size() == 3);
  const auto first = q.pop_before(kNever);
  REQUIRE(first);
  CHECK(first->person.value == 2);
  CHECK(first->time.value == 5.0);
  CHECK(drain(q) == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("event_queue: rescheduling a person later moves their event back", "[sim]") {
  EventQueue q(3);
  q.schedule(PersonId{0}, Days{10});
  q.schedule(PersonId{1}, Days{20});
  q.schedule(PersonId{2}, Days{30});
  q.schedule(PersonId{0}, Days{25});
  CHECK(q.size() == 3);
  CHECK(drain(q, Days{22}) == std::vector<std::uint32_t>{1});
  const auto next = q.pop_before(kNever);
  REQUIRE(next);
  CHECK(next->person.value == 0);
  CHECK(next->time.value == 25.0);
}

TEST_CASE("event_queue: rescheduling to the same time puts the person behind earlier-scheduled ties",
          "[sim]") {
  EventQueue q(3);
  q.schedule(PersonId{0}, Days{7});
  q.schedule(PersonId{1}, Days{7});
  q.schedule(PersonId{2}, Days{7});
  q.schedule(PersonId{0}, Days{7});  // a new scheduling, so it now ties behind 1 and 2
  CHECK(drain(q) == std::vector<std::uint32_t>{1, 2, 0});
}

TEST_CASE("event_queue: cancel removes only that person's event", "[sim]") {
  EventQueue q(4);
  for (std::uint32_t p = 0; p < 4; ++p) q.schedule(PersonId{p}, Days{static_cast<double>(10 * (p + 1))});
  q.cancel(PersonId{1});
  CHECK_FALSE(q.contains(PersonId{1}));
  CHECK(q.contains(PersonId{0}));
  CHECK(q.size() == 3);
  q.cancel(PersonId{0});  // the root
  q.cancel(PersonId{3});  // the last slot
  CHECK(q.size() == 1);
  CHECK(drain(q) == std::vector<std::uint32_t>{2});
}

TEST_CASE("event_queue: cancelling a person with no event does nothing", "[sim]") {
  EventQueue q(3);
  q.schedule(PersonId{2}, Days{1});
  q.cancel(PersonId{0});
  q.cancel(PersonId{0});
  CHECK(q.size() == 1);
  CHECK(q.contains(PersonId{2}));
  q.cancel(PersonId{2});
  q.cancel(PersonId{2});
  CHECK(q.empty());
}

TEST_CASE("event_queue: pop_before returns nothing at or after the horizon", "[sim]") {
  EventQueue q(3);
  q.schedule(PersonId{0}, Days{10});
  q.schedule(PersonId{1}, Days{20});
  q.schedule(PersonId{2}, Days{30});

  CHECK_FALSE(q.pop_before(Days{10}));  // an event exactly at the horizon belongs to the next run
  CHECK_FALSE(q.peek_before(Days{9.999}));
  CHECK(q.size() == 3);

  const auto peeked = q.peek_before(Days{10.001});
  REQUIRE(peeked);
  CHECK(peeked->person.value == 0);
  CHECK(q.size() == 3);  // peeking leaves the event queued

  CHECK(drain(q, Days{30}) == std::vector<std::uint32_t>{0, 1});
  CHECK(q.size() == 1);
  CHECK(q.contains(PersonId{2}));
  CHECK_FALSE(EventQueue(2).pop_before(kNever));
}

TEST_CASE("event_queue: size never exceeds the number of persons", "[sim]") {
  constexpr std::uint32_t kPersons = 50;
  EventQueue q(kPersons);
  std::mt19937_64 rng(7);  // pinned; only picks persons and times
  for (int i = 0; i < 5000; ++i) {
    const PersonId p{static_cast<std::uint32_t>(rng() % kPersons)};
    q.schedule(p, Days{static_cast<double>(rng() % 100)});
    REQUIRE(q.contains(p));
    REQUIRE(q.size() <= kPersons);
  }
  CHECK(q.size() == kPersons);  // 5000 draws from 50 persons hit every one (miss chance 50 * 0.98^5000)
  CHECK(drain(q).size() == kPersons);
}

TEST_CASE("event_queue: agrees with a reference multimap over 100k random operations", "[sim]") {
  // Heaps of several sizes, so that shallow, ragged and deep trees are all exercised; integer times make ties
  // common. Every few hundred operations copies of both queues are drained completely and compared.
  for (const std::uint32_t persons : {1u, 2u, 5u, 17u, 300u, 5000u}) {
    INFO("persons = " << persons);
    EventQueue q(persons);
    ReferenceQueue ref(persons);
    std::mt19937_64 rng(1000 + persons);  // pinned: the operation sequence is fixed
    const auto below = [&](std::uint64_t n) { return rng() % n; };
    const auto random_time = [&] {
      return below(2) == 0 ? static_cast<double>(below(50)) : static_cast<double>(below(50'000)) / 1000.0;
    };

    for (int op = 0; op < 17'000; ++op) {
      const auto p = static_cast<std::uint32_t>(below(persons));
      const auto kind = below(100);
      if (kind < 45) {
        const double t = random_time();
        q.schedule(PersonId{p}, Days{t});
        ref.schedule(p, t);
      } else if (kind < 60) {
        q.cancel(PersonId{p});
        ref.cancel(p);
      } else {
        const double horizon = static_cast<double>(below(60));
        const auto expected = kind < 90 ? ref.pop_before(horizon) : ref.peek_before(horizon);
        const auto got = kind < 90 ? q.pop_before(Days{horizon}) : q.peek_before(Days{horizon});
        REQUIRE(got.has_value() == expected.has_value());
        if (got) {
          REQUIRE(got->time.value == expected->first);
          REQUIRE(got->person.value == expected->second);
        }
      }
      REQUIRE(q.size() == ref.size());
      REQUIRE(q.contains(PersonId{p}) == ref.contains(p));

      if (op % 500 == 499) {
        EventQueue q_copy = q;
        ReferenceQueue ref_copy = ref;
        std::vector<std::pair<double, std::uint32_t>> got, expected;
        while (const auto e = q_copy.pop_before(kNever)) got.emplace_back(e->time.value, e->person.value);
        while (const auto e = ref_copy.pop_before(std::numeric_limits<double>::infinity()))
          expected.push_back(*e);
        REQUIRE(got == expected);
      }
    }
  }
}
