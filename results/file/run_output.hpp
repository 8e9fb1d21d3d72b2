// Lays a finished run's task tallies out as labelled arrays over named dimensions, ready for the result file.
#pragma once

#include "models/model.hpp"
#include "models/simulator/simulate.hpp"
#include "results/labelled_array.hpp"

namespace labsim::results {

RunOutput make_run_output(const models::Model& model, const models::RunResult& run, Provenance provenance);

}  // namespace labsim::results
