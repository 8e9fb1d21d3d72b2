// The temporary file next to an output, and its rename into place.
#include "results/file/atomic_output.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace labsim::results {

namespace fs = std::filesystem;

AtomicOutput::AtomicOutput(fs::path target) : target_(std::move(target)) {
  // O_EXCL: a file of the same name, whoever made it, is never truncated; mode 0666 lets the umask set the
  // output's permissions as it would for any file the user creates.
  for (int attempt = 0;; ++attempt) {
    temporary_ = target_;
    temporary_ +=
        attempt == 0 ? fmt::format(".tmp-{}", ::getpid()) : fmt::format(".tmp-{}-{}", ::getpid(), attempt);
    const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    const int error_number = errno;
    if (fd >= 0) {
      ::close(fd);
      return;
    }
    if (error_number != EEXIST || attempt == 100) {
      const std::error_code error(error_number, std::generic_category());
      throw fs::filesystem_error("cannot create a temporary file next to the output", target_, error);
    }
  }
}

AtomicOutput::~AtomicOutput() {
  if (committed_ || temporary_.empty()) return;
  std::error_code ignored;
  fs::remove(temporary_, ignored);
}

void AtomicOutput::commit() {
  fs::rename(temporary_, target_);
  committed_ = true;
}

void AtomicOutput::write(std::string_view text) const {
  std::ofstream out(temporary_, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", target_.string()));
}

void write_file_atomically(const fs::path& target, std::string_view text) {
  AtomicOutput output(target);
  output.write(text);
  output.commit();
}

}  // namespace labsim::results
