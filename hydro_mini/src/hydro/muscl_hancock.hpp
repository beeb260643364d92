// Unsplit MUSCL-Hancock update (van Leer 1984; Toro ch. 14), second order in
// space and time with one Riemann solve per face per step:
//   1. limited slopes of the primitive variables in each cell;
//   2. a half-step predictor in primitive form, which needs no EOS inversion;
//   3. face states W̄ ± ΔW/2, HLLC or HLL fluxes;
//   4. the conservative update.
// A cell whose face states would have non-positive density, pressure below
// the EOS floor or imaginary sound speed drops to first order (zero slopes,
// no predictor), which keeps near-vacuum and strong-shock states positive.
#pragma once

#include "core/par_for.hpp"
#include "eos/thermo_state.hpp"
#include "hydro/block_geometry.hpp"
#include "hydro/limiters.hpp"
#include "hydro/variables.hpp"

namespace ember::hydro {

// Scratch of the update, sized for one block.
struct HydroWork {
  Array3 w;      // primitives, every cell
  Array2 cs;     // sound speed, every cell
  Array3 wbar;   // predicted primitives at t + dt/2
  Array3 dwx;    // limited x slopes
  Array3 dwy;    // limited y slopes (2D)
  Array3 fx;     // x fluxes, face i is the left face of cell i
  Array3 fy;     // y fluxes, face j is the lower face of cell j
  // (e, c) of each cell's face states, slots x-low, x-high, y-low, y-high;
  // allocated only for EOS that cache them (caches_face_thermo).
  Array3 face_e, face_c;

  HydroWork() = default;
  HydroWork(const BlockGeometry& g, int nvar, bool cache_faces)
      : w("w", nvar, g.ny_tot, g.nx_tot),
        cs("cs", g.ny_tot, g.nx_tot),
        wbar("wbar", nvar, g.ny_tot, g.nx_tot),
        dwx("dwx", nvar, g.ny_tot, g.nx_tot),
        dwy("dwy", g.two_d ? nvar : 0, g.ny_tot, g.nx_tot),
        fx("fx", nvar, g.ny_tot, g.nx_tot + 1),
        fy("fy", g.two_d ? nvar : 0, g.ny_tot + 1, g.nx_tot),
        face_e("face_e", cache_faces ? (g.two_d ? 4 : 2) : 0, g.ny_tot, g.nx_tot),
        face_c("face_c", cache_faces ? (g.two_d ? 4 : 2) : 0, g.ny_tot, g.nx_tot) {}
};

// Primitives and sound speed from the conserved variables in every cell,
// ghosts included.
template <class Eos>
void conserved_to_primitive(const Eos& eos, const BlockGeometry& g, int nvar, const Array3& u,
                            const Array3& w, const Array2& cs) {
  par_for("hydro::cons_to_prim", 0, g.ny_tot - 1, 0, g.nx_tot - 1, KOKKOS_LAMBDA(int j, int i) {
    const Real rho = u(IDN, j, i);
    const Real vx = u(IM1, j, i) / rho;
    const Real vy = u(IM2, j, i) / rho;
    const Real e = u(IEN, j, i) / rho - 0.5 * (vx * vx + vy * vy);
    const Real lam = nvar > NHYDRO ? u(NHYDRO, j, i) / rho : 0.0;
    const ThermoState th = state_from_energy(eos, rho, e, lam);
    const Real p = th.p;
    w(IDN, j, i) = rho;
    w(IVX, j, i) = vx;
    w(IVY, j, i) = vy;
    w(IPR, j, i) = p;
    for (int n = NHYDRO; n < nvar; ++n) w(n, j, i) = u(n, j, i) / rho;
    cs(j, i) = kmath::sqrt(max2(th.c2, 0.0));
  });
}

// The largest stable step: cfl / max((|u|+c)/dx + (|v|+c)/dy) over the block
// (the unsplit scheme's 2D condition). The first ghost layer counts too: a
// boundary's Riemann problem (a piston's ghost moves at 2·u_wall − u) sends
// waves faster than anything inside at the first step. Interior ghosts hold
// the neighbours' cells, so the result is the same on any decomposition.
// Local to the block; the caller reduces over ranks.
inline Real block_dt(const BlockGeometry& g, const Array3& w, const Array2& cs, Real cfl) {
  const Real idx = 1.0 / g.dx, idy = g.two_d ? 1.0 / g.dy : 0.0;
  const int jl = g.two_d ? g.js - 1 : g.js, ju = g.two_d ? g.je + 1 : g.je;
  const Real min_inv = par_min("hydro::dt", jl, ju, g.is - 1, g.ie + 1, KOKKOS_LAMBDA(int j, int i) {
    const Real rate = (kmath::fabs(w(IVX, j, i)) + cs(j, i)) * idx +
                      (kmath::fabs(w(IVY, j, i)) + cs(j, i)) * idy;
    return -rate;  // min of -rate is -max(rate)
  });
  return cfl / (-min_inv);
}

template <class Eos, class RSolver>
class MusclHancock {
 public:
  static constexpr bool kCache = caches_face_thermo<Eos>::value;

  MusclHancock(const Eos& eos, Limiter limiter) : eos_(eos), limiter_(limiter) {}

  // Advances the interior of u by dt. Ghost cells of u must be filled, and
  // work.w / work.cs must hold the primitives of u (conserved_to_primitive).
  void step(const BlockGeometry& g, int nvar, const Array3& u, HydroWork& work, Real dt) const {
    predict(g, nvar, work, dt);
    fluxes_x(g, nvar, work);
    if (g.two_d) fluxes_y(g, nvar, work);
    update(g, nvar, u, work, dt);
  }

 private:

  // Composition (reaction progress, scalar 0) of a face state, 0 without scalars.
  static KOKKOS_INLINE_FUNCTION Real face_lambda(const Array3& wbar, const Array3& dw, int nvar,
                                                 int j, int i, Real sign) {
    return nvar > NHYDRO ? wbar(NHYDRO, j, i) + 0.5 * sign * dw(NHYDRO, j, i) : 0.0;
  }

  void predict(const BlockGeometry& g, int nvar, HydroWork& work, Real dt) const {
    const Eos eos = eos_;
    const Limiter lim = limiter_;
    const bool two_d = g.two_d;
    const Real hx = 0.5 * dt / g.dx, hy = two_d ? 0.5 * dt / g.dy : 0.0;
    const Array3 w = work.w, wbar = work.wbar, dwx = work.dwx, dwy = work.dwy;
    const Array2 cs = work.cs;
    const Array3 face_e = work.face_e, face_c = work.face_c;
    const int jl = two_d ? g.js - 1 : g.js, ju = two_d ? g.je + 1 : g.je;
    par_for("hydro::predict", jl, ju, g.is - 1, g.ie + 1, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < nvar; ++n) {
        dwx(n, j, i) = limited_slope(lim, w(n, j, i) - w(n, j, i - 1), w(n, j, i + 1) - w(n, j, i));
        if (two_d)
          dwy(n, j, i) = limited_slope(lim, w(n, j, i) - w(n, j - 1, i), w(n, j + 1, i) - w(n, j, i));
      }
      const Real rho = w(IDN, j, i), vx = w(IVX, j, i), vy = w(IVY, j, i), p = w(IPR, j, i);
      const Real rc2 = rho * cs(j, i) * cs(j, i);
      // Primitive-form Euler equations, x and y parts.
      Real d_rho = -hx * (vx * dwx(IDN, j, i) + rho * dwx(IVX, j, i));
      Real d_vx = -hx * (vx * dwx(IVX, j, i) + dwx(IPR, j, i) / rho);
      Real d_vy = -hx * vx * dwx(IVY, j, i);
      Real d_p = -hx * (vx * dwx(IPR, j, i) + rc2 * dwx(IVX, j, i));
      if (two_d) {
        d_rho -= hy * (vy * dwy(IDN, j, i) + rho * dwy(IVY, j, i));
        d_vx -= hy * vy * dwy(IVX, j, i);
        d_vy -= hy * (vy * dwy(IVY, j, i) + dwy(IPR, j, i) / rho);
        d_p -= hy * (vy * dwy(IPR, j, i) + rc2 * dwy(IVY, j, i));
      }
      wbar(IDN, j, i) = rho + d_rho;
      wbar(IVX, j, i) = vx + d_vx;
      wbar(IVY, j, i) = vy + d_vy;
      wbar(IPR, j, i) = p + d_p;
      for (int n = NHYDRO; n < nvar; ++n)
        wbar(n, j, i) = w(n, j, i) - hx * vx * dwx(n, j, i) - (two_d ? hy * vy * dwy(n, j, i) : 0.0);

      // Face states, slots x-low, x-high, y-low, y-high: admissible when
      // ρ > 0, p above the EOS floor and c² > 0.
      const int n_faces = two_d ? 4 : 2;
      ThermoState th[4];
      bool ok = true;
      for (int f = 0; f < n_faces && ok; ++f) {
        const Array3& dw = f < 2 ? dwx : dwy;
        const Real sign = f % 2 == 0 ? -1.0 : 1.0;
        const Real rf = wbar(IDN, j, i) + 0.5 * sign * dw(IDN, j, i);
        const Real pf = wbar(IPR, j, i) + 0.5 * sign * dw(IPR, j, i);
        ok = rf > 0.0 && pf > eos.pressure_floor();
        if (ok) {
          th[f] = state_from_pressure(eos, rf, pf, face_lambda(wbar, dw, nvar, j, i, sign));
          ok = th[f].c2 > 0.0;
        }
      }
      if (!ok) {
        for (int n = 0; n < nvar; ++n) {
          wbar(n, j, i) = w(n, j, i);
          dwx(n, j, i) = 0.0;
          if (two_d) dwy(n, j, i) = 0.0;
        }
        if (kCache) {
          const Real lam = nvar > NHYDRO ? w(NHYDRO, j, i) : 0.0;
          th[0] = state_from_pressure(eos, w(IDN, j, i), w(IPR, j, i), lam);
          for (int f = 1; f < n_faces; ++f) th[f] = th[0];
        }
      }
      if (kCache)
        for (int f = 0; f < n_faces; ++f) {
          face_e(f, j, i) = th[f].e;
          face_c(f, j, i) = kmath::sqrt(th[f].c2);
        }
    });
  }

  // Face state in slot `slot` (x-low, x-high, y-low, y-high) of a cell, with
  // velocity components rotated so that `in` is the face normal; (e, c) from
  // the predictor's cache where the EOS keeps one.
  static KOKKOS_INLINE_FUNCTION FaceState face(const Eos& eos, const Array3& wbar,
                                               const Array3& dw, const Array3& face_e,
                                               const Array3& face_c, int nvar, int j, int i,
                                               int slot, int in, int it) {
    const Real sign = slot % 2 == 0 ? -1.0 : 1.0;
    FaceState s;
    s.rho = wbar(IDN, j, i) + 0.5 * sign * dw(IDN, j, i);
    s.un = wbar(in, j, i) + 0.5 * sign * dw(in, j, i);
    s.ut = wbar(it, j, i) + 0.5 * sign * dw(it, j, i);
    s.p = wbar(IPR, j, i) + 0.5 * sign * dw(IPR, j, i);
    if (kCache) {
      s.e = face_e(slot, j, i);
      s.c = face_c(slot, j, i);
    } else {
      const ThermoState th = state_from_pressure(eos, s.rho, s.p, face_lambda(wbar, dw, nvar, j, i, sign));
      s.e = th.e;
      s.c = kmath::sqrt(th.c2);
    }
    return s;
  }

  // Flux of each variable through one face: hydro from the Riemann solver,
  // scalars carried by the mass flux from the upwind side.
  static KOKKOS_INLINE_FUNCTION void store_flux(const Flux& f, const Array3& out, int nvar, int j,
                                                int i, int in, int it, const Array3& wbar,
                                                const Array3& dw, int jl, int il, int jr, int ir) {
    out(IDN, j, i) = f.mass;
    out(in, j, i) = f.mom_n;
    out(it, j, i) = f.mom_t;
    out(IEN, j, i) = f.energy;
    for (int n = NHYDRO; n < nvar; ++n) {
      const Real sl = wbar(n, jl, il) + 0.5 * dw(n, jl, il);
      const Real sr = wbar(n, jr, ir) - 0.5 * dw(n, jr, ir);
      out(n, j, i) = f.mass * (f.mass >= 0.0 ? sl : sr);
    }
  }

  void fluxes_x(const BlockGeometry& g, int nvar, HydroWork& work) const {
    const Eos eos = eos_;
    const auto wbar = work.wbar, dwx = work.dwx, fx = work.fx, fe = work.face_e, fc = work.face_c;
    par_for("hydro::flux_x", g.js, g.je, g.is, g.ie + 1, KOKKOS_LAMBDA(int j, int i) {
      const FaceState L = face(eos, wbar, dwx, fe, fc, nvar, j, i - 1, 1, IM1, IM2);
      const FaceState R = face(eos, wbar, dwx, fe, fc, nvar, j, i, 0, IM1, IM2);
      const Flux f = RSolver::flux(L, R, eos.pressure_floor());
      store_flux(f, fx, nvar, j, i, IM1, IM2, wbar, dwx, j, i - 1, j, i);
    });
  }

  void fluxes_y(const BlockGeometry& g, int nvar, HydroWork& work) const {
    const Eos eos = eos_;
    const auto wbar = work.wbar, dwy = work.dwy, fy = work.fy, fe = work.face_e, fc = work.face_c;
    par_for("hydro::flux_y", g.js, g.je + 1, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      const FaceState L = face(eos, wbar, dwy, fe, fc, nvar, j - 1, i, 3, IM2, IM1);
      const FaceState R = face(eos, wbar, dwy, fe, fc, nvar, j, i, 2, IM2, IM1);
      const Flux f = RSolver::flux(L, R, eos.pressure_floor());
      store_flux(f, fy, nvar, j, i, IM2, IM1, wbar, dwy, j - 1, i, j, i);
    });
  }

  void update(const BlockGeometry& g, int nvar, const Array3& u, HydroWork& work, Real dt) const {
    const Real dtdx = dt / g.dx, dtdy = g.two_d ? dt / g.dy : 0.0;
    const bool two_d = g.two_d;
    const auto fx = work.fx, fy = work.fy;
    par_for("hydro::update", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < nvar; ++n) {
        Real du = dtdx * (fx(n, j, i + 1) - fx(n, j, i));
        if (two_d) du += dtdy * (fy(n, j + 1, i) - fy(n, j, i));
        u(n, j, i) -= du;
      }
    });
  }

  Eos eos_;
  Limiter limiter_;
};

}  // namespace ember::hydro
