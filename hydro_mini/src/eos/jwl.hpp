// Jones–Wilkins–Lee EOS for detonation products:
//
//   V = ρ0/ρ,  p = A (1 - ω/(R1 V)) e^{-R1 V} + B (1 - ω/(R2 V)) e^{-R2 V} + ω ρ e
//
// which is Mie–Grüneisen with Γ = ω about the principal isentrope
//   p_s = A e^{-R1 V} + B e^{-R2 V} + C V^{-(1+ω)},
//   e_s = (A/R1 e^{-R1 V} + B/R2 e^{-R2 V} + C/(ω V^ω)) / ρ0.
// Temperature with constant cv: T = T_s V^{-ω} + (e - e_s)/cv, where T_s is
// the isentrope's temperature at V = 1.
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

struct Jwl {
  // PBX 9501 / LX-14 products (Tarver, Tao & Lee 1996 via LANL EOSlib), SI.
  Real rho0 = 1835.0;   // kg/m³
  Real A = 1.6689e12;   // Pa
  Real B = 5.969e10;    // Pa
  Real C = 1.8229e9;    // Pa
  Real R1 = 5.9;
  Real R2 = 2.1;
  Real omega = 0.45;
  Real cv = 1000.0;     // J/(kg K)
  Real T_s = 300.0;     // K

  KOKKOS_INLINE_FUNCTION Real p_ref(Real V) const {
    return A * (1.0 - omega / (R1 * V)) * kmath::exp(-R1 * V) +
           B * (1.0 - omega / (R2 * V)) * kmath::exp(-R2 * V);
  }
  KOKKOS_INLINE_FUNCTION Real dp_ref_dV(Real V) const {
    const Real e1 = kmath::exp(-R1 * V), e2 = kmath::exp(-R2 * V);
    return A * e1 * (omega / (R1 * V * V) - R1 * (1.0 - omega / (R1 * V))) +
           B * e2 * (omega / (R2 * V * V) - R2 * (1.0 - omega / (R2 * V)));
  }

  KOKKOS_INLINE_FUNCTION Real pressure(Real rho, Real e, Real /*lam*/ = 0.0) const {
    return p_ref(rho0 / rho) + omega * rho * e;
  }
  KOKKOS_INLINE_FUNCTION Real energy(Real rho, Real p, Real /*lam*/ = 0.0) const {
    return (p - p_ref(rho0 / rho)) / (omega * rho);
  }
  // c² = ∂p/∂ρ|e + (p/ρ²) ∂p/∂e|ρ with dV/dρ = -ρ0/ρ².
  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real rho, Real e, Real p, Real /*lam*/ = 0.0) const {
    return -dp_ref_dV(rho0 / rho) * rho0 / (rho * rho) + omega * e + omega * p / rho;
  }
  KOKKOS_INLINE_FUNCTION Real e_isentrope(Real V) const {
    return (A / R1 * kmath::exp(-R1 * V) + B / R2 * kmath::exp(-R2 * V) +
            C / (omega * kmath::pow(V, omega))) / rho0;
  }
  KOKKOS_INLINE_FUNCTION Real temperature(Real rho, Real e, Real /*lam*/ = 0.0) const {
    const Real V = rho0 / rho;
    return T_s * kmath::pow(V, -omega) + (e - e_isentrope(V)) / cv;
  }
  KOKKOS_INLINE_FUNCTION Real pressure_floor() const { return 0.0; }
};

}  // namespace ember::hydro
