// Tests of sim/random_stream.hpp: reproducibility, independence of keys, range and distribution of draws.
#include <Random123/philox.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/random_stream.hpp"
#include "stats.hpp"

namespace {

using labsim::sim::RandomStreams;
using labsim::sim::StreamCursor;
using labsim::sim::StreamKey;

constexpr StreamKey kKey{.seed = 20240501, .replication = 3, .partition = 11};

std::vector<std::uint64_t> first_bits(const RandomStreams& streams, std::uint32_t stream, int count) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < count; ++i) out.push_back(streams.bits(stream, static_cast<std::uint32_t>(i)));
  return out;
}

// How many of the `count` first values of two sequences coincide position by position.
int coincidences(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i] ? 1 : 0;
  return same;
}

// The inverse of Philox4x32-10 for a given key, written from the round function in Random123/philox.h:
// out = {hi(M1 * c2) ^ c1 ^ k0, lo(M1 * c2), hi(M0 * c0) ^ c3 ^ k1, lo(M0 * c0)}, the key bumped by (W0, W1)
// after each round. It lets a test pick the counter that produces given output bits, e.g. all ones.
constexpr std::uint32_t inverse_mod_2_32(std::uint32_t odd) {
  std::uint32_t x = odd;                          // correct to 3 bits for odd numbers
  for (int i = 0; i < 5; ++i) x *= 2u - odd * x;  // Newton's iteration doubles the correct bits
  return x;
}

r123::Philox4x32::ctr_type philox_inverse(r123::Philox4x32::ctr_type out, r123::Philox4x32::key_type key) {
  constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u, kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  static_assert(kM0 * inverse_mod_2_32(kM0) == 1u && kM1 * inverse_mod_2_32(kM1) == 1u);
  for (int round = 9; round >= 0; --round) {
    const std::uint32_t k0 = key[0] + static_cast<std::uint32_t>(round) * kW0;
    const std::uint32_t k1 = key[1] + static_cast<std::uint32_t>(round) * kW1;
    const std::uint32_t c0 = out[3] * inverse_mod_2_32(kM0);
    const std::uint32_t c2 = out[1] * inverse_mod_2_32(kM1);
    const auto hi0 = static_cast<std::uint32_t>((std::uint64_t{kM0} * c0) >> 32);
    const auto hi1 = static_cast<std::uint32_t>((std::uint64_t{kM1} * c2) >> 32);
    out = {{c0, out[0] ^ hi1 ^ k0, c2, out[2] ^ hi0 ^ k1}};
  }
  return out;
}

// A (key, stream, index) whose 64 bits are `target`: seed fixed, the counter solved for.
struct Position {
  StreamKey key;
  std::uint32_t stream;
  std::uint32_t index;
};

Position position_with_bits(std::uint64_t target) {
  const std::uint64_t seed = 12345;
  const r123::Philox4x32::key_type key{
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type out{{static_cast<std::uint32_t>(target >> 32),
                                        static_cast<std::uint32_t>(target), 0x600dcafeu, 0x12345678u}};
  const auto ctr = philox_inverse(out, key);
  REQUIRE(r123::Philox4x32{}(ctr, key) == out);  // the inverse is right, or the test below proves nothing
  // RandomStreams lays out the counter as {index, stream, partition, replication}.
  return {StreamKey{.seed = seed, .replication = ctr[3], .partition = ctr[2]}, ctr[1], ctr[0]};
}

}  // namespace

TEST_CASE("random_stream: the same key, stream and index give the same bits", "[sim]") {
  const RandomStreams a(kKey);
  const RandomStreams b(kKey);
  for (const std::uint32_t stream : {0u, 1u, 999'999u, labsim::sim::kFirstReservedStream}) {
    CHECK(first_bits(a, stream, 100) == first_bits(b, stream, 100));
  }
  CHECK(a.uniform(5, 17) == b.uniform(5, 17));
}

TEST_CASE("random_stream: a different seed, replication, partition, stream or index gives different bits",
          "[sim]") {
  // 64-bit values from distinct counters or keys coincide by chance with probability 2^-64 per pair, so a
  // single coincidence among these 1000 positions means the field is ignored or aliased with another.
  const auto base = first_bits(RandomStreams(kKey), 4, 1000);
  const auto with = [](StreamKey key) { return first_bits(RandomStreams(key), 4, 1000); };

  CHECK(coincidences(base, with({.seed = kKey.seed + 1, .replication = 3, .partition = 11})) == 0);
  CHECK(coincidences(base, with({.seed = kKey.seed + (1ull << 32), .replication = 3, .partition = 11})) == 0);
  CHECK(coincidences(base, with({.seed = kKey.seed, .replication = 4, .partition = 11})) == 0);
  CHECK(coincidences(base, with({.seed = kKey.seed, .replication = 3, .partition = 12})) == 0);
  // Swapping replication and partition must not give the same streams.
  CHECK(coincidences(base, with({.seed = kKey.seed, .replication = 11, .partition = 3})) == 0);
  CHECK(coincidences(base, first_bits(RandomStreams(kKey), 5, 1000)) == 0);

  // Neighbouring indices within one stream are different too.
  std::vector<std::uint64_t> shifted(base.begin() + 1, base.end());
  shifted.push_back(RandomStreams(kKey).bits(4, 1000));
  CHECK(coincidences(base, shifted) == 0);
}

TEST_CASE("random_stream: uniform is strictly inside (0, 1)", "[sim]") {
  const RandomStreams streams(kKey);
  double lowest = 1.0, highest = 0.0;
  for (std::uint32_t i = 0; i < 200'000; ++i) {
    const double u = streams.uniform(i % 7, i);
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
  }
  CHECK(lowest > 0.0);
  CHECK(highest < 1.0);
}

TEST_CASE("random_stream: uniform stays inside (0, 1) at the extreme bit patterns", "[sim]") {
  // 200,000 draws cannot reach the extremes (2^-53 each), so solve Philox for the counters that produce
  // all-zero and all-one bits and draw there.
  SECTION("all bits zero") {
    const auto at = position_with_bits(0);
    const RandomStreams streams(at.key);
    REQUIRE(streams.bits(at.stream, at.index) == 0);
    CHECK(streams.uniform(at.stream, at.index) > 0.0);
  }
  SECTION("all bits one") {
    const auto at = position_with_bits(~std::uint64_t{0});
    const RandomStreams streams(at.key);
    REQUIRE(streams.bits(at.stream, at.index) == ~std::uint64_t{0});
    CHECK(streams.uniform(at.stream, at.index) < 1.0);
    std::uint32_t position = at.index;
    CHECK(StreamCursor(streams, at.stream, position).exponential() >
          0.0);  // a duration of zero is impossible
  }
}

TEST_CASE("random_stream: uniform mean and variance match U(0, 1)", "[sim][stats]") {
  // n = 200,000 draws, seed pinned. Tolerance 4 standard errors: SE(mean) = sqrt(1/12 / n) and, for the
  // sample variance, SE = sqrt((E(U - 1/2)^4 - 1/144) / n) = sqrt((1/80 - 1/144) / n) = sqrt(1/180 / n).
  constexpr std::uint32_t n = 200'000;
  const RandomStreams streams(kKey);
  double sum = 0.0, sum_squares = 0.0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const double u = streams.uniform(i % 1000, i / 1000);  // across streams and positions, as persons draw
    sum += u;
    sum_squares += (u - 0.5) * (u - 0.5);
  }
  const double mean = sum / n;
  const double variance = sum_squares / n - (mean - 0.5) * (mean - 0.5);
  CHECK(std::abs(mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::abs(variance - 1.0 / 12.0) < 4.0 * std::sqrt(1.0 / 180.0 / n));
}

TEST_CASE("random_stream: exponential passes a KS test against Exp(1)", "[sim][stats]") {
  // n = 100,000 draws from one cursor, seed pinned; critical value at alpha = 0.001 is 1.9495 / sqrt(n) =
  // 0.0062.
  constexpr std::size_t n = 100'000;
  const RandomStreams streams(kKey);
  std::uint32_t position = 0;
  StreamCursor cursor(streams, 42, position);
  std::vector<double> sample(n);
  for (double& x : sample) x = cursor.exponential();
  CHECK(position == n);  // the cursor advances its caller's position once per draw

  const double critical = labsim::test::ks_critical_value(0.001, n);
  CHECK(labsim::test::ks_statistic(sample, [](double x) { return 1.0 - std::exp(-x); }) < critical);
  // The test has power: a 5% error in the rate shifts the CDF by up to 0.05 / e = 0.018, three times the
  // critical value.
  CHECK(labsim::test::ks_statistic(sample, [](double x) { return 1.0 - std::exp(-1.05 * x); }) > critical);
}

TEST_CASE("random_stream: first draws across many streams are uniform", "[sim][stats]") {
  // Each person draws their first number at index 0 of their own stream, so those must be uniform across
  // streams. n = 100,000 streams, seed pinned; KS critical value at alpha = 0.001 is 1.9495 / sqrt(n).
  constexpr std::uint32_t n = 100'000;
  const RandomStreams streams(kKey);
  std::vector<double> sample(n);
  for (std::uint32_t s = 0; s < n; ++s) sample[s] = streams.uniform(s, 0);
  CHECK(labsim::test::ks_statistic(sample, [](double x) { return x; }) <
        labsim::test::ks_critical_value(0.001, n));
}

TEST_CASE("random_stream: bernoulli(p) succeeds with probability p", "[sim][stats]") {
  // n = 100,000 trials per p, seed pinned; tolerance 4 binomial standard errors sqrt(p (1 - p) / n).
  constexpr std::uint32_t n = 100'000;
  const RandomStreams streams(kKey);
  for (const double p : {0.01, 0.3, 0.5, 0.9}) {
    std::uint32_t position = 0;
    StreamCursor cursor(streams, static_cast<std::uint32_t>(p * 100), position);
    int successes = 0;
    for (std::uint32_t i = 0; i < n; ++i) successes += cursor.bernoulli(p) ? 1 : 0;
    INFO("p = " << p);
    CHECK(std::abs(successes / static_cast<double>(n) - p) <
          4.0 * labsim::test::binomial_standard_error(p, n));
  }
  std::uint32_t position = 0;
  StreamCursor cursor(streams, 0, position);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(cursor.bernoulli(0.0));
    REQUIRE(cursor.bernoulli(1.0));
  }
}

TEST_CASE("random_stream: a person's draws do not depend on the order persons draw in", "[sim]") {
  // Each person draws from their own stream with their own position. Order 1: person by person, all draws at
  // once. Order 2: one draw at a time, persons visited backwards and interleaved with a partition-level
  // stream.
  constexpr std::uint32_t kPersons = 500;
  constexpr int kDraws = 20;
  const RandomStreams streams(kKey);

  std::vector<std::vector<double>> in_order(kPersons);
  std::vector<std::uint32_t> position(kPersons, 0);
  for (std::uint32_t p = 0; p < kPersons; ++p) {
    StreamCursor cursor(streams, p, position[p]);
    for (int d = 0; d < kDraws; ++d)
      in_order[p].push_back(d % 2 == 0 ? cursor.uniform() : cursor.exponential());
  }

  std::vector<std::vector<double>> interleaved(kPersons);
  std::fill(position.begin(), position.end(), 0u);
  std::uint32_t arrivals_position = 0;
  for (int d = 0; d < kDraws; ++d) {
    for (std::uint32_t q = 0; q < kPersons; ++q) {
      const std::uint32_t p = (kPersons - 1 - q + static_cast<std::uint32_t>(d) * 37) % kPersons;
      StreamCursor cursor(streams, p, position[p]);
      interleaved[p].push_back(d % 2 == 0 ? cursor.uniform() : cursor.exponential());
      StreamCursor(streams, labsim::sim::kFirstReservedStream, arrivals_position).uniform();
    }
  }

  for (std::uint32_t p = 0; p < kPersons; ++p)
    REQUIRE(interleaved[p] == in_order[p]);  // bitwise equal doubles
  // And persons do not all draw the same numbers.
  CHECK(in_order[0] != in_order[1]);
}
