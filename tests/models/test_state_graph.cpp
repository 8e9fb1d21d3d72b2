// Tests for the state graph: its shape, the entry states, and the exact text of each graph error.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "models/state_graph.hpp"
#include "sim/input_error.hpp"

namespace {

using namespace labsim::models;
using Catch::Matchers::Message;
using labsim::sim::InputError;

StateSpec state(std::string name, int line, bool absorbing = false) {
  StateSpec spec;
  spec.name = std::move(name);
  spec.source_line = line;
  spec.absorbing = absorbing;
  return spec;
}

TransitionSpec transition(std::string from, std::string to) {
  TransitionSpec spec;
  spec.from = std::move(from);
  spec.to = std::move(to);
  spec.hazard_per_month = {0.1};
  return spec;
}

OfferSpec offer(std::string name) {
  OfferSpec spec;
  spec.name = std::move(name);
  return spec;
}

JobcentreSpec jobcentre(std::string name, std::map<std::string, double> initial,
                        std::map<std::string, double> inflow = {}) {
  JobcentreSpec spec;
  spec.name = std::move(name);
  spec.initial_persons = std::move(initial);
  spec.inflow_per_month = std::move(inflow);
  return spec;
}

// a -> b -> c (absorbing), b -> a; persons start in a only; one offer, used in a.
Scenario three_states() {
  Scenario s;
  s.path = "x.toml";
  s.states = {state("a", 3), state("b", 7), state("c", 9, true)};
  s.states[0].has_follow_up = true;
  s.states[0].follow_up.normal.offer_mix = {{"course", 1.0}};
  s.transitions = {transition("a", "b"), transition("b", "c"), transition("b", "a")};
  s.offers = {offer("course")};
  s.jobcentres = {jobcentre("j", {{"a", 10.0}, {"b", 0.0}})};
  return s;
}

}  // namespace

TEST_CASE("state_graph: one vertex per state and one edge per transition", "[models]") {
  const StateGraph g = build_state_graph(three_states());
  REQUIRE(boost::num_vertices(g) == 3);
  CHECK(g[0].name == "a");
  CHECK(g[2].name == "c");
  REQUIRE(boost::num_edges(g) == 3);
  CHECK(boost::out_degree(1, g) == 2);
  CHECK(boost::in_degree(0, g) == 1);
  const auto [first, last] = boost::in_edges(2, g);
  REQUIRE(first != last);
  CHECK(g[*first].transition == 1);
  CHECK(boost::source(*first, g) == 1);
}

TEST_CASE("state_graph: entry states have persons or inflow somewhere", "[models]") {
  Scenario s = three_states();
  CHECK(entry_states(s) == std::vector<std::size_t>{0});
  s.jobcentres.push_back(jobcentre("k", {}, {{"c", 0.5}}));
  CHECK(entry_states(s) == std::vector<std::size_t>{0, 2});
}

TEST_CASE("state_graph: a valid graph passes", "[models]") {
  CHECK_NOTHROW(validate_state_graph(three_states()));
}

TEST_CASE("state_graph: each broken rule has its own message", "[models]") {
  Scenario s = three_states();
  SECTION("absorbing state with a way out") {
    s.states[1].absorbing = true;
    CHECK_THROWS_MATCHES(validate_state_graph(s), InputError,
                         Message("x.toml:7: states.b is absorbing but transitions[1] leaves it: remove the "
                                 "transition or absorbing = true"));
  }
  SECTION("state with no way out") {
    s.states[2].absorbing = false;
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:9: states.c has no way out: add a transition from it or declare absorbing = true"));
  }
  SECTION("unreachable state") {
    s.transitions.erase(s.transitions.begin() + 1);
    s.states[1].absorbing = false;
    s.states[2].absorbing = true;
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:9: states.c is unreachable: no jobcentre has persons or inflow in it or in "
                "any state that leads to it"));
  }
  SECTION("offer that no state offers, located by the caller") {
    s.offers.push_back(offer("coaching"));
    const SourceLocator locate = [](std::string_view key) {
      return std::string("y.toml:") + std::string(key);
    };
    CHECK_THROWS_MATCHES(
        validate_state_graph(s, locate), InputError,
        Message("y.toml:offers.coaching: offers.coaching is never offered: give it a weight > 0 "
                "in the follow_up.offer_mix of a state, or remove it"));
  }
  SECTION("transition naming an undeclared state") {
    s.transitions[0].to = "d";
    s.transitions[0].source_line = 12;
    CHECK_THROWS_MATCHES(build_state_graph(s), InputError,
                         Message("x.toml:12: transitions[0].to = \"d\" is not a declared state"));
  }
}
