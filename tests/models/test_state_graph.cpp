// Tests for the state graph: its shape, the entry states, and the exact text of each graph error.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "models/scenario/state_graph.hpp"
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
                "in an offer_mix in a state it is open to (the state's follow_up, a programme step or a "
                "trial arm), or remove it"));
  }
  SECTION("transition naming an undeclared state") {
    s.transitions[0].to = "d";
    s.transitions[0].source_line = 12;
    CHECK_THROWS_MATCHES(build_state_graph(s), InputError,
                         Message("x.toml:12: transitions[0].to = \"d\" is not a declared state"));
  }
}

namespace {

// three_states() plus d, reached only when a's benefit runs out, and e, reached only when the course ends.
Scenario with_limit_and_completion() {
  Scenario s = three_states();
  s.states.push_back(state("d", 11));
  s.states.push_back(state("e", 13));
  BenefitLimit limit;
  limit.max_weeks = 52;
  limit.to = {{"d", 1.0}, {"b", 0.0}};  // a weight of 0 is no edge
  s.states[0].benefit_limit = limit;
  s.offers[0].completion_state = "e";
  s.transitions.push_back(transition("d", "c"));
  s.transitions.push_back(transition("e", "c"));
  return s;
}

}  // namespace

TEST_CASE("state_graph: benefit limits and offer completions are edges after the transitions", "[models]") {
  const Scenario s = with_limit_and_completion();
  const StateGraph g = build_state_graph(s);
  REQUIRE(boost::num_edges(g) == 7);
  std::vector<std::pair<std::size_t, EdgeKind>> out_of_a;
  for (const auto& e : boost::make_iterator_range(boost::out_edges(0, g))) {
    out_of_a.emplace_back(boost::target(e, g), g[e].kind);
  }
  CHECK(out_of_a == std::vector<std::pair<std::size_t, EdgeKind>>{
                        {1, EdgeKind::transition}, {3, EdgeKind::benefit_limit}, {4, EdgeKind::completion}});
  CHECK_NOTHROW(validate_state_graph(s));
}

TEST_CASE("state_graph: a state reached only by a benefit limit, a completion or a cohort is reachable",
          "[models]") {
  Scenario s = with_limit_and_completion();
  SECTION("without the limit") {
    s.states[0].benefit_limit.reset();
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:11: states.d is unreachable: no jobcentre has persons or inflow in it or "
                "in any state that leads to it"));
  }
  SECTION("without the completion") {
    s.offers[0].completion_state.clear();
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:13: states.e is unreachable: no jobcentre has persons or inflow in it or "
                "in any state that leads to it"));
  }
  SECTION("a cohort's entry state") {
    s.offers[0].completion_state.clear();
    Cohort cohort;
    cohort.entry = {{"a", 1.0}, {"e", 0.5}};
    s.cohorts.push_back(cohort);
    CHECK(entry_states(s) == std::vector<std::size_t>{0, 4});
    CHECK_NOTHROW(validate_state_graph(s));
  }
}

TEST_CASE("state_graph: a benefit limit is a way out, an offer's completion is not", "[models]") {
  Scenario s = with_limit_and_completion();
  SECTION("absorbing state with a benefit limit") {
    s.transitions.erase(s.transitions.begin());  // a -> b
    s.transitions.push_back(transition("e", "b"));
    s.states[0].absorbing = true;
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:3: states.a is absorbing but its benefit_limit moves persons out: remove "
                "the benefit_limit or absorbing = true"));
  }
  SECTION("absorbing state whose follow-up gives an offer that completes elsewhere") {
    s.states[0].benefit_limit.reset();
    s.transitions.erase(s.transitions.begin());  // a -> b
    s.states[0].absorbing = true;
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:3: states.a is absorbing but offers.course moves persons out when it ends "
                "(completion_state): stop offering it there or remove absorbing = true"));
  }
  SECTION("a benefit limit alone leads out") {
    s.transitions.erase(s.transitions.begin());  // a -> b
    s.transitions.push_back(transition("e", "b"));
    CHECK_NOTHROW(validate_state_graph(s));
  }
  SECTION("an offer's completion alone does not") {
    s.states[0].benefit_limit.reset();
    s.transitions.erase(s.transitions.begin());  // a -> b: a is left only when the course ends
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml:3: states.a has no way out: add a transition from it or declare absorbing = true"));
  }
}

TEST_CASE("state_graph: any policy's offer_mix offers, and the add-on through add_on_share", "[models]") {
  Scenario s = three_states();
  s.offers.push_back(offer("internship"));
  s.offers.push_back(offer("mentor"));
  s.offers[2].add_on = true;
  FollowUpPolicy intensive;
  intensive.offer_mix = {{"internship", 1.0}};
  s.states[0].follow_up.intensive = intensive;
  SECTION("the add-on without add_on_share") {
    CHECK_THROWS_MATCHES(
        validate_state_graph(s), InputError,
        Message("x.toml: offers.mentor is never offered: it is the add-on offer, so give an offer "
                "that is offered add_on_share > 0, or remove it"));
  }
  SECTION("the add-on through an offered offer's add_on_share") {
    s.offers[1].add_on_share = 0.3;
    CHECK_NOTHROW(validate_state_graph(s));
  }
  SECTION("the other_actor policy offers too; with no policy giving it, the offer is unused") {
    s.offers[1].add_on_share = 0.3;
    s.states[0].follow_up.intensive.reset();
    s.states[0].follow_up.other_actor = intensive;
    CHECK_NOTHROW(validate_state_graph(s));
    s.states[0].follow_up.other_actor.reset();
    CHECK_THROWS_MATCHES(validate_state_graph(s), InputError,
                         Message("x.toml: offers.internship is never offered: give it a weight > 0 "
                                 "in an offer_mix in a state it is open to (the state's follow_up, a "
                                 "programme step or a trial arm), or remove it"));
  }
}
