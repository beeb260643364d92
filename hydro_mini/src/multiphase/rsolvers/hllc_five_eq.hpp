// HLLC flux of the five-equation model (Johnsen & Colonius 2006; Coralic &
// Colonius 2014): the HLLC star states of the Euler equations, with each
// phase's partial density scaled like the mixture density and the volume
// fraction unchanged across the acoustic waves. Returned with the flux: the
// face's volume fraction and normal velocity of the Godunov state at x/t = 0,
// which give the terms ∇·(α1u) and (α1 + K) ∇·u of the α1 equation.
#pragma once

#include "core/math.hpp"

namespace ember::hydro::five_eq {

// One side of a face, velocity rotated so that "n" is normal to it.
struct Face {
  Real ar1, ar2;  // partial densities α1ρ1, α2ρ2
  Real un, ut, p;
  Real a1, lam;   // α1, λ
  Real rho_e;     // internal energy per unit volume
  Real c;         // mixture (Wood) sound speed
};

struct FaceFlux {
  Real ar1, ar2, mom_n, mom_t, energy, burn;  // fluxes of α1ρ1, α2ρ2, ρu_n, ρu_t, E, α1ρ1λ
  Real alpha;                                 // flux α1·u_n of the α1 equation
  Real un;                                    // normal velocity at the face
};

KOKKOS_INLINE_FUNCTION FaceFlux physical_flux(const Face& s) {
  const Real rho = s.ar1 + s.ar2;
  const Real E = s.rho_e + 0.5 * rho * (s.un * s.un + s.ut * s.ut);
  return {s.ar1 * s.un, s.ar2 * s.un, rho * s.un * s.un + s.p, rho * s.un * s.ut,
          (E + s.p) * s.un, s.ar1 * s.lam * s.un, s.a1 * s.un, s.un};
}

// HLL flux, with α1 fluxed like a conserved quantity (the same numerical
// diffusion as the partial densities, so phase densities stay consistent)
// and the face velocity its HLL average, so that a uniform α1 stays uniform.
KOKKOS_INLINE_FUNCTION FaceFlux hll_flux(const Face& L, const Face& R, Real sl, Real sr) {
  sl = min2(sl, 0.0);
  sr = max2(sr, 0.0);
  const FaceFlux fl = physical_flux(L), fr = physical_flux(R);
  const Real w = 1.0 / (sr - sl), ss = sl * sr;
  const auto mix = [&](Real f_l, Real f_r, Real u_l, Real u_r) {
    return (sr * f_l - sl * f_r + ss * (u_r - u_l)) * w;
  };
  const Real rl = L.ar1 + L.ar2, rr = R.ar1 + R.ar2;
  const Real el = L.rho_e + 0.5 * rl * (L.un * L.un + L.ut * L.ut);
  const Real er = R.rho_e + 0.5 * rr * (R.un * R.un + R.ut * R.ut);
  FaceFlux f;
  f.ar1 = mix(fl.ar1, fr.ar1, L.ar1, R.ar1);
  f.ar2 = mix(fl.ar2, fr.ar2, L.ar2, R.ar2);
  f.mom_n = mix(fl.mom_n, fr.mom_n, rl * L.un, rr * R.un);
  f.mom_t = mix(fl.mom_t, fr.mom_t, rl * L.ut, rr * R.ut);
  f.energy = mix(fl.energy, fr.energy, el, er);
  f.burn = mix(fl.burn, fr.burn, L.ar1 * L.lam, R.ar1 * R.lam);
  f.alpha = mix(fl.alpha, fr.alpha, L.a1, R.a1);
  f.un = (sr * L.un - sl * R.un) * w;
  return f;
}

// HLLC within one material; HLL at a material interface (either side holds
// more than 1 % of the other phase) and wherever the contact would leave the
// wave fan. At an interface of HMX and gas Wood's speed is tens of m/s, and
// HLLC star states there made phase densities negative in void collapse;
// HLL's intermediate state stays positive under the CFL condition.
KOKKOS_INLINE_FUNCTION FaceFlux hllc_flux(const Face& L, const Face& R) {
  const Real sl = min2(L.un - L.c, R.un - R.c);
  const Real sr = max2(L.un + L.c, R.un + R.c);
  if (sl >= 0.0) return physical_flux(L);
  if (sr <= 0.0) return physical_flux(R);
  const Real rl = L.ar1 + L.ar2, rr = R.ar1 + R.ar2;
  const Real ml = rl * (sl - L.un), mr = rr * (sr - R.un);
  const Real sm = (R.p - L.p + ml * L.un - mr * R.un) / (ml - mr);
  const auto pure = [](Real a1) { return a1 < 0.01 || a1 > 0.99; };
  const bool interface = !pure(L.a1) || !pure(R.a1) || (L.a1 < 0.5) != (R.a1 < 0.5);
  if (interface || !(sm > sl && sm < sr)) return hll_flux(L, R, sl, sr);
  const Face& K = sm >= 0.0 ? L : R;
  const Real sk = sm >= 0.0 ? sl : sr;
  const Real rk = K.ar1 + K.ar2;
  const Real chi = (sk - K.un) / (sk - sm);
  const Real EK = K.rho_e + 0.5 * rk * (K.un * K.un + K.ut * K.ut);
  const Real E_star = chi * (EK + (sm - K.un) * (rk * sm + K.p / (sk - K.un)));
  FaceFlux f = physical_flux(K);
  f.ar1 += sk * (chi - 1.0) * K.ar1;
  f.ar2 += sk * (chi - 1.0) * K.ar2;
  f.mom_n += sk * (chi * rk * sm - rk * K.un);
  f.mom_t += sk * (chi - 1.0) * rk * K.ut;
  f.energy += sk * (E_star - EK);
  f.burn += sk * (chi - 1.0) * K.ar1 * K.lam;
  f.alpha = K.a1 * sm;
  f.un = sm;
  return f;
}

}  // namespace ember::hydro::five_eq
