// Variable layout. Conserved: ρ, ρu, ρv, E, then ρ·s_k for each passive
// scalar s_k (mass fractions). Primitive: ρ, u, v, p, then s_k. Scalar 0,
// when present, is the reaction progress λ, which the EOS takes as its
// composition. Cell arrays are [var][j][i].
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

enum : int { IDN = 0, IM1 = 1, IM2 = 2, IEN = 3, NHYDRO = 4 };
enum : int { IVX = 1, IVY = 2, IPR = 3 };

// One side of a face, rotated so that "n" is normal to it.
struct FaceState {
  Real rho, un, ut, p, e, c;  // e: specific internal energy; c: sound speed
};

// Fluxes of the hydro variables through a face, in rotated components.
struct Flux {
  Real mass, mom_n, mom_t, energy;
};

}  // namespace ember::hydro
