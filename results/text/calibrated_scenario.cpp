// The calibrated scenario file: a comment header, `extends`, and the fitted keys as dotted keys.
#include "results/text/calibrated_scenario.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace labsim::results {

namespace {

bool is_number(const std::string& s) {
  const std::string_view digits = s.starts_with('+') ? std::string_view(s).substr(1) : std::string_view(s);
  double x = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), x);
  return !digits.empty() && ec == std::errc{} && end == digits.data() + digits.size();
}

bool is_date(const std::string& s) {
  return s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-' && s[7] == '-';
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string toml_value_text(const std::string& value) {
  const std::string v = trimmed(value);
  if (is_number(v) || v == "true" || v == "false" || is_date(v) || v.starts_with('"') || v.starts_with('[') ||
      v.starts_with('{') || v.starts_with('\'')) {
    return v;
  }
  return quoted(v);
}

CalibratedScenario calibrated_scenario(const CalibrationReport& report, const std::string& command_line,
                                       const std::vector<std::string>& set_overrides) {
  CalibratedScenario calibrated;
  calibrated.original = report.scenario;
  calibrated.name = report.scenario_name + ", calibrated";
  const FitResult& fit = report.fit;
  calibrated.header = {
      fmt::format("{}, calibrated: written by", report.scenario_name), "  " + command_line, "",
      fmt::format("{}; {} iterations, {} evaluations; chi-square {:.4g} on {} degrees of freedom.",
                  fit.status, fit.iterations, fit.evaluations, fit.chi_square, fit.degrees_of_freedom),
      "Fitted to:"};
  for (const auto& s : report.observed) {
    calibrated.header.push_back(fmt::format("  {} = {} (sd {}), {}", describe(s), s.value, s.sd, s.source));
  }
  calibrated.set_overrides = set_overrides;
  for (std::size_t j = 0; j < report.parameters.size(); ++j) {
    calibrated.fitted.emplace_back(report.parameters[j].key, fit.values[j]);
  }
  return calibrated;
}

std::string calibrated_scenario_text(const CalibratedScenario& scenario,
                                     const std::filesystem::path& output) {
  namespace fs = std::filesystem;
  const fs::path folder = fs::absolute(output).parent_path();
  const fs::path parent = fs::absolute(scenario.original).lexically_normal();
  const std::string extends = parent.lexically_relative(folder).generic_string();

  std::string out;
  for (const auto& line : scenario.header) out += line.empty() ? "#\n" : "# " + line + "\n";
  out += "\n";
  out += fmt::format("extends = {}\n", quoted(extends.empty() ? parent.generic_string() : extends));
  out += fmt::format("name = {}\n\n", quoted(scenario.name));
  if (!scenario.set_overrides.empty()) {
    out += "# Values given with --set to the calibration, which the fit assumed.\n";
    for (const auto& o : scenario.set_overrides) {
      const auto equals = o.find('=');
      out += fmt::format("{} = {}\n", trimmed(o.substr(0, equals)), toml_value_text(o.substr(equals + 1)));
    }
    out += "\n";
  }
  out += "# Fitted values (shortest text that reads back exactly).\n";
  for (const auto& [key, value] : scenario.fitted) out += fmt::format("{} = {}\n", key, value);
  return out;
}

}  // namespace labsim::results
