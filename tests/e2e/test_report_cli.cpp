// labsim report from the command line: a page from a run, and bad input refused without a page.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "e2e/run_labsim.hpp"

using labsim::testing::lines;
using labsim::testing::run_labsim;
using labsim::testing::slurp;
using labsim::testing::TempDir;

namespace {

std::string small_run(const TempDir& dir) {
  const std::string h5 = (dir.path() / "tiny.h5").string();
  const auto made = run_labsim("run tests/data/scenarios/tiny.toml -r 2 -q -o " + h5, dir);
  REQUIRE(made.exit_code == 0);
  return h5;
}

}  // namespace

TEST_CASE("labsim report writes one page with a chart per section and names it", "[e2e][report]") {
  TempDir dir;
  const std::string h5 = small_run(dir);
  const std::string html = (dir.path() / "tiny.html").string();
  const auto r = run_labsim("report " + h5 + " -o " + html, dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("tiny.html") != std::string::npos);
  const std::string page = slurp(html);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("</html>") != std::string::npos);
  CHECK(page.find("id=\"f1-stock-temporary\"") != std::string::npos);
  CHECK(page.find("id=\"f1-target-labour_reserve\"") != std::string::npos);
  CHECK(page.find("id=\"f1-state-graph\"") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  // one run: no comparison
  CHECK(page.find("id=\"comparison\"") == std::string::npos);
  // the run compared with itself: a comparison whose differences are all zero
  const auto twice = run_labsim("report " + h5 + " " + h5 + " -o " + html, dir);
  REQUIRE(twice.exit_code == 0);
  CHECK(slurp(html).find("id=\"comparison\"") != std::string::npos);
}

TEST_CASE("labsim report refuses bad input in one line, exit 2, and writes nothing", "[e2e][report]") {
  TempDir dir;
  const std::string h5 = small_run(dir);
  const std::string html = (dir.path() / "r.html").string();
  const std::string not_h5 = (dir.path() / "notes.h5").string();
  { std::ofstream(not_h5) << "not hdf5"; }
  struct Case {
    std::string args;
    std::string says;
  };
  for (const auto& c : std::vector<Case>{
           {"report " + (dir.path() / "missing.h5").string() + " -o " + html, "missing.h5: no such file"},
           {"report " + not_h5 + " -o " + html, "not an HDF5 file"},
           {"report " + h5 + " -o " + (dir.path() / "r.pdf").string(), "name it with .html"},
           {"report " + h5 + " -o " + (dir.path() / "no/such/folder/r.html").string(), "-o"},
           {"report -o " + html, "files is required"},
       }) {
    INFO(c.args);
    const auto r = run_labsim(c.args, dir);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK(lines(r.err) <= 2);
    CHECK_FALSE(std::filesystem::exists(html));
  }
}
