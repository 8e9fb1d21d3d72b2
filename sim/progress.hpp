// A one-line progress report on stderr (share done, elapsed, time left), shown only when stderr is a
// terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace labsim::sim {

class Progress {
 public:
  // `what` names the work, e.g. "simulating"; `total` is the number of units of work.
  Progress(std::string what, std::uint64_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Thread-safe; redraws at most a few times a second.
  void advance(std::uint64_t units = 1);

  // True when stderr is an interactive terminal.
  static bool stderr_is_terminal();

 private:
  void draw(bool final);

  std::string what_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

}  // namespace labsim::sim
