// Pressure equilibrium of two phases with separate densities: the closure of
// the five-equation diffuse-interface model (Allaire, Clerc & Kokh 2002;
// Kapila et al. 2001) used for resolved voids in HMX.
//
// Each phase EOS is written in Mie–Grüneisen form at its own density,
//   p = p_ref(ρ_k) + G_k(ρ_k) (e_k − e_ref(ρ_k)),   G_k = (Γρ)_k = ∂p/∂e at fixed ρ_k,
// which ideal gas (p_ref = e_ref = 0, G = (γ−1)ρ), stiffened gas
// (p_ref = −γp∞, e_ref = 0, G = (γ−1)ρ) and Mie–Grüneisen (the Hugoniot
// reference, G = Γ0ρ0) all are. With the mixture energy
//   ρe = α1 ρ1 e1 + α2 ρ2 e2  and  ρ_k e_k = ρ_k e_ref,k + ρ_k (p − p_ref,k)/G_k,
// the common pressure is linear in ρe and follows in closed form:
//   p = [ρe − Σ α_k ρ_k (e_ref,k − p_ref,k/G_k)] / Σ α_k ρ_k/G_k.
// The mixture sound speed is Wood's, 1/(ρc²) = Σ α_k/(ρ_k c_k²), the speed of
// the five-equation model in mechanical equilibrium.
#pragma once

#include "eos/ideal_gas.hpp"
#include "eos/mie_gruneisen.hpp"
#include "eos/stiffened_gas.hpp"

namespace ember::hydro {

// The Mie–Grüneisen form of a phase at density ρ.
struct MgForm {
  Real p_ref, e_ref, g;  // Pa, J/kg, Pa·kg/J (∂p/∂e at fixed ρ)
};

KOKKOS_INLINE_FUNCTION MgForm mg_form(const IdealGas& eos, Real rho) {
  return {0.0, 0.0, (eos.gamma - 1.0) * rho};
}
KOKKOS_INLINE_FUNCTION MgForm mg_form(const StiffenedGas& eos, Real rho) {
  return {-eos.gamma * eos.p_inf, 0.0, (eos.gamma - 1.0) * rho};
}
KOKKOS_INLINE_FUNCTION MgForm mg_form(const MieGruneisen& eos, Real rho) {
  const Real et = eos.eta(rho);
  return {eos.p_hugoniot(et), eos.e_hugoniot(et), eos.gamma0 * eos.rho0};
}

template <class Eos1, class Eos2>
struct TwoPhase {
  Eos1 phase1;  // e.g. HMX
  Eos2 phase2;  // e.g. the gas in the voids

  // Common pressure of a cell with volume fraction α1 of phase 1, phase
  // densities ρ1, ρ2 and internal energy per unit volume ρe.
  KOKKOS_INLINE_FUNCTION Real pressure(Real alpha1, Real rho1, Real rho2, Real rho_e) const {
    const MgForm f1 = mg_form(phase1, rho1), f2 = mg_form(phase2, rho2);
    const Real a2 = 1.0 - alpha1;
    const Real num = rho_e - alpha1 * rho1 * (f1.e_ref - f1.p_ref / f1.g) -
                     a2 * rho2 * (f2.e_ref - f2.p_ref / f2.g);
    const Real den = alpha1 * rho1 / f1.g + a2 * rho2 / f2.g;
    return num / den;
  }

  // Specific energy of phase k at density ρ_k and pressure p.
  KOKKOS_INLINE_FUNCTION Real energy1(Real rho1, Real p) const {
    const MgForm f = mg_form(phase1, rho1);
    return f.e_ref + (p - f.p_ref) / f.g;
  }
  KOKKOS_INLINE_FUNCTION Real energy2(Real rho2, Real p) const {
    const MgForm f = mg_form(phase2, rho2);
    return f.e_ref + (p - f.p_ref) / f.g;
  }

  // Internal energy per unit volume of a cell at pressure p (the inverse of
  // pressure()).
  KOKKOS_INLINE_FUNCTION Real rho_e(Real alpha1, Real rho1, Real rho2, Real p) const {
    return alpha1 * rho1 * energy1(rho1, p) + (1.0 - alpha1) * rho2 * energy2(rho2, p);
  }

  // Phase temperatures at pressure p: the HMX phase temperature of a mixed cell.
  KOKKOS_INLINE_FUNCTION Real temperature1(Real rho1, Real p) const {
    return phase1.temperature(rho1, energy1(rho1, p));
  }
  KOKKOS_INLINE_FUNCTION Real temperature2(Real rho2, Real p) const {
    return phase2.temperature(rho2, energy2(rho2, p));
  }

  // Wood's sound speed squared of the cell at pressure p.
  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real alpha1, Real rho1, Real rho2, Real p) const {
    const Real k1 = rho1 * phase1.sound_speed2(rho1, energy1(rho1, p), p);
    const Real k2 = rho2 * phase2.sound_speed2(rho2, energy2(rho2, p), p);
    const Real rho = alpha1 * rho1 + (1.0 - alpha1) * rho2;
    return 1.0 / (rho * (alpha1 / k1 + (1.0 - alpha1) / k2));
  }
};

}  // namespace ember::hydro
