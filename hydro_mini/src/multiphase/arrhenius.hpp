// One-step, first-order Arrhenius chemistry of HMX (Henson, Asay, Smilowitz &
// Dickson, LA-UR-01-3499, as coded in LANL EOSlib):
//   dλ/dt = Z (1 − λ) exp(−T_a / T),  Z = 5.58e12 1/s,  T_a = Ea/R = 17 922 K,
// with the heat of reaction Q released into the explosive at constant volume.
// The Mie–Grüneisen temperature is linear in the energy at fixed density, so
// within one cell over one step T = T_start + (Q/cv)(λ − λ_start) exactly and
// the update is a scalar autonomous ODE in λ.
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

struct Arrhenius {
  Real Z = 5.58e12;       // 1/s
  Real T_a = 17922.0;     // K (149 kJ/mol / R)
  Real Q = 5.0e6;         // J/kg, heat of reaction (sources give 4.5–5.6 MJ/kg)
  Real max_dlam = 0.02;   // largest change of λ in one sub-step
  // Largest temperature change in one sub-step, in units of T²/T_a (the
  // change that multiplies the rate constant by e).
  Real max_dT = 0.05;

  KOKKOS_INLINE_FUNCTION Real rate_constant(Real T) const {
    return T > 0.0 ? Z * kmath::exp(-T_a / T) : 0.0;
  }

  // Menikoff's adiabatic induction time t_ad = [T² cv / (T_a Q)] exp(T_a/T)/Z.
  Real induction_time(Real T, Real cv) const {
    return T * T * cv / (T_a * Q) * kmath::exp(T_a / T) / Z;
  }

  // Advances λ over dt in a cell whose explosive is at temperature T with
  // specific heat cv; returns the new λ. Sub-steps of the exponential
  // integrator λ' = 1 − (1 − λ) exp(−k h), with k at the temperature of the
  // sub-step's midpoint (predicted), so that λ stays in [0, 1] however stiff
  // the cell. Each sub-step changes λ by about max_dlam at most, and T by
  // max_dT·T²/T_a (so that k changes by about 5 %): second order,
  // unconditionally stable. `substeps` returns how many were taken.
  KOKKOS_INLINE_FUNCTION Real advance(Real lam, Real T, Real cv, Real dt, int& substeps) const {
    const Real heat = Q / cv;  // K per unit λ
    const Real T0 = T, lam0 = lam;
    Real t = 0.0;
    substeps = 0;
    while (t < dt && lam < 1.0) {
      const Real Tn = T0 + heat * (lam - lam0);
      const Real k = rate_constant(Tn);
      if (k * (dt - t) < 1e-14) break;  // nothing happens in the rest of the step
      // Sub-step so that λ and T move by about their bounds at the current rate.
      const Real dlam = min2(max_dlam, max_dT * Tn * Tn / (T_a * heat));
      const Real h = min2(dt - t, dlam / (k * max2(1.0 - lam, 1e-3)));
      const Real lam_half = 1.0 - (1.0 - lam) * kmath::exp(-0.5 * k * h);
      const Real k_mid = rate_constant(T0 + heat * (lam_half - lam0));
      lam = 1.0 - (1.0 - lam) * kmath::exp(-k_mid * h);
      t += h;
      ++substeps;
    }
    return lam;
  }
};

}  // namespace ember::hydro
