#include "results/tidy_export.hpp"
