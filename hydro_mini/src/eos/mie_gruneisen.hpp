// Mie–Grüneisen EOS on a linear Us–up Hugoniot reference, with Γρ = Γ0 ρ0:
//
//   η = 1 - ρ0/ρ,  p_H = ρ0 c0² η / (1 - sη)²,  e_H = p_H η / (2ρ0)
//   p(ρ, e) = p_H(η) + Γ0 ρ0 (e - e_H(η))
//
// e is measured from the reference state (ρ0, p = 0, e = 0, T0). Temperature
// with constant cv: T = T_s(ρ) + (e - e_s(ρ))/cv along the isentrope through
// the reference state, where T_s = T0 exp(Γ0 η) (from dlnT/dlnρ = Γ) and
//   e_s(η) = exp(Γ0 η) ∫0^η exp(-Γ0 η') p_H(η')/ρ0 (1 - Γ0 η'/2) dη'.
// Valid for η < 1/s (the limiting compression of the linear Us–up fit).
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

struct MieGruneisen {
  Real rho0 = 1900.0;  // kg/m³ (HMX: Benson & Conley 1999 via Uintah)
  Real c0 = 2901.0;    // m/s
  Real s = 2.058;
  Real gamma0 = 1.1;
  Real cv = 1280.0;    // J/(kg K)
  Real T0 = 300.0;     // K

  KOKKOS_INLINE_FUNCTION Real eta(Real rho) const { return 1.0 - rho0 / rho; }
  KOKKOS_INLINE_FUNCTION Real p_hugoniot(Real et) const {
    const Real d = 1.0 - s * et;
    return rho0 * c0 * c0 * et / (d * d);
  }
  KOKKOS_INLINE_FUNCTION Real e_hugoniot(Real et) const { return p_hugoniot(et) * et / (2.0 * rho0); }

  KOKKOS_INLINE_FUNCTION Real pressure(Real rho, Real e, Real /*lam*/ = 0.0) const {
    const Real et = eta(rho);
    return p_hugoniot(et) + gamma0 * rho0 * (e - e_hugoniot(et));
  }
  KOKKOS_INLINE_FUNCTION Real energy(Real rho, Real p, Real /*lam*/ = 0.0) const {
    const Real et = eta(rho);
    return e_hugoniot(et) + (p - p_hugoniot(et)) / (gamma0 * rho0);
  }
  // c² = ∂p/∂ρ|e + (p/ρ²) ∂p/∂e|ρ, with dη/dρ = ρ0/ρ².
  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real rho, Real /*e*/, Real p, Real /*lam*/ = 0.0) const {
    const Real et = eta(rho);
    const Real d = 1.0 - s * et;
    const Real ph = p_hugoniot(et);
    const Real dph = rho0 * c0 * c0 * (1.0 + s * et) / (d * d * d);
    const Real deh = (dph * et + ph) / (2.0 * rho0);
    const Real dpde = gamma0 * rho0;
    return (dph - dpde * deh) * rho0 / (rho * rho) + dpde * p / (rho * rho);
  }
  KOKKOS_INLINE_FUNCTION Real temperature(Real rho, Real e, Real /*lam*/ = 0.0) const {
    const Real et = eta(rho);
    return T0 * kmath::exp(gamma0 * et) + (e - e_isentrope(et)) / cv;
  }
  // Tension below -ρ0 c0² would be unphysical spall; the floor only keeps
  // reconstruction from producing states with imaginary sound speed.
  KOKKOS_INLINE_FUNCTION Real pressure_floor() const { return -rho0 * c0 * c0; }

  // Particle velocity behind a shock of pressure p into the reference state
  // at rest: on the linear Us–up Hugoniot p = ρ0 (c0 + s·up) up.
  Real particle_velocity_for_pressure(Real p) const {
    return s > 0.0 ? (-c0 + kmath::sqrt(c0 * c0 + 4.0 * s * p / rho0)) / (2.0 * s) : p / (rho0 * c0);
  }

  // Energy along the reference isentrope, by 8-point Gauss–Legendre: smooth
  // for η < 1/s, and off the time-step path (temperature only).
  KOKKOS_INLINE_FUNCTION Real e_isentrope(Real et) const {
    constexpr Real x[4] = {0.1834346424956498, 0.5255324099163290, 0.7966664774136267,
                           0.9602898564975363};
    constexpr Real w[4] = {0.3626837833783620, 0.3137066458778873, 0.2223810344533745,
                           0.1012285362903763};
    Real sum = 0.0;
    for (int k = 0; k < 4; ++k)
      for (int sign = -1; sign <= 1; sign += 2) {
        const Real q = 0.5 * et * (1.0 + sign * x[k]);
        sum += w[k] * kmath::exp(-gamma0 * q) * p_hugoniot(q) / rho0 * (1.0 - 0.5 * gamma0 * q);
      }
    return kmath::exp(gamma0 * et) * 0.5 * et * sum;
  }
};

}  // namespace ember::hydro
