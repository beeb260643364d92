// Initial states: any function of position giving primitives, plus the two
// set-ups the verification problems use.
#pragma once

#include "hydro/solver.hpp"

#include <functional>
#include <vector>

namespace ember::hydro {

struct PrimitiveState {
  Real rho = 1.0, u = 0.0, v = 0.0, p = 1.0;
  std::vector<Real> scalars;  // mass fractions, nscalar of them
};

// Sets the interior of the solver's conserved variables from state(x, y) at
// cell centres, with the EOS of the run giving the internal energy.
void set_state(Solver& solver, const std::function<PrimitiveState(Real x, Real y)>& state);

enum class Direction { X, Y, Diagonal };

// A Riemann problem: `left` where the coordinate along `dir` is below x0,
// `right` elsewhere. For Diagonal the coordinate is (x + y)/√2 and the states'
// u is the velocity along (1, 1)/√2.
void set_riemann_problem(Solver& solver, Direction dir, Real x0, const PrimitiveState& left,
                         const PrimitiveState& right);

}  // namespace ember::hydro
