// Ideal gas: p = (γ - 1) ρ e, e = cv T.
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

struct IdealGas {
  Real gamma = 1.4;
  Real cv = 717.5;  // J/(kg K), air

  KOKKOS_INLINE_FUNCTION Real pressure(Real rho, Real e, Real /*lam*/ = 0.0) const { return (gamma - 1.0) * rho * e; }
  KOKKOS_INLINE_FUNCTION Real energy(Real rho, Real p, Real /*lam*/ = 0.0) const { return p / ((gamma - 1.0) * rho); }
  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real rho, Real /*e*/, Real p, Real /*lam*/ = 0.0) const {
    return gamma * p / rho;
  }
  KOKKOS_INLINE_FUNCTION Real temperature(Real /*rho*/, Real e, Real /*lam*/ = 0.0) const { return e / cv; }
  // Lowest pressure a state may have (positivity floor of the reconstruction).
  KOKKOS_INLINE_FUNCTION Real pressure_floor() const { return 0.0; }
};

}  // namespace ember::hydro
