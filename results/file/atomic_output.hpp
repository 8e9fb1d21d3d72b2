// Output files that appear whole or not at all: written under a temporary name next to the file asked for,
// and renamed onto it only when complete.
#pragma once

#include <filesystem>
#include <string_view>

namespace labsim::results {

// One output file on its way: write to temporary(), then commit(). Until then the target is left as it was,
// and a temporary not committed (an error, an exception) is removed when the AtomicOutput goes away.
class AtomicOutput {
 public:
  // Creates an empty temporary file in the target's folder, `<target>.tmp-<pid>`, or with a further number
  // when that name is taken: no file already there is replaced. Throws std::filesystem::filesystem_error if
  // it cannot be created.
  explicit AtomicOutput(std::filesystem::path target);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();

  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  [[nodiscard]] const std::filesystem::path& temporary() const { return temporary_; }

  // Writes `text` as the temporary file's contents. Throws std::runtime_error "cannot write <target>".
  void write(std::string_view text) const;

  // Renames the temporary file onto the target, replacing what was there. Throws
  // std::filesystem::filesystem_error if the rename fails (the temporary is then still removed).
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

// Writes `text` to `target` through an AtomicOutput. Throws std::runtime_error "cannot write <target>" (or
// the filesystem_error of the rename) and leaves the target as it was.
void write_file_atomically(const std::filesystem::path& target, std::string_view text);

}  // namespace labsim::results
