#include "models/state_graph_dot.hpp"
