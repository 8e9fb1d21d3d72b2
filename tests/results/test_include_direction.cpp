// The folders of results/ include one another in one direction: stats <- file <- text <- report, all above
// results/labelled_array.hpp (the result file in memory); nothing in results/ includes the command line.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// A file may include files of its own folder's rank or lower; "" is results/ itself.
const std::map<std::string, int> kRank = {{"", 0}, {"stats", 1}, {"file", 2}, {"text", 3}, {"report", 4}};

// "stats" for "results/stats/summary.hpp", "" for "results/labelled_array.hpp"; nothing outside results/.
std::optional<std::string> folder_of(const std::string& path) {
  if (path.rfind("results/", 0) != 0) return std::nullopt;
  const std::string rest = path.substr(8);
  const std::size_t slash = rest.find('/');
  return slash == std::string::npos ? std::string() : rest.substr(0, slash);
}

// What is wrong with the includes of `path` (relative to the source tree), whose text is `text`: an include
// of a higher folder, of app/, or a folder the order does not know.
std::vector<std::string> wrong_includes(const std::string& path, const std::string& text) {
  std::vector<std::string> out;
  const auto from = folder_of(path);
  if (!from) return out;
  if (!kRank.contains(*from)) return {path + ": results/" + *from + "/ has no place in the order"};
  static const std::regex kInclude(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, kInclude)) continue;
    const std::string included = m[1];
    if (included.rfind("app/", 0) == 0) out.push_back(path + " includes " + included);
    const auto to = folder_of(included);
    if (!to) continue;
    if (!kRank.contains(*to)) {
      out.push_back(path + " includes " + included + ": results/" + *to + "/ has no place in the order");
    } else if (kRank.at(*to) > kRank.at(*from)) {
      out.push_back(path + " includes " + included);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("include_direction: an include against the direction is named", "[results]") {
  CHECK(wrong_includes("results/text/a.cpp", "#include \"results/report/svg_canvas.hpp\"\n") ==
        std::vector<std::string>{"results/text/a.cpp includes results/report/svg_canvas.hpp"});
  CHECK(wrong_includes("results/stats/a.hpp", "  #  include \"results/file/h5_writer.hpp\"  // why\n") ==
        std::vector<std::string>{"results/stats/a.hpp includes results/file/h5_writer.hpp"});
  CHECK(wrong_includes("results/labelled_array.hpp", "#include \"results/stats/summary.hpp\"\n").size() == 1);
  CHECK(wrong_includes("results/report/a.cpp", "#include \"app/commands.hpp\"\n") ==
        std::vector<std::string>{"results/report/a.cpp includes app/commands.hpp"});
  CHECK(wrong_includes("results/report/a.cpp", "#include \"results/plots/x.hpp\"\n") ==
        std::vector<std::string>{
            "results/report/a.cpp includes results/plots/x.hpp: results/plots/ has no place in the order"});
  CHECK(wrong_includes("results/plots/a.cpp", "") ==
        std::vector<std::string>{"results/plots/a.cpp: results/plots/ has no place in the order"});
  // Down the order, within a folder, and outside results/: all fine.
  CHECK(wrong_includes("results/report/a.cpp",
                       "#include \"results/report/b.hpp\"\n#include \"results/text/numbers.hpp\"\n"
                       "#include \"results/file/h5_reader.hpp\"\n#include \"results/stats/compare.hpp\"\n"
                       "#include \"results/labelled_array.hpp\"\n#include \"models/model.hpp\"\n"
                       "#include <string>\n")
            .empty());
  CHECK(wrong_includes("results/file/a.cpp", "#include \"results/stats/summary.hpp\"\n").empty());
  CHECK(wrong_includes("app/main.cpp", "#include \"results/report/report.hpp\"\n").empty());
}

TEST_CASE("include_direction: results/ includes its folders in one direction only", "[results]") {
  const fs::path root = LABSIM_SOURCE_DIR;
  std::vector<std::string> wrong;
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root / "results")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp")) continue;
    ++files;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    for (auto& w : wrong_includes(fs::relative(entry.path(), root).generic_string(), text.str()))
      wrong.push_back(std::move(w));
  }
  CHECK(files > 50);  // the walk found the sources
  for (const auto& w : wrong) UNSCOPED_INFO(w);
  CHECK(wrong.empty());
}
