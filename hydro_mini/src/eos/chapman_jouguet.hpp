// Reference states of the reactive mixture for verifying detonation and
// shock-initiation runs: the Chapman–Jouguet state of its products and the
// shocked state of its unreacted solid. Host code.
#pragma once

#include "eos/reactive_mixture.hpp"

namespace ember::hydro {

// Detonation speed (m/s), pressure (Pa), density (kg/m³), particle velocity
// (m/s) and the products' specific energy in the mixture's convention (their
// JWL energy is e + q).
struct CjState {
  double D, p, rho, u, e;
};

// CJ state of a steady detonation into the mixture at rest at (rho0, e0 = 0,
// p0): the minimum of D over the products' Hugoniot (λ = 1, heat release q),
// i.e. the point where the Rayleigh line is tangent to it, to relative 1e-12
// in v. Throws std::invalid_argument when the Hugoniot admits no CJ point
// (e.g. q <= 0).
CjState chapman_jouguet(const ReactiveMixture& m, double rho0, double p0 = 0.0);

// Shock velocity, particle velocity, density and specific energy (m/s, m/s,
// kg/m³, J/kg) of the unreacted solid shocked from (rho0, e0 = 0, p0 = 0) to
// p_shock, from the Rankine–Hugoniot energy equation with the solid's EOS (so
// any MG parameters work). Throws std::invalid_argument for p_shock <= 0 or a
// pressure beyond the solid's limiting compression.
struct ShockState {
  double us, up, rho, e;
};
ShockState unreacted_shock(const ReactiveMixture& m, double rho0, double p_shock);

}  // namespace ember::hydro
