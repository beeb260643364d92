// HLL approximate Riemann solver (Harten, Lax & van Leer 1983) with Davis
// wave-speed estimates. Diffusive at contacts but positivity-preserving: the
// fallback of HLLC and a compile-time choice of its own.
#pragma once

#include "hydro/variables.hpp"

namespace ember::hydro {

KOKKOS_INLINE_FUNCTION Flux physical_flux(const FaceState& s) {
  const Real E = s.rho * (s.e + 0.5 * (s.un * s.un + s.ut * s.ut));
  return {s.rho * s.un, s.rho * s.un * s.un + s.p, s.rho * s.un * s.ut, (E + s.p) * s.un};
}

KOKKOS_INLINE_FUNCTION Flux hll_flux(const FaceState& L, const FaceState& R) {
  const Real sl = min2(min2(L.un - L.c, R.un - R.c), 0.0);
  const Real sr = max2(max2(L.un + L.c, R.un + R.c), 0.0);
  const Flux fl = physical_flux(L), fr = physical_flux(R);
  const Real EL = L.rho * (L.e + 0.5 * (L.un * L.un + L.ut * L.ut));
  const Real ER = R.rho * (R.e + 0.5 * (R.un * R.un + R.ut * R.ut));
  const Real inv = 1.0 / (sr - sl);
  const Real k = sl * sr;
  return {(sr * fl.mass - sl * fr.mass + k * (R.rho - L.rho)) * inv,
          (sr * fl.mom_n - sl * fr.mom_n + k * (R.rho * R.un - L.rho * L.un)) * inv,
          (sr * fl.mom_t - sl * fr.mom_t + k * (R.rho * R.ut - L.rho * L.ut)) * inv,
          (sr * fl.energy - sl * fr.energy + k * (ER - EL)) * inv};
}

struct Hll {
  static constexpr const char* name = "hll";
  KOKKOS_INLINE_FUNCTION static Flux flux(const FaceState& L, const FaceState& R, Real /*p_floor*/) {
    return hll_flux(L, R);
  }
};

}  // namespace ember::hydro
