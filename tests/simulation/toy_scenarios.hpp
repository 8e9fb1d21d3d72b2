// Small hand-made scenarios, built in code, whose behaviour has a known answer.
#pragma once

#include <chrono>

#include "models/scenario.hpp"

namespace labsim::testing {

// Two states A and B with constant hazards a (A->B) and b (B->A) per month; `persons` start in A.
inline models::Scenario two_state_scenario(double a_per_month, double b_per_month, double persons, int months,
                                           int replications) {
  using namespace std::chrono;
  models::Scenario sc;
  sc.path = "two_state.toml";
  sc.name = "two states";
  sc.run = {year{2011} / January / 1, months, replications, 42};
  sc.states = {{.name = "A", .label = "A"}, {.name = "B", .label = "B"}};
  sc.transitions = {{.from = "A", .to = "B", .hazard_per_month = {a_per_month}},
                    {.from = "B", .to = "A", .hazard_per_month = {b_per_month}}};
  sc.jobcentres = {{.name = "X", .initial_persons = {{"A", persons}}}};
  return sc;
}

}  // namespace labsim::testing
