// Variable layout of the five-equation two-material model (Kapila et al.
// 2001; Allaire, Clerc & Kokh 2002) with the HMX reaction progress:
//
//   ∂ρ/∂t      + ∇·(ρu)          = 0
//   ∂(ρu)/∂t   + ∇·(ρuu + pI)    = 0
//   ∂E/∂t      + ∇·((E + p)u)    = ∇·(κ α1 ∇T1) + α1ρ1 Q ω
//   ∂(α1ρ1λ)/∂t + ∇·(α1ρ1λu)     = α1ρ1 ω,   ω = Z (1 − λ) exp(−T_a/T1)
//   ∂(α1ρ1)/∂t + ∇·(α1ρ1u)       = 0
//   ∂α1/∂t     + u·∇α1           = K ∇·u
//
// Phase 1 is the explosive (its temperature T1 drives the chemistry), phase 2
// the gas in the voids. The conserved layout keeps ρ, ρu, ρv, E in the slots
// of the single-material solver, so that boundaries, halo exchange, totals and
// gathers work unchanged, and puts the burned HMX mass in the first scalar
// slot (the one Totals::burned_mass sums).
#pragma once

#include "hydro/variables.hpp"

namespace ember::hydro::five_eq {

// Conserved variables u[var][j][i].
enum : int { IRHO = IDN, IMX = IM1, IMY = IM2, IE = IEN, IBURN = 4, IAR1 = 5, IA1 = 6, NCONS = 7 };

// Primitive variables w[var][j][i]: the mixture density and the velocity and
// pressure in the single-material slots, then the quantities that are
// reconstructed at faces alongside u, v, p: λ, the phase densities and α1.
// Phase densities are continuous across a material interface at rest (only
// α1 jumps), so reconstructing them keeps uniform p and u uniform.
enum : int { WRHO = IDN, WU = IVX, WV = IVY, WP = IPR, WLAM = 4, WR1 = 5, WR2 = 6, WA1 = 7, NPRIM = 8 };

// Volume fractions are kept in [eps, 1 − eps]: each phase is present
// everywhere in a trace amount, which keeps both phase densities defined.
constexpr Real kAlphaMin = 1e-6;

}  // namespace ember::hydro::five_eq
