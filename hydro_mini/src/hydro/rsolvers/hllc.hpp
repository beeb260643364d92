// HLLC approximate Riemann solver (Toro, Spruce & Speares 1994; Batten et al.
// 1997 for the contact speed) with Davis wave-speed estimates. Falls back to
// HLL for a face whose star states would be unphysical (star pressure below
// the EOS floor or a contact outside the wave fan), which keeps strong shocks
// into stiff materials positive.
#pragma once

#include "hydro/rsolvers/hll.hpp"

namespace ember::hydro {

struct Hllc {
  static constexpr const char* name = "hllc";

  KOKKOS_INLINE_FUNCTION static Flux flux(const FaceState& L, const FaceState& R, Real p_floor) {
    const Real sl = min2(L.un - L.c, R.un - R.c);
    const Real sr = max2(L.un + L.c, R.un + R.c);
    const Real ml = L.rho * (sl - L.un);  // mass flux through the left wave
    const Real mr = R.rho * (sr - R.un);
    const Real sm = (R.p - L.p + ml * L.un - mr * R.un) / (ml - mr);
    const Real p_star = L.p + ml * (sm - L.un);
    if (!(sm >= sl && sm <= sr) || p_star <= p_floor) return hll_flux(L, R);
    if (sl >= 0.0) return physical_flux(L);
    if (sr <= 0.0) return physical_flux(R);
    const FaceState& K = sm >= 0.0 ? L : R;
    const Real sk = sm >= 0.0 ? sl : sr;
    const Real EK = K.rho * (K.e + 0.5 * (K.un * K.un + K.ut * K.ut));
    const Real rho_star = K.rho * (sk - K.un) / (sk - sm);
    const Real E_star = ((sk - K.un) * EK - K.p * K.un + p_star * sm) / (sk - sm);
    const Flux fk = physical_flux(K);
    return {fk.mass + sk * (rho_star - K.rho), fk.mom_n + sk * (rho_star * sm - K.rho * K.un),
            fk.mom_t + sk * (rho_star * K.ut - K.rho * K.ut), fk.energy + sk * (E_star - EK)};
  }
};

}  // namespace ember::hydro
