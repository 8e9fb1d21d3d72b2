// Tests of AtomicOutput: the file asked for appears whole on commit or not at all, the file it replaces stays
// until then, and no other file is ever overwritten.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "results/file/atomic_output.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using labsim::results::AtomicOutput;
using labsim::results::write_file_atomically;
using labsim::testing::TempDir;

namespace {

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("atomic_output: the target appears only when committed, and no temporary is left", "[results]") {
  TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  {
    AtomicOutput out(target);
    CHECK(out.temporary().parent_path() == target.parent_path());
    out.write("a,b\n1,2\n");
    CHECK_FALSE(fs::exists(target));
    CHECK(contents(out.temporary()) == "a,b\n1,2\n");
    out.commit();
  }
  CHECK(contents(target) == "a,b\n1,2\n");
  CHECK(dir.entries() == std::vector<std::string>{"out.csv"});
}

TEST_CASE("atomic_output: without a commit the temporary goes and the earlier file stays", "[results]") {
  TempDir dir;
  const fs::path target = dir.path() / "report.html";
  std::ofstream(target) << "earlier";
  try {
    AtomicOutput out(target);
    out.write("half a page");
    throw std::runtime_error("the report failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(contents(target) == "earlier");
  CHECK(dir.entries() == std::vector<std::string>{"report.html"});
}

TEST_CASE("atomic_output: a file already at the temporary name is not replaced", "[results]") {
  TempDir dir;
  const fs::path target = dir.path() / "run.h5";
  fs::path taken = target;
  taken += ".tmp-" + std::to_string(::getpid());
  std::ofstream(taken) << "the user's own file";
  {
    AtomicOutput out(target);
    CHECK(out.temporary() != taken);
    out.write("new");
    out.commit();
  }
  CHECK(contents(taken) == "the user's own file");
  CHECK(contents(target) == "new");
  CHECK(dir.entries().size() == 2);
}

TEST_CASE("atomic_output: a folder that does not exist fails before anything is written", "[results]") {
  TempDir dir;
  CHECK_THROWS_AS(AtomicOutput(dir.path() / "no" / "out.csv"), fs::filesystem_error);
  CHECK(dir.entries().empty());
}

TEST_CASE("atomic_output: a rename that fails removes the temporary and leaves the target", "[results]") {
  TempDir dir;
  // A non-empty folder under the target's name cannot be replaced by a file.
  const fs::path target = dir.path() / "out.dot";
  fs::create_directory(target);
  std::ofstream(target / "keep.txt") << "x";
  CHECK_THROWS_AS(write_file_atomically(target, "digraph {}\n"), fs::filesystem_error);
  CHECK(dir.entries() == std::vector<std::string>{"out.dot"});
  CHECK(contents(target / "keep.txt") == "x");
}
