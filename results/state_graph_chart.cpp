#include "results/state_graph_chart.hpp"
