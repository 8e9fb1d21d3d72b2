// Tests of sim/engine.hpp: event order, horizons, event counts and distributions produced by toy models.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "sim/engine.hpp"
#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"
#include "stats.hpp"

namespace {

using labsim::sim::Days;
using labsim::sim::EventQueue;
using labsim::sim::PersonId;
using labsim::sim::RandomStreams;
using labsim::sim::run_until;
using labsim::sim::StreamCursor;
using labsim::sim::StreamKey;

constexpr Days kNever{std::numeric_limits<double>::infinity()};

// Each person passes through `stages` consecutive stages, each lasting an Exp(rate) number of days drawn from
// the person's own stream; after the last stage the person leaves. The model records what the engine asks of
// it.
class StagedLifetimes {
 public:
  StagedLifetimes(StreamKey key, std::uint32_t persons, int stages, double rate_per_day)
      : streams_(key),
        stages_(stages),
        rate_per_day_(rate_per_day),
        position_(persons, 0),
        stage_(persons, 0),
        last_event_(persons, 0.0) {}

  // Schedules every person's first event.
  void start(EventQueue& queue) {
    for (std::uint32_t p = 0; p < position_.size(); ++p) queue.schedule(PersonId{p}, Days{draw(PersonId{p})});
  }

  std::optional<Days> handle(PersonId person, Days now, EventQueue& /*queue*/) {
    if (now < latest_) ++time_went_backwards_;
    latest_ = std::max(latest_, now);
    handled_.emplace_back(now.value, person.value);
    durations_.push_back(now.value - last_event_[person.value]);
    last_event_[person.value] = now.value;
    if (++stage_[person.value] == stages_) return std::nullopt;
    return Days{now.value + draw(person)};
  }

  // The event times every person would have with no horizon, computed without the engine or the queue.
  std::vector<std::pair<double, std::uint32_t>> all_event_times() const {
    std::vector<std::pair<double, std::uint32_t>> out;
    for (std::uint32_t p = 0; p < position_.size(); ++p) {
      std::uint32_t position = 0;
      StreamCursor cursor(streams_, p, position);
      double t = 0.0;
      for (int s = 0; s < stages_; ++s) {
        t += cursor.exponential() / rate_per_day_;
        out.emplace_back(t, p);
      }
    }
    return out;
  }

  const std::vector<std::pair<double, std::uint32_t>>& handled() const { return handled_; }
  const std::vector<double>& durations() const { return durations_; }
  int time_went_backwards() const { return time_went_backwards_; }

 private:
  double draw(PersonId p) {
    return StreamCursor(streams_, p.value, position_[p.value]).exponential() / rate_per_day_;
  }

  RandomStreams streams_;
  int stages_;
  double rate_per_day_;
  std::vector<std::uint32_t> position_;
  std::vector<int> stage_;
  std::vector<double> last_event_;
  std::vector<std::pair<double, std::uint32_t>> handled_;
  std::vector<double> durations_;
  Days latest_{0.0};
  int time_went_backwards_ = 0;
};

// Persons move between states A and B: A -> B at rate a, B -> A at rate b (per day); everyone starts in A.
class TwoStateMarkov {
 public:
  TwoStateMarkov(StreamKey key, std::uint32_t persons, double a_per_day, double b_per_day)
      : streams_(key), a_(a_per_day), b_(b_per_day), position_(persons, 0), in_b_(persons, false) {}

  void start(EventQueue& queue) {
    for (std::uint32_t p = 0; p < in_b_.size(); ++p)
      queue.schedule(PersonId{p}, Days{holding_time(PersonId{p})});
  }

  std::optional<Days> handle(PersonId person, Days now, EventQueue& /*queue*/) {
    in_b_[person.value] = !in_b_[person.value];
    return Days{now.value + holding_time(person)};
  }

  double share_in_b() const {
    return static_cast<double>(std::count(in_b_.begin(), in_b_.end(), true)) /
           static_cast<double>(in_b_.size());
  }

 private:
  double holding_time(PersonId p) {
    const double rate = in_b_[p.value] ? b_ : a_;
    return StreamCursor(streams_, p.value, position_[p.value]).exponential() / rate;
  }

  RandomStreams streams_;
  double a_, b_;
  std::vector<std::uint32_t> position_;
  std::vector<bool> in_b_;
};

// Person i's event schedules person i + 1 one day later through the queue, then person i leaves.
struct Relay {
  std::vector<std::uint32_t> handled;
  std::uint32_t persons;

  std::optional<Days> handle(PersonId person, Days now, EventQueue& queue) {
    handled.push_back(person.value);
    if (person.value + 1 < persons) queue.schedule(PersonId{person.value + 1}, Days{now.value + 1.0});
    return std::nullopt;
  }
};

}  // namespace

TEST_CASE("engine: constant-hazard durations match the exponential distribution", "[sim][stats]") {
  // 10,000 persons x 5 stages = 50,000 simulated durations at rate 1/30 per day, seed pinned. The KS critical
  // value at alpha = 0.001 for n = 50,000 is 1.9495 / sqrt(n) = 0.0087.
  constexpr std::uint32_t kPersons = 10'000;
  constexpr int kStages = 5;
  constexpr double kRatePerDay = 1.0 / 30.0;
  StagedLifetimes model({.seed = 99, .replication = 0, .partition = 0}, kPersons, kStages, kRatePerDay);
  EventQueue queue(kPersons);
  model.start(queue);

  const auto events = run_until(model, queue, kNever);

  CHECK(model.time_went_backwards() == 0);  // (a) handled in non-decreasing time order
  CHECK(std::is_sorted(model.handled().begin(), model.handled().end(),
                       [](const auto& x, const auto& y) { return x.first < y.first; }));
  CHECK(events == model.handled().size());  // (c) the engine counts what the model saw
  CHECK(events == std::uint64_t{kPersons} * kStages);
  CHECK(queue.empty());

  const auto& durations = model.durations();  // (b)
  REQUIRE(durations.size() == std::size_t{kPersons} * kStages);
  const double critical = labsim::test::ks_critical_value(0.001, durations.size());
  CHECK(labsim::test::ks_statistic(durations, [&](double x) { return 1.0 - std::exp(-kRatePerDay * x); }) <
        critical);
  // Power check: a 5% rate error moves the CDF by up to 0.05 / e = 0.018, twice the critical value.
  CHECK(labsim::test::ks_statistic(
            durations, [&](double x) { return 1.0 - std::exp(-1.05 * kRatePerDay * x); }) > critical);
}

TEST_CASE("engine: events at or after the horizon are not handled", "[sim]") {
  // (d) With the horizon at 60 days (two mean stage lengths), many persons are mid-way; exactly the events
  // that the streams put before the horizon must be handled, and every later one must still be pending.
  constexpr std::uint32_t kPersons = 2'000;
  constexpr int kStages = 3;
  const Days horizon{60.0};
  StagedLifetimes model({.seed = 5, .replication = 1, .partition = 2}, kPersons, kStages, 1.0 / 30.0);
  EventQueue queue(kPersons);
  model.start(queue);

  const auto events = run_until(model, queue, horizon);

  auto expected = model.all_event_times();
  std::erase_if(expected, [&](const auto& e) { return e.first >= horizon.value; });
  std::sort(expected.begin(), expected.end());
  auto handled = model.handled();
  std::sort(handled.begin(), handled.end());
  CHECK(handled == expected);  // same times bit for bit: the model and the reference add the same draws
  CHECK(events == expected.size());
  REQUIRE(expected.size() > kPersons / 2);                     // the horizon cuts histories mid-way,
  REQUIRE(expected.size() < std::size_t{kPersons} * kStages);  // not before or after everything

  std::vector<int> handled_per_person(kPersons, 0);
  for (const auto& e : expected) ++handled_per_person[e.second];
  std::size_t pending = 0;
  for (std::uint32_t p = 0; p < kPersons; ++p) {
    const bool has_more = handled_per_person[p] < kStages;
    pending += has_more ? 1 : 0;
    REQUIRE(queue.contains(PersonId{p}) == has_more);
  }
  CHECK(queue.size() == pending);
  const auto next = queue.peek_before(kNever);
  REQUIRE(next);
  CHECK(next->time >= horizon);
}

TEST_CASE("engine: running to a horizon in steps gives the same history as one run", "[sim]") {
  constexpr std::uint32_t kPersons = 1'000;
  const StreamKey key{.seed = 17, .replication = 0, .partition = 0};
  StagedLifetimes whole(key, kPersons, 4, 0.05);
  EventQueue whole_queue(kPersons);
  whole.start(whole_queue);
  const auto whole_events = run_until(whole, whole_queue, Days{90});

  StagedLifetimes stepped(key, kPersons, 4, 0.05);
  EventQueue stepped_queue(kPersons);
  stepped.start(stepped_queue);
  std::uint64_t stepped_events = 0;
  for (const double h : {10.0, 10.0, 45.5, 90.0})
    stepped_events += run_until(stepped, stepped_queue, Days{h});

  CHECK(stepped_events == whole_events);
  CHECK(stepped.handled() == whole.handled());
  CHECK(stepped.time_went_backwards() == 0);
  CHECK(stepped_queue.size() == whole_queue.size());
}

TEST_CASE("engine: a model can schedule other persons through the queue", "[sim]") {
  Relay model{.handled = {}, .persons = 100};
  EventQueue queue(100);
  queue.schedule(PersonId{0}, Days{0.0});
  const auto events = run_until(model, queue, Days{10.5});
  CHECK(events == 11);  // persons 0..10 at days 0..10
  CHECK(model.handled == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(queue.size() == 1);
  const auto next = queue.peek_before(kNever);
  REQUIRE(next);
  CHECK(next->person.value == 11);
  CHECK(next->time.value == 11.0);
}

TEST_CASE("engine: nothing before the horizon means no events", "[sim]") {
  Relay model{.handled = {}, .persons = 3};
  EventQueue queue(3);
  CHECK(run_until(model, queue, kNever) == 0);  // empty queue
  queue.schedule(PersonId{2}, Days{5.0});
  CHECK(run_until(model, queue, Days{5.0}) == 0);
  CHECK(model.handled.empty());
  CHECK(queue.contains(PersonId{2}));
}

TEST_CASE("engine: a two-state Markov model matches the analytic share in B", "[sim][stats]") {
  // A -> B at rate a, B -> A at rate b, everyone starts in A: P_B(t) = a / (a + b) (1 - exp(-(a + b) t)).
  // N = 20,000 independent persons, seed pinned; tolerance 4 binomial standard errors sqrt(P (1 - P) / N) at
  // each t. The same run is observed at each t (run_until continues from where it stopped).
  constexpr std::uint32_t kPersons = 20'000;
  constexpr double a = 0.1, b = 0.05;
  TwoStateMarkov model({.seed = 2024, .replication = 7, .partition = 3}, kPersons, a, b);
  EventQueue queue(kPersons);
  model.start(queue);
  for (const double t : {1.0, 5.0, 10.0, 20.0, 50.0}) {
    run_until(model, queue, Days{t});
    const double expected = a / (a + b) * (1.0 - std::exp(-(a + b) * t));
    INFO("t = " << t << ", expected share in B " << expected);
    CHECK(std::abs(model.share_in_b() - expected) <
          4.0 * labsim::test::binomial_standard_error(expected, kPersons));
  }
}
