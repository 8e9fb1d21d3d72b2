// Progress line drawing with carriage returns, so it never scrolls the terminal.
#include "sim/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <utility>

namespace labsim::sim {

namespace {
std::string format_seconds(double s) {
  const long t = std::lround(s);
  if (t < 60) return fmt::format("{} s", t);
  if (t < 3600) return fmt::format("{} min {:02} s", t / 60, t % 60);
  return fmt::format("{:.1f} h", s / 3600);
}
}  // namespace

Progress::Progress(std::string what, std::uint64_t total, bool enabled)
    : what_(std::move(what)),
      total_(total),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (enabled_ && total_ > 0) draw(true);
}

bool Progress::stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

void Progress::advance(std::uint64_t units) {
  if (!enabled_) return;
  const std::scoped_lock lock(mutex_);
  done_ += units;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200) && done_ < total_) return;
  last_draw_ = now;
  draw(false);
}

void Progress::draw(bool final) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double share = total_ == 0 ? 1.0 : static_cast<double>(done_) / static_cast<double>(total_);
  std::string line =
      fmt::format("\r{}: {:5.1f}% done, {} elapsed", what_, 100.0 * share, format_seconds(elapsed));
  if (!final && share > 0.0 && share < 1.0) {
    line += fmt::format(", about {} left", format_seconds(elapsed / share - elapsed));
  }
  line += "   ";
  if (final) line += "\n";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace labsim::sim
