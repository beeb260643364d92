// Homogenized reactive explosive of hydro_mini's macro-scale mode: unreacted
// solid (Mie–Grüneisen) and detonation products (JWL) in pressure and
// temperature equilibrium, in proportion λ = products mass fraction:
//
//   v = 1/ρ = (1-λ) v_s + λ v_g,            e = (1-λ) e_s + λ e_g,
//   p = p_s(v_s, e_s) = p_g(v_g, e_g + q),  T = T_s(v_s, e_s) = T_g(v_g, e_g + q).
//
// e_s is the MG energy (zero at the unreacted reference state); the heat of
// reaction q is released into the products, whose JWL energy is e_g + q. So
// e = 0 is the unreacted explosive at rest, and reaction at fixed (ρ, e)
// raises p and T through q.
//
// Solution. Both EOS are linear in e at fixed v: T_k = a_k(v_k) + e_k/cv_k,
// p_k = b_k(v_k) + G_k(v_k) e_k. The unknown is the volume ratio
// t = α_g/α_s = λ v_g / ((1-λ) v_s), from which
//   v_s = v / ((1-λ)(1+t)),   v_g = v t / (λ (1+t))
// are both accurate to a few ulps whichever phase is the minor one (solving
// for v_s would leave v_g = (v - (1-λ) v_s)/λ to cancellation as λ → 0).
// For a trial t:
//  - given e (pressure, temperature, sound speed): T_s = T_g and the energy
//    constraint give, in closed form,
//      T = (e + (1-λ) cv_s a_s + λ cv_g a_g) / ((1-λ) cv_s + λ cv_g),
//    e_k = cv_k (T - a_k), with q/cv_g included in a_g; residual p_s - p_g.
//  - given p (energy): e_k from p_k = p; residual T_s - T_g.
// The root is bracketed by the admissible phase volumes:
//  - the solid between just above its limiting compression (η < 1/s of the
//    linear Us–up fit), where p_s → +∞ and T_s → -∞, and its isothermal
//    spinodal (mg_spinodal_volume, ρ ≈ 1304 kg/m³ for PBX 9501). Beyond the
//    spinodal the MG's isothermal modulus is negative and the residuals have
//    a second, unstable root, so those states are not admitted;
//  - the products' V = ρ0_g v_g in [kVgMin, kVgMax]. At V = 0.2 the PBX 9501
//    products are above 500 GPa at any T >= 0, while nearer V → 0 the JWL's
//    cold energy drives the T of the energy split to -10⁴ K and p_g through
//    spurious zeros.
// Where the two phases can coexist (T > 0, both on their stable branches)
// the total entropy is concave along the split, so the residual is monotone
// there and the root unique. Geometric bisection narrows the bracket to a
// factor 2 (Brent's interpolation is poor across decades), then Brent's
// method converges to round-off in t (near ambient pressure a 1e-13 error in
// v_s would already be 1e-8 of p): deterministic, at most kMaxIterations
// evaluations in each stage, no tolerance on the residuals.
//
// Off the model's domain:
//  - no sign change over the admissible range (for PBX 9501, products hotter
//    than the solid can be at that pressure on its stable branch, about
//    300 K + (p + 2.06 GPa)/(2.6 MPa/K): 1480 K at 1 GPa, 3020 K at 5 GPa):
//    the end nearer to equilibrium (smaller |residual|) is taken, and the
//    evaluation goes on. pressure() and energy() are then not inverse;
//  - no admissible split at all (denser than the solid's limiting
//    compression allows, or expanded beyond kVgMax): the solid at
//    min(v, spinodal), the products take the rest.
// pressure() returns the volume-fraction mean α_s p_s + α_g p_g, the
// equilibrium pressure at a root and finite at a clamp. No path produces NaN
// for ρ > 0 and finite e, except through the phase EOS themselves in the pure
// limits (the MG temperature overflows below about ρ0/650).
//
// Pure limits: λ <= kPureLambda is the solid alone (MG at (ρ, e)), λ >= 1 -
// kPureLambda the products alone (JWL at (ρ, e + q)). The mixture tends to
// them continuously (at a rate λ v_g/v_s, resp. (1-λ) v_s/v_g) where the
// limiting phase is stable, i.e. not for a pure solid beyond its spinodal.
//
// Sound speed: Wood's mechanical-equilibrium speed
//   1/(ρ c²) = α_s/(ρ_s c_s²) + α_g/(ρ_g c_g²),  α_s = (1-λ) v_s/v, α_g = λ v_g/v,
// with each phase's speed from its own EOS at the equilibrium split. It is
// the speed of waves too fast for heat exchange but slow enough for pressure
// equilibrium: a lower bound of the frozen speed (c_f² = (1-λ) c_s² + λ c_g²)
// and an upper bound of the thermodynamic speed of this EOS ((∂p/∂ρ)_s at
// fixed λ, pressure and temperature equilibrium), hence a safe wave-speed
// estimate for the Riemann solver and the time step. The p argument is
// implied by (ρ, e, λ) and not used.
//
// pressure_floor() is 0: the products cannot carry tension, and the mixture
// is meant for compressed, reacting explosive, not spall.
#pragma once

#include "core/math.hpp"
#include "eos/jwl.hpp"
#include "eos/mie_gruneisen.hpp"

namespace ember::hydro {

namespace detail {

constexpr Real kMachineEps = 2.220446049250313e-16;
constexpr int kMaxIterations = 100;

KOKKOS_INLINE_FUNCTION bool same_sign(Real a, Real b) { return (a > 0.0) == (b > 0.0); }

// Brent's method (zeroin: Brent 1973, as in Numerical Recipes' zbrent) on
// [a, b] with fa = f(a), fb = f(b) of opposite signs. Stops when the bracket
// is narrower than 2 (2 eps + rtol/2) |b|, or after kMaxIterations
// evaluations, and returns the bracket end with the smaller |f|.
template <class F>
KOKKOS_INLINE_FUNCTION Real brent_root(const F& f, Real a, Real b, Real fa, Real fb, Real rtol) {
  Real c = a, fc = fa, d = b - a, e = d;
  for (int it = 0; it < kMaxIterations; ++it) {
    if (same_sign(fb, fc)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (kmath::fabs(fc) < kmath::fabs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const Real tol = (2.0 * kMachineEps + 0.5 * rtol) * kmath::fabs(b);
    const Real m = 0.5 * (c - b);
    if (kmath::fabs(m) <= tol || fb == 0.0) return b;
    if (kmath::fabs(e) >= tol && kmath::fabs(fa) > kmath::fabs(fb)) {
      // Inverse quadratic interpolation (secant when only two points differ),
      // accepted only while it shrinks the bracket faster than bisection.
      const Real s = fb / fa;
      Real p, q;
      if (a == c) {
        p = 2.0 * m * s;
        q = 1.0 - s;
      } else {
        const Real qa = fa / fc, r = fb / fc;
        p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
        q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (p > 0.0) q = -q;
      p = kmath::fabs(p);
      if (2.0 * p < min2(3.0 * m * q - kmath::fabs(tol * q), kmath::fabs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = e = m;
      }
    } else {
      d = e = m;
    }
    a = b;
    fa = fb;
    b += kmath::fabs(d) > tol ? d : (m > 0.0 ? tol : -tol);
    fb = f(b);
  }
  return b;
}

// Root of f on [lo, hi], 0 < lo < hi, flo = f(lo) and fhi = f(hi) of
// opposite signs, to round-off, on a range that may span decades: geometric
// bisection until hi <= 2 lo (Brent's interpolation is poor across decades),
// then Brent.
template <class F>
KOKKOS_INLINE_FUNCTION Real positive_root(const F& f, Real lo, Real hi, Real flo, Real fhi) {
  for (int it = 0; it < kMaxIterations && hi > 2.0 * lo; ++it) {
    const Real mid = kmath::sqrt(lo * hi);
    const Real fm = f(mid);
    if (fm == 0.0) return mid;
    if (same_sign(fm, flo)) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
      fhi = fm;
    }
  }
  return brent_root(f, lo, hi, flo, fhi, 0.0);
}

// (∂p/∂η) at fixed T of the MG: with constant Γρ and cv, p(η, T) = b(η) +
// Γ0 ρ0 cv (T - a(η)) with b = p_H - Γ0 ρ0 e_H and a = T0 e^{Γ0 η} - e_i/cv,
// where e_i' = p_i/ρ0 along the isentrope; so it depends on η alone.
struct MgIsothermalModulus {
  const MieGruneisen* s;
  KOKKOS_INLINE_FUNCTION Real operator()(Real et) const {
    const Real g = s->gamma0 * s->rho0;
    const Real d = 1.0 - s->s * et;
    const Real ph = s->p_hugoniot(et);
    const Real dph = s->rho0 * s->c0 * s->c0 * (1.0 + s->s * et) / (d * d * d);
    const Real deh = (dph * et + ph) / (2.0 * s->rho0);
    const Real p_isentrope = ph + g * (s->e_isentrope(et) - s->e_hugoniot(et));
    return dph - g * deh - s->gamma0 * g * s->cv * s->T0 * kmath::exp(s->gamma0 * et) +
           s->gamma0 * p_isentrope;
  }
};

}  // namespace detail

// Specific volume of the MG's isothermal spinodal, (∂p/∂v)_T = 0, below
// v_max (v_max if there is none). Beyond it the solid's isothermal modulus is
// negative: its T at fixed p falls as v grows, and T_s = T_g or p_s = p_g can
// have a second, unstable root. About ρ = 1304 kg/m³ for PBX 9501. The first
// zero on expansion is bracketed by doubling |η| from 1/8, because far out
// the quadrature of e_i is too coarse to keep the modulus' sign.
KOKKOS_INLINE_FUNCTION Real mg_spinodal_volume(const MieGruneisen& s, Real v_max) {
  const detail::MgIsothermalModulus k{&s};
  const Real et_min = 1.0 - s.rho0 * v_max;
  Real et_hi = 0.0, k_hi = k(0.0);
  for (Real step = 0.125; et_hi > et_min; step *= 2.0) {
    const Real et = max2(-step, et_min);
    const Real k_et = k(et);
    if (!detail::same_sign(k_et, k_hi))
      return (1.0 - detail::brent_root(k, et, et_hi, k_et, k_hi, 0.0)) / s.rho0;
    et_hi = et;
    k_hi = k_et;
  }
  return v_max;
}

struct ReactiveMixture {
  MieGruneisen solid;
  Jwl products;
  Real q = 0.0;  // heat of reaction, J/kg
  // The solid's spinodal volume for the solid above, cached by
  // make_reactive_mixture() (it costs as much as an evaluation); 0 computes
  // it in every evaluation. Stale once solid is changed: refresh it with
  // make_reactive_mixture() or set it to 0.
  Real solid_spinodal_volume = 0.0;

  static constexpr Real kPureLambda = 1e-9;
  // The spinodal is sought up to this expansion of the solid, where the MG
  // temperature's quadrature is still accurate.
  static constexpr Real kSolidMaxExpansion = 10.0;
  // Admissible products' V = ρ0_g v_g (see the header comment).
  static constexpr Real kVgMin = 0.2;
  static constexpr Real kVgMax = 1e8;

  // Phase states: specific volumes and energies, e_g in the mixture's
  // convention (the products' JWL energy is e_g + q). In the pure limits both
  // phases carry the mixture's (v, e).
  struct PhaseSplit {
    Real v_s, v_g, e_s, e_g;
  };

  KOKKOS_INLINE_FUNCTION Real pressure(Real rho, Real e, Real lam) const {
    if (lam <= kPureLambda) return solid.pressure(rho, e, 0.0);
    if (lam >= 1.0 - kPureLambda) return products.pressure(rho, e + q, 1.0);
    const PhaseSplit ph = split_at_energy(rho, e, lam);
    const Real alpha_s = (1.0 - lam) * ph.v_s * rho;
    return alpha_s * solid_pressure(ph) + (1.0 - alpha_s) * products_pressure(ph);
  }

  KOKKOS_INLINE_FUNCTION Real energy(Real rho, Real p, Real lam) const {
    if (lam <= kPureLambda) return solid.energy(rho, p, 0.0);
    if (lam >= 1.0 - kPureLambda) return products.energy(rho, p, 1.0) - q;
    const PhaseSplit ph = split_at_pressure(rho, p, lam);
    return (1.0 - lam) * ph.e_s + lam * ph.e_g;
  }

  KOKKOS_INLINE_FUNCTION Real sound_speed2(Real rho, Real e, Real p, Real lam) const {
    if (lam <= kPureLambda) return solid.sound_speed2(rho, e, p, 0.0);
    if (lam >= 1.0 - kPureLambda) return products.sound_speed2(rho, e + q, p, 1.0);
    return wood_sound_speed2(rho, lam, split_at_energy(rho, e, lam));
  }

  // Wood's speed of a mixed state from its phase split (0 < λ < 1).
  KOKKOS_INLINE_FUNCTION Real wood_sound_speed2(Real rho, Real lam, const PhaseSplit& ph) const {
    const Real rho_s = 1.0 / ph.v_s, rho_g = 1.0 / ph.v_g;
    const Real k_s = rho_s * solid.sound_speed2(rho_s, ph.e_s, solid_pressure(ph), 0.0);
    const Real k_g = rho_g * products.sound_speed2(rho_g, ph.e_g + q, products_pressure(ph), 1.0);
    const Real alpha_s = (1.0 - lam) * ph.v_s * rho;
    return 1.0 / (rho * (alpha_s / k_s + (1.0 - alpha_s) / k_g));
  }

  KOKKOS_INLINE_FUNCTION Real temperature(Real rho, Real e, Real lam) const {
    if (lam <= kPureLambda) return solid.temperature(rho, e, 0.0);
    if (lam >= 1.0 - kPureLambda) return products.temperature(rho, e + q, 1.0);
    return solid_temperature(split_at_energy(rho, e, lam));
  }

  KOKKOS_INLINE_FUNCTION Real pressure_floor() const { return 0.0; }

  // The equilibrium split at (ρ, e): T_s = T_g by construction, p_s = p_g at
  // the root; and at (ρ, p): p_s = p_g = p by construction, T_s = T_g at the
  // root.
  KOKKOS_INLINE_FUNCTION PhaseSplit split_at_energy(Real rho, Real e, Real lam) const {
    if (lam <= kPureLambda || lam >= 1.0 - kPureLambda) return {1.0 / rho, 1.0 / rho, e, e};
    return solve(AtEnergy{this, 1.0 / rho, lam, e});
  }
  KOKKOS_INLINE_FUNCTION PhaseSplit split_at_pressure(Real rho, Real p, Real lam) const {
    if (lam <= kPureLambda || lam >= 1.0 - kPureLambda) {
      const Real e = energy(rho, p, lam);
      return {1.0 / rho, 1.0 / rho, e, e};
    }
    return solve(AtPressure{this, 1.0 / rho, lam, p});
  }

  KOKKOS_INLINE_FUNCTION Real solid_pressure(const PhaseSplit& ph) const {
    return solid.pressure(1.0 / ph.v_s, ph.e_s, 0.0);
  }
  KOKKOS_INLINE_FUNCTION Real products_pressure(const PhaseSplit& ph) const {
    return products.pressure(1.0 / ph.v_g, ph.e_g + q, 1.0);
  }
  KOKKOS_INLINE_FUNCTION Real solid_temperature(const PhaseSplit& ph) const {
    return solid.temperature(1.0 / ph.v_s, ph.e_s, 0.0);
  }
  KOKKOS_INLINE_FUNCTION Real products_temperature(const PhaseSplit& ph) const {
    return products.temperature(1.0 / ph.v_g, ph.e_g + q, 1.0);
  }

  // The solid's admissible volumes: just above the limiting compression
  // η = 1/s (any v > 0 when s <= 1), up to the spinodal.
  KOKKOS_INLINE_FUNCTION Real solid_min_volume() const {
    const Real eta_max = solid.s > 1.0 ? 1.0 / solid.s : 1.0;
    return (1.0 - eta_max * (1.0 - 1e-6)) / solid.rho0;
  }
  KOKKOS_INLINE_FUNCTION Real solid_max_volume() const {
    return solid_spinodal_volume > 0.0 ? solid_spinodal_volume : spinodal_of_solid();
  }
  KOKKOS_INLINE_FUNCTION Real spinodal_of_solid() const {
    return mg_spinodal_volume(solid, kSolidMaxExpansion / solid.rho0);
  }

 private:
  // Phase volumes of the volume ratio t = α_g/α_s at fixed (v, λ).
  KOKKOS_INLINE_FUNCTION static PhaseSplit volumes(Real v, Real lam, Real t) {
    return {v / ((1.0 - lam) * (1.0 + t)), v * t / (lam * (1.0 + t)), 0.0, 0.0};
  }

  // Trial split at fixed (v, λ, e): energies from T_s = T_g; residual p_s - p_g.
  struct AtEnergy {
    const ReactiveMixture* m;
    Real v, lam, e;
    KOKKOS_INLINE_FUNCTION PhaseSplit split(Real t) const {
      PhaseSplit ph = volumes(v, lam, t);
      const Real a_s = m->solid.temperature(1.0 / ph.v_s, 0.0, 0.0);
      const Real a_g = m->products.temperature(1.0 / ph.v_g, m->q, 1.0);
      const Real c_s = (1.0 - lam) * m->solid.cv, c_g = lam * m->products.cv;
      const Real T = (e + c_s * a_s + c_g * a_g) / (c_s + c_g);
      ph.e_s = m->solid.cv * (T - a_s);
      ph.e_g = m->products.cv * (T - a_g);
      return ph;
    }
    KOKKOS_INLINE_FUNCTION Real operator()(Real t) const {
      const PhaseSplit ph = split(t);
      return m->solid_pressure(ph) - m->products_pressure(ph);
    }
  };

  // Trial split at fixed (v, λ, p): each phase at p; residual T_s - T_g.
  struct AtPressure {
    const ReactiveMixture* m;
    Real v, lam, p;
    KOKKOS_INLINE_FUNCTION PhaseSplit split(Real t) const {
      PhaseSplit ph = volumes(v, lam, t);
      ph.e_s = m->solid.energy(1.0 / ph.v_s, p, 0.0);
      ph.e_g = m->products.energy(1.0 / ph.v_g, p, 1.0) - m->q;
      return ph;
    }
    KOKKOS_INLINE_FUNCTION Real operator()(Real t) const {
      const PhaseSplit ph = split(t);
      return m->solid_temperature(ph) - m->products_temperature(ph);
    }
  };

  template <class Trial>
  KOKKOS_INLINE_FUNCTION PhaseSplit solve(const Trial& tr) const {
    const Real v = tr.v, lam = tr.lam;
    // Bounds on t from each phase's admissible volumes.
    const Real t_spinodal = v / ((1.0 - lam) * solid_max_volume()) - 1.0;
    const Real ag_min = lam * kVgMin / (products.rho0 * v);
    const Real ag_max = lam * kVgMax / (products.rho0 * v);
    const Real lo = max2(t_spinodal, ag_min / (1.0 - ag_min));
    Real hi = v / ((1.0 - lam) * solid_min_volume()) - 1.0;
    if (ag_max < 1.0) hi = min2(hi, ag_max / (1.0 - ag_max));
    if (!(ag_min < 1.0 && lo < hi)) return tr.split(max2(lam / (1.0 - lam), t_spinodal));
    const Real f_lo = tr(lo), f_hi = tr(hi);
    if (detail::same_sign(f_lo, f_hi))
      return tr.split(kmath::fabs(f_lo) <= kmath::fabs(f_hi) ? lo : hi);
    return tr.split(detail::positive_root(tr, lo, hi, f_lo, f_hi));
  }
};

// A mixture with its solid's spinodal cached.
inline ReactiveMixture make_reactive_mixture(const MieGruneisen& solid, const Jwl& products,
                                             Real q) {
  ReactiveMixture m{solid, products, q, 0.0};
  m.solid_spinodal_volume = m.spinodal_of_solid();
  return m;
}

// PBX 9501. Solid: unreacted Hugoniot c0 = 2953 m/s, s = 1.507 at ρ0 = 1844
// (Gibbs & Popolato p.116 via EOSlib), Γ0 = 1.1, and cv = 1280 J/(kg K), T0 =
// 300 K as for HMX. Products: JWL of Tarver, Tao & Lee 1996 (LX-14 set, 1 Mbar
// = 1e11 Pa) with cv = 1000 J/(kg K) and the isentrope temperature T_s =
// 1723 K at V = 1, chosen to put the CJ temperature at ρ0 = 1844 on the
// published T_CJ = 2316 K (EOSlib HOM.data; this gives 2315.6 K, and 2359 K
// at ρ0 = 1835). T_s < C/(ω ρ0 cv) = 2208 K keeps the products' isothermal
// modulus positive as V → 0 at any T >= 0. q = E0/ρ0 = 0.102 Mbar·cm³/cm³ /
// 1.835 g/cm³ = 5.5586 MJ/kg.
inline ReactiveMixture pbx9501_mixture() {
  MieGruneisen solid;
  solid.rho0 = 1844.0;
  solid.c0 = 2953.0;
  solid.s = 1.507;
  solid.gamma0 = 1.1;
  solid.cv = 1280.0;
  solid.T0 = 300.0;
  Jwl products;
  products.rho0 = 1835.0;
  products.A = 16.689e11;
  products.B = 0.5969e11;
  products.C = 0.018229e11;
  products.R1 = 5.9;
  products.R2 = 2.1;
  products.omega = 0.45;
  products.cv = 1000.0;
  products.T_s = 1723.0;
  return make_reactive_mixture(solid, products, 0.102e11 / 1835.0);
}

}  // namespace ember::hydro
