// Counter-based random numbers: Philox4x32-10 keyed by (seed, replication, partition, stream).
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace labsim::sim {

// Identifies an independent stream of random numbers. A person's stream depends only on the seed, the
// replication, the partition (jobcentre) and the person's index, never on scheduling or threads; so the same
// person draws the same numbers in two scenarios run with one seed (common random numbers).
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
  std::uint32_t partition = 0;
};

// Streams with an index at or above this are reserved for partition-level draws (e.g. arrivals).
inline constexpr std::uint32_t kFirstReservedStream = 0x8000'0000u;

// A partition no jobcentre uses, for draws shared by a whole replication. Its streams, by purpose:
inline constexpr std::uint32_t kReplicationPartition = 0xFFFF'FFFFu;
inline constexpr std::uint32_t kTrialClusterStream = kFirstReservedStream;   // cluster trial arms
inline constexpr std::uint32_t kCyclePathStream = kFirstReservedStream + 1;  // the economy's random walk

// Draws 64 random bits per call from a counter; the caller owns the position in each stream.
class RandomStreams {
 public:
  explicit RandomStreams(StreamKey key)
      : key_{{static_cast<std::uint32_t>(key.seed), static_cast<std::uint32_t>(key.seed >> 32)}},
        replication_(key.replication),
        partition_(key.partition) {}

  // The 64 bits at position `index` of stream `stream`.
  [[nodiscard]] std::uint64_t bits(std::uint32_t stream, std::uint32_t index) const {
    const r123::Philox4x32::ctr_type counter{{index, stream, partition_, replication_}};
    const auto out = r123::Philox4x32{}(counter, key_);
    return (static_cast<std::uint64_t>(out[0]) << 32) | out[1];
  }

  // A uniform number strictly inside (0, 1): the midpoints of 2^52 equal cells, all exactly representable,
  // so neither 0 nor 1 can come out of rounding (with 53 bits, the top cell would round up to 1.0).
  [[nodiscard]] double uniform(std::uint32_t stream, std::uint32_t index) const {
    return (static_cast<double>(bits(stream, index) >> 12) + 0.5) * 0x1.0p-52;
  }

 private:
  r123::Philox4x32::key_type key_;
  std::uint32_t replication_;
  std::uint32_t partition_;
};

// One stream and its position, for code that draws several numbers in a row.
class StreamCursor {
 public:
  StreamCursor(const RandomStreams& streams, std::uint32_t stream, std::uint32_t& position)
      : streams_(streams), stream_(stream), position_(position) {}

  double uniform() { return streams_.uniform(stream_, position_++); }
  // Standard exponential (mean 1) by inversion, so the value is a fixed function of the counter.
  double exponential() { return -std::log(uniform()); }
  // Standard normal by Box-Muller from two uniforms, rather than a standard-library distribution, whose
  // algorithm differs between implementations and would make results depend on the compiler.
  double normal() {
    const double u = uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
  }
  bool bernoulli(double p) { return uniform() < p; }

 private:
  const RandomStreams& streams_;
  std::uint32_t stream_;
  std::uint32_t& position_;
};

}  // namespace labsim::sim
