// Physical boundary conditions at the edges of the global domain, applied to
// the conserved variables of the ghost cells.
//   outflow   zero-gradient copy of the edge cell
//   reflect   mirror image with the normal velocity reversed (a fixed wall)
//   periodic  handled by the halo exchange (the decomposition wraps)
//   piston    a wall moving into the domain at a given speed, as a mirror
//             image whose normal velocity is 2·u_wall − u: the face between
//             them moves at u_wall, which drives a shock of that particle
//             velocity into the material; with a stop time the piston
//             halts then and becomes a fixed wall (a square pulse: the
//             release from the halted wall unloads the material)
#pragma once

#include "mesh/decomposition.hpp"
#include "mesh/halo_exchange.hpp"

#include <array>
#include <string>

namespace ember::hydro {

enum class BcKind : int { Outflow, Reflect, Periodic, Piston };

struct FaceBc {
  BcKind kind = BcKind::Outflow;
  Real piston_speed = 0.0;  // m/s into the domain (piston only)
  Real piston_stop = 1e300; // s, time at which the piston halts (piston only)
};

// Indexed by Side.
using Boundaries = std::array<FaceBc, 4>;

BcKind bc_kind_from_name(const std::string& name);  // throws on an unknown name
const char* bc_kind_name(BcKind kind);

// Fills the ghost cells of u along one axis at every domain edge this block
// touches (after the halo exchange along that axis), at time t.
void apply_boundaries(const Decomposition& decomp, const Boundaries& bcs, const Array3& u, int nvar,
                      Axis axis, Real t);

}  // namespace ember::hydro
