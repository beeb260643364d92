// The materials of resolved-void runs, with their sources, and the ambient
// state they start from.
#pragma once

#include "multiphase/five_eq_solver.hpp"

namespace ember::hydro {

constexpr Real kAmbientPressure = 1e5;    // Pa
constexpr Real kAmbientTemperature = 300; // K
// HMX thermal conductivity, W/(m K): a representative room-temperature value
// (measurements on HMX and HMX-based PBXs span about 0.3–0.5).
constexpr Real kHmxConductivity = 0.4;

// HMX: Mie–Grüneisen on the linear Us–up Hugoniot of Benson & Conley 1999
// (Uintah), cv = 1280 J/(kg K) from the same file set. Voids: air as an ideal
// gas at ambient pressure and temperature.
inline HmxGas hmx_in_air() {
  HmxGas m;
  m.phase1 = MieGruneisen{1900.0, 2901.0, 2.058, 1.1, 1280.0, kAmbientTemperature};
  m.phase2 = IdealGas{1.4, 717.5};
  return m;
}

// A cell of a porous explosive at ambient conditions with HMX volume fraction
// alpha1: both phases at the ambient pressure, the gas at the ambient
// temperature, at rest and unreacted.
inline MixedCell ambient_cell(const HmxGas& m, Real alpha1) {
  MixedCell c;
  c.alpha1 = alpha1;
  c.rho1 = m.phase1.rho0;
  c.rho2 = kAmbientPressure / ((m.phase2.gamma - 1.0) * m.phase2.cv * kAmbientTemperature);
  c.p = kAmbientPressure;
  return c;
}

// The same cell behind a shock of particle velocity up that has run into the
// explosive at rest: the Hugoniot state ρ = ρ0 Us/(Us − up), p = ρ0 Us up,
// u = up. Starting a run with the shock already formed avoids the entropy
// spike ("wall heating") an impulsively started piston leaves in the first
// cells, which Arrhenius chemistry would turn into a spurious ignition.
inline MixedCell shocked_cell(const HmxGas& m, Real alpha1, Real up) {
  const MieGruneisen& h = m.phase1;
  const Real us = h.c0 + h.s * up;
  MixedCell c = ambient_cell(m, alpha1);
  c.rho1 = h.rho0 * us / (us - up);
  c.p = h.rho0 * us * up + kAmbientPressure;
  c.u = up;
  return c;
}

}  // namespace ember::hydro
