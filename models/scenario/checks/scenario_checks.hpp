// What every section's checks share besides typed reads: the declared names,
// and where keys were found, for checks that can only run once the jobcentre CSV has been read.
#pragma once

#include <toml++/toml.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "models/scenario/checks/toml_checks.hpp"
#include "models/scenario/scenario.hpp"

namespace labsim::models::detail {

class ScenarioChecks : public TomlChecks {
 public:
  // Reads the names of [states] and [offers] up front: an offer's completion_state names a state, a state's
  // offer_mix an offer. A missing or mistyped table gives no names here; its own check reports it.
  ScenarioChecks(const toml::table& root, std::string root_path, const SourceOrder& order);

  const std::vector<std::string>& state_names() const { return state_names_; }
  const std::vector<std::string>& offer_names() const { return offer_names_; }

  // "file:line" (or --set) of a dotted key, for errors found after checking: "states.X", "offers.X", ...
  void locate(const std::string& key, const toml::source_region& source);
  const std::map<std::string, std::string, std::less<>>& locations() const { return locations_; }

  // Records a jobcentre name to check against the CSV. `subject` is what the message calls it, e.g.
  // `cohorts[0].jobcentre = "Aalborg"` or `caseworkers.by_jobcentre.Aalborg`.
  void uses_jobcentre(std::string subject, std::string name, const toml::source_region& source);
  // A table { jobcentre = number }: numbers checked now, names recorded for check_jobcentre_names.
  std::map<std::string, double> numbers_by_jobcentre(const toml::node& node, const std::string& key);
  // Throws sim::InputError for the first recorded name that is not a jobcentre in the CSV at `csv_path`.
  void check_jobcentre_names(const std::vector<JobcentreSpec>& jobcentres, const std::string& csv_path) const;

 private:
  struct JobcentreUse {
    std::string subject;
    std::string name;
    std::string where;
  };

  std::vector<std::string> state_names_;
  std::vector<std::string> offer_names_;
  std::map<std::string, std::string, std::less<>> locations_;
  std::vector<JobcentreUse> jobcentre_uses_;
};

}  // namespace labsim::models::detail
