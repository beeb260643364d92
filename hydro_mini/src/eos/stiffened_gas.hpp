// Stiffened gas: p = (γ - 1) ρ e - γ p∞, with e = cv T + p∞/ρ so that T is
// positive wherever p + p∞ is (Le Métayer, Massoni & Saurel 2004).
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

struct StiffenedGas {
  Real gamma = 4.4;
  Real p_inf = 6e8;  // Pa
  Real cv = 1816.0;  // J/(kg K)

  KOKKOS_INLINE_FUNCTION Real pressure(Real rho, Real e, Real /*lam*/ = 0.0) const {
    return (gamma - 1.0) * rho * e - gamma * p_inf;
  }
  KOKKOS_INLINE_FUNCTION Real energy(Real rho, Real p, Real /*lam*/ = 0.0) const {
    return (p + gamma * p_inf) / ((gamma - 1.0) * rho);
  }
  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real rho, Real /*e*/, Real p, Real /*lam*/ = 0.0) const {
    return gamma * (p + p_inf) / rho;
  }
  KOKKOS_INLINE_FUNCTION Real temperature(Real rho, Real e, Real /*lam*/ = 0.0) const {
    return (e - p_inf / rho) / cv;
  }
  KOKKOS_INLINE_FUNCTION Real pressure_floor() const { return -p_inf; }
};

}  // namespace ember::hydro
