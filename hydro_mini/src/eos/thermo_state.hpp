// The two thermodynamic look-ups of the hydro kernels, each returning the
// sound speed with it: (ρ, e) → p at cell centres and (ρ, p) → e at face
// states. For a single material they are two plain EOS calls; the reactive
// mixture overloads them so that one equilibrium solve serves both values
// (it was two solves per look-up).
#pragma once

#include "eos/reactive_mixture.hpp"

namespace ember::hydro {

struct ThermoState {
  Real p, e, c2;
};

// Whether an EOS is costly enough that the hydro update should keep the face
// states' (e, c) from its predictor instead of recomputing them in the flux
// kernel (for cheap EOS the extra memory traffic costs more than it saves).
template <class Eos>
struct caches_face_thermo {
  static constexpr bool value = false;
};
template <>
struct caches_face_thermo<ReactiveMixture> {
  static constexpr bool value = true;
};

template <class Eos>
KOKKOS_INLINE_FUNCTION ThermoState state_from_energy(const Eos& eos, Real rho, Real e, Real lam) {
  const Real p = eos.pressure(rho, e, lam);
  return {p, e, eos.sound_speed2(rho, e, p, lam)};
}

template <class Eos>
KOKKOS_INLINE_FUNCTION ThermoState state_from_pressure(const Eos& eos, Real rho, Real p, Real lam) {
  const Real e = eos.energy(rho, p, lam);
  return {p, e, eos.sound_speed2(rho, e, p, lam)};
}

KOKKOS_INLINE_FUNCTION ThermoState state_from_energy(const ReactiveMixture& m, Real rho, Real e,
                                                     Real lam) {
  if (lam <= ReactiveMixture::kPureLambda || lam >= 1.0 - ReactiveMixture::kPureLambda)
    return state_from_energy<ReactiveMixture>(m, rho, e, lam);  // a pure phase: no solve
  const ReactiveMixture::PhaseSplit ph = m.split_at_energy(rho, e, lam);
  const Real alpha_s = (1.0 - lam) * ph.v_s * rho;
  const Real p = alpha_s * m.solid_pressure(ph) + (1.0 - alpha_s) * m.products_pressure(ph);
  return {p, e, m.wood_sound_speed2(rho, lam, ph)};
}

KOKKOS_INLINE_FUNCTION ThermoState state_from_pressure(const ReactiveMixture& m, Real rho, Real p,
                                                       Real lam) {
  if (lam <= ReactiveMixture::kPureLambda || lam >= 1.0 - ReactiveMixture::kPureLambda)
    return state_from_pressure<ReactiveMixture>(m, rho, p, lam);  // a pure phase: no solve
  const ReactiveMixture::PhaseSplit ph = m.split_at_pressure(rho, p, lam);
  return {p, (1.0 - lam) * ph.e_s + lam * ph.e_g, m.wood_sound_speed2(rho, lam, ph)};
}

}  // namespace ember::hydro
