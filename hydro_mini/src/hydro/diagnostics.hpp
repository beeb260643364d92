// Whole-domain diagnostics computed by reductions (no gather).
#pragma once

#include "hydro/solver.hpp"

namespace ember::hydro {

// Largest cell-centre x where |p - p_ref| > threshold, over all ranks;
// -inf if there is none. Uses the current primitives.
double leading_front(const Solver& solver, double p_ref, double threshold);

// Largest pressure over all ranks.
double peak_pressure(const Solver& solver);

}  // namespace ember::hydro
