#include "multiphase/five_eq_solver.hpp"

#include "core/par_for.hpp"
#include "multiphase/rsolvers/hllc_five_eq.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace ember::hydro {
namespace {

using namespace five_eq;

// Smallest phase bulk modulus ρc² used in Wood's speed and K (Pa): a trace of
// gas at near-zero or negative pressure would otherwise give a mixture with no
// sound speed at all.
constexpr Real kModulusFloor = 1e4;
// Phase 1 temperature and conduction are defined where α1 reaches this.
constexpr Real kPhaseMin = 1e-3;
// A mixture holding gas (α2 ≥ kPhaseMin) cannot sustain tension: its gas
// would need negative energy. Where pressure equilibrium of such a cell gives
// less than kCavitationPressure (numerical mixing at an interface leaves the
// explosive's trace slightly expanded, hence in tension), the cell cavitates
// and its pressure is held there; its energy is left as it is (conserved).
constexpr Real kCavitationPressure = 1e3;  // Pa

KOKKOS_INLINE_FUNCTION Real clamp_alpha(Real a) { return min2(max2(a, kAlphaMin), 1.0 - kAlphaMin); }
KOKKOS_INLINE_FUNCTION Real clamp01(Real a) { return min2(max2(a, 0.0), 1.0); }

// Phase bulk moduli ρ_k c_k² at pressure p (floored).
template <class Mix>
KOKKOS_INLINE_FUNCTION void moduli(const Mix& m, Real r1, Real r2, Real p, Real& k1, Real& k2) {
  k1 = max2(r1 * m.phase1.sound_speed2(r1, m.energy1(r1, p), p), kModulusFloor);
  k2 = max2(r2 * m.phase2.sound_speed2(r2, m.energy2(r2, p), p), kModulusFloor);
}

// Wood's sound speed squared and Kapila's K = α1α2(k2 − k1)/(α1 k2 + α2 k1).
KOKKOS_INLINE_FUNCTION Real wood_c2(Real rho, Real a1, Real k1, Real k2) {
  return 1.0 / (rho * (a1 / k1 + (1.0 - a1) / k2));
}
KOKKOS_INLINE_FUNCTION Real kapila_k(Real a1, Real k1, Real k2) {
  const Real a2 = 1.0 - a1;
  return a1 * a2 * (k2 - k1) / (a1 * k2 + a2 * k1);
}

// A cell the solver can go on from: positive phase densities, a finite
// pressure and a finite, positive sound speed.
KOKKOS_INLINE_FUNCTION bool valid_cell(Real r1, Real r2, Real p, Real c) {
  return r1 > 0.0 && r2 > 0.0 && c > 0.0 && c < 1e300 && kmath::fabs(p) < 1e300;
}

// The mixture state a conserved cell holds.
struct CellThermo {
  Real rho, vx, vy, rho_e, a1, ar1, r1, r2, p;
};

template <class Mix>
KOKKOS_INLINE_FUNCTION CellThermo cell_thermo(const Mix& m, const Array3& u, int j, int i) {
  CellThermo c;
  c.rho = u(IRHO, j, i);
  c.vx = u(IMX, j, i) / c.rho;
  c.vy = u(IMY, j, i) / c.rho;
  c.rho_e = u(IE, j, i) - 0.5 * c.rho * (c.vx * c.vx + c.vy * c.vy);
  c.a1 = clamp_alpha(u(IA1, j, i));
  c.ar1 = u(IAR1, j, i);
  c.r1 = c.ar1 / c.a1;
  c.r2 = (c.rho - c.ar1) / (1.0 - c.a1);
  c.p = m.pressure(c.a1, c.r1, c.r2, c.rho_e);
  if (c.a1 <= 1.0 - kPhaseMin) c.p = max2(c.p, kCavitationPressure);
  return c;
}

template <class Mix>
class FiveEqSolverT final : public FiveEqSolver {
 public:
  FiveEqSolverT(MPI_Comm comm, const SolverConfig& base, const FiveEqConfig& cfg, const Mix& mix)
      : FiveEqSolver(comm, base, cfg), mix_(mix) {
    const BlockGeometry& g = geom();
    w_ = Array3("w5", NPRIM, g.ny_tot, g.nx_tot);
    cs_ = Array2("cs5", g.ny_tot, g.nx_tot);
    kterm_ = Array2("K", g.ny_tot, g.nx_tot);
    t1_ = Array2("T1", g.ny_tot, g.nx_tot);
    dwx_ = Array3("dwx5", NPRIM, g.ny_tot, g.nx_tot);
    dwy_ = Array3("dwy5", g.two_d ? NPRIM : 0, g.ny_tot, g.nx_tot);
    fx_ = Array3("fx5", NCONS, g.ny_tot, g.nx_tot + 1);
    fy_ = Array3("fy5", g.two_d ? NCONS : 0, g.ny_tot + 1, g.nx_tot);
    ux_ = Array2("ux5", g.ny_tot, g.nx_tot + 1);
    uy_ = Array2("uy5", g.two_d ? g.ny_tot + 1 : 0, g.nx_tot);
    u0_ = Array3("u0", NCONS, g.ny_tot, g.nx_tot);
  }

  const Array3& primitives() const override { return w_; }
  const Array2& sound_speed() const override { return cs_; }

  // SSP-RK2 (Shu & Osher): u1 = u + dt L(u); u = (u + u1 + dt L(u1)) / 2,
  // then the chemistry over dt.
  void advance(Real dt) override {
    const Real t0 = time();
    Kokkos::deep_copy(u0_, u_);
    stage(dt);
    set_time(t0 + dt);
    refresh();
    stage(dt);
    average_with_start();
    set_time(t0);
    if (mcfg_.reactive) react(dt);
  }

  void temperature(const Array2& out) const override {
    Array3 f("fields", N_MIXED_FIELDS, geom().ny_tot, geom().nx_tot);
    fields(f);
    const BlockGeometry& g = geom();
    const int is = g.is, js = g.js;
    par_for("five_eq::temperature", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      out(j - js, i - is) = f(F_T, j, i);
    });
  }

  void initialise(const std::function<MixedCell(Real, Real, Real, Real)>& f) override {
    const BlockGeometry& g = geom();
    auto h = Kokkos::create_mirror_view(u_);
    for (int j = g.js; j <= g.je; ++j)
      for (int i = g.is; i <= g.ie; ++i) {
        const Real x0 = g.xc(i) - 0.5 * g.dx, y0 = g.two_d ? g.yc(j) - 0.5 * g.dy : 0.0;
        const MixedCell c = f(x0, x0 + g.dx, y0, y0 + (g.two_d ? g.dy : 0.0));
        const Real a1 = clamp_alpha(c.alpha1);
        if (!(c.rho1 > 0.0 && c.rho2 > 0.0 && std::isfinite(c.p)))
          throw std::invalid_argument("five-equation initial state: cell (" + std::to_string(g.gi0 + i - g.is) +
                                      ", " + std::to_string(g.gj0 + j - g.js) +
                                      ") has a non-positive phase density or a non-finite pressure");
        const Real ar1 = a1 * c.rho1, ar2 = (1.0 - a1) * c.rho2, rho = ar1 + ar2;
        h(IRHO, j, i) = rho;
        h(IMX, j, i) = rho * c.u;
        h(IMY, j, i) = rho * c.v;
        h(IE, j, i) = mix_.rho_e(a1, c.rho1, c.rho2, c.p) + 0.5 * rho * (c.u * c.u + c.v * c.v);
        h(IBURN, j, i) = ar1 * clamp01(c.lambda);
        h(IAR1, j, i) = ar1;
        h(IA1, j, i) = a1;
      }
    Kokkos::deep_copy(u_, h);
  }

  void fields(const Array3& out) const override {
    const BlockGeometry& g = geom();
    const Mix m = mix_;
    const Array3 u = u_;
    par_for("five_eq::fields", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      const CellThermo c = cell_thermo(m, u, j, i);
      const Real T1 = c.a1 >= kPhaseMin ? m.temperature1(c.r1, c.p) : 0.0;
      const Real T2 = m.temperature2(c.r2, c.p);
      out(F_T, j, i) = c.a1 >= 0.5 ? T1 : T2;
      out(F_T1, j, i) = T1;
      out(F_T2, j, i) = T2;
      out(F_P, j, i) = c.p;
      out(F_A1, j, i) = c.a1;
      out(F_LAM, j, i) = c.ar1 > 0.0 ? clamp01(u(IBURN, j, i) / c.ar1) : 0.0;
      out(F_U, j, i) = c.vx;
      out(F_V, j, i) = c.vy;
      out(F_R1, j, i) = c.r1;
      out(F_RHO, j, i) = c.rho;
    });
  }

 protected:
  void primitives_from_conserved() override {
    const BlockGeometry& g = geom();
    const Mix m = mix_;
    const Array3 u = u_, w = w_;
    const Array2 cs = cs_, kt = kterm_, t1 = t1_;
    const bool conduct = mcfg_.conductivity > 0.0;
    par_for("five_eq::cons_to_prim", 0, g.ny_tot - 1, 0, g.nx_tot - 1, KOKKOS_LAMBDA(int j, int i) {
      const CellThermo c = cell_thermo(m, u, j, i);
      Real k1, k2;
      moduli(m, c.r1, c.r2, c.p, k1, k2);
      w(WRHO, j, i) = c.rho;
      w(WU, j, i) = c.vx;
      w(WV, j, i) = c.vy;
      w(WP, j, i) = c.p;
      w(WLAM, j, i) = c.ar1 > 0.0 ? clamp01(u(IBURN, j, i) / c.ar1) : 0.0;
      w(WR1, j, i) = c.r1;
      w(WR2, j, i) = c.r2;
      w(WA1, j, i) = c.a1;
      cs(j, i) = kmath::sqrt(wood_c2(c.rho, c.a1, k1, k2));
      kt(j, i) = kapila_k(c.a1, k1, k2);
      if (conduct) t1(j, i) = c.a1 >= kPhaseMin ? m.temperature1(c.r1, c.p) : 0.0;
    });
  }

  // Acoustic (CFL) and, with conduction, diffusive limits over the block and
  // its first ghost layer. An invalid cell (non-positive phase density, or a
  // non-finite pressure or sound speed) gives −1, which every rank then sees
  // as a collapsed step; that rank names the cell on stderr.
  Real block_stable_dt() const override {
    const BlockGeometry& g = geom();
    const Real idx = 1.0 / g.dx, idy = g.two_d ? 1.0 / g.dy : 0.0;
    const Real cfl = cfg_.cfl;
    const Real diff = mcfg_.conductivity > 0.0
                          ? mcfg_.conductivity * (idx * idx + idy * idy) / phase1_cv() : 0.0;
    const Array3 w = w_;
    const Array2 cs = cs_;
    const int jl = g.two_d ? g.js - 1 : g.js, ju = g.two_d ? g.je + 1 : g.je;
    const Real dt = par_min("five_eq::dt", jl, ju, g.is - 1, g.ie + 1, KOKKOS_LAMBDA(int j, int i) {
      const Real c = cs(j, i), r1 = w(WR1, j, i);
      if (!valid_cell(r1, w(WR2, j, i), w(WP, j, i), c)) return -1.0;
      const Real rate = (kmath::fabs(w(WU, j, i)) + c) * idx + (kmath::fabs(w(WV, j, i)) + c) * idy;
      Real dt_cell = cfl / rate;
      if (diff > 0.0 && w(WA1, j, i) >= kPhaseMin) dt_cell = min2(dt_cell, 0.5 * r1 / diff);
      return dt_cell;
    });
    if (dt < 0.0) report_invalid_cell();
    return dt;
  }

 private:
  Real phase1_cv() const { return mix_.phase1.cv; }

  void report_invalid_cell() const {
    const BlockGeometry& g = geom();
    auto w = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), w_);
    auto cs = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cs_);
    for (int j = 0; j < g.ny_tot; ++j)
      for (int i = 0; i < g.nx_tot; ++i) {
        const Real c = cs(j, i);
        if (valid_cell(w(WR1, j, i), w(WR2, j, i), w(WP, j, i), c)) continue;
        std::fprintf(stderr,
                     "five-equation solver, rank %d: invalid cell (i %d, j %d) at t = %g s: "
                     "alpha1 %g, rho1 %g, rho2 %g kg/m3, p %g Pa, c %g m/s\n",
                     decomp().rank(), g.gi0 + i - g.is, g.gj0 + j - g.js, time(), w(WA1, j, i),
                     w(WR1, j, i), w(WR2, j, i), w(WP, j, i), c);
        return;
      }
  }

  // u ← u + dt L(u) in the interior, L from the primitives of u (ghosts filled).
  void stage(Real dt) {
    slopes();
    fluxes(true);
    if (geom().two_d) fluxes(false);
    update(dt);
  }

  // Limited slopes of the reconstructed variables; a cell whose face states
  // would have a non-positive phase density or no sound speed falls back to
  // first order.
  void slopes() {
    const BlockGeometry& g = geom();
    const Mix m = mix_;
    const Limiter lim = mcfg_.limiter;
    const bool two_d = g.two_d;
    const Array3 w = w_, dwx = dwx_, dwy = dwy_;
    const int jl = two_d ? g.js - 1 : g.js, ju = two_d ? g.je + 1 : g.je;
    par_for("five_eq::slopes", jl, ju, g.is - 1, g.ie + 1, KOKKOS_LAMBDA(int j, int i) {
      for (int n = WU; n < NPRIM; ++n) {
        dwx(n, j, i) = limited_slope(lim, w(n, j, i) - w(n, j, i - 1), w(n, j, i + 1) - w(n, j, i));
        if (two_d)
          dwy(n, j, i) = limited_slope(lim, w(n, j, i) - w(n, j - 1, i), w(n, j + 1, i) - w(n, j, i));
      }
      bool ok = true;
      for (int f = 0; f < (two_d ? 4 : 2) && ok; ++f) {
        const Array3& dw = f < 2 ? dwx : dwy;
        const Real h = f % 2 == 0 ? -0.5 : 0.5;
        const Real r1 = w(WR1, j, i) + h * dw(WR1, j, i), r2 = w(WR2, j, i) + h * dw(WR2, j, i);
        const Real p = w(WP, j, i) + h * dw(WP, j, i);
        const Real a1 = clamp_alpha(w(WA1, j, i) + h * dw(WA1, j, i));
        ok = r1 > 0.0 && r2 > 0.0;
        if (ok) {
          const Real rho_e = m.rho_e(a1, r1, r2, p);
          ok = rho_e == rho_e && kmath::fabs(rho_e) < 1e300;
        }
      }
      if (!ok)
        for (int n = WU; n < NPRIM; ++n) {
          dwx(n, j, i) = 0.0;
          if (two_d) dwy(n, j, i) = 0.0;
        }
    });
  }

  // Face state of cell (j, i) on its low (h = −1/2) or high (h = +1/2) side,
  // normal velocity slot `in`.
  static KOKKOS_INLINE_FUNCTION Face face(const Mix& m, const Array3& w, const Array3& dw, int j,
                                          int i, Real h, int in, int it) {
    Face s;
    s.a1 = clamp_alpha(w(WA1, j, i) + h * dw(WA1, j, i));
    const Real r1 = w(WR1, j, i) + h * dw(WR1, j, i), r2 = w(WR2, j, i) + h * dw(WR2, j, i);
    s.ar1 = s.a1 * r1;
    s.ar2 = (1.0 - s.a1) * r2;
    s.un = w(in, j, i) + h * dw(in, j, i);
    s.ut = w(it, j, i) + h * dw(it, j, i);
    s.p = w(WP, j, i) + h * dw(WP, j, i);
    s.lam = clamp01(w(WLAM, j, i) + h * dw(WLAM, j, i));
    s.rho_e = m.rho_e(s.a1, r1, r2, s.p);
    Real k1, k2;
    moduli(m, r1, r2, s.p, k1, k2);
    s.c = kmath::sqrt(wood_c2(s.ar1 + s.ar2, s.a1, k1, k2));
    return s;
  }

  // Fluxes through the x faces (x_dir) or the y faces, with the conduction
  // flux −κ_f ∂T1/∂n in the energy; κ_f = κ·2α1Lα1R/(α1L + α1R) so that heat
  // flows only where both sides hold the explosive.
  void fluxes(bool x_dir) {
    const BlockGeometry& g = geom();
    const Mix m = mix_;
    const Array3 w = w_, dw = x_dir ? dwx_ : dwy_, fl = x_dir ? fx_ : fy_;
    const Array2 un_face = x_dir ? ux_ : uy_, t1 = t1_;
    const int in = x_dir ? WU : WV, it = x_dir ? WV : WU;
    const int mn = x_dir ? IMX : IMY, mt = x_dir ? IMY : IMX;
    const int dj = x_dir ? 0 : 1, di = x_dir ? 1 : 0;
    const Real kappa = mcfg_.conductivity, inv_h = 1.0 / (x_dir ? g.dx : g.dy);
    par_for(x_dir ? "five_eq::flux_x" : "five_eq::flux_y", g.js, g.je + dj, g.is, g.ie + di,
            KOKKOS_LAMBDA(int j, int i) {
              const Face L = face(m, w, dw, j - dj, i - di, 0.5, in, it);
              const Face R = face(m, w, dw, j, i, -0.5, in, it);
              const FaceFlux f = hllc_flux(L, R);
              Real energy = f.energy;
              if (kappa > 0.0) {
                const Real aL = w(WA1, j - dj, i - di), aR = w(WA1, j, i);
                if (aL >= kPhaseMin && aR >= kPhaseMin)
                  energy -= kappa * 2.0 * aL * aR / (aL + aR) * (t1(j, i) - t1(j - dj, i - di)) * inv_h;
              }
              fl(IRHO, j, i) = f.ar1 + f.ar2;
              fl(mn, j, i) = f.mom_n;
              fl(mt, j, i) = f.mom_t;
              fl(IE, j, i) = energy;
              fl(IBURN, j, i) = f.burn;
              fl(IAR1, j, i) = f.ar1;
              fl(IA1, j, i) = f.alpha;
              un_face(j, i) = f.un;
            });
  }

  // Conservative update, and α1 += dt [−∇·(α1u) + (α1 + K)∇·u], clamped.
  void update(Real dt) {
    const BlockGeometry& g = geom();
    const bool two_d = g.two_d;
    const Real dtdx = dt / g.dx, dtdy = two_d ? dt / g.dy : 0.0;
    const Array3 u = u_, w = w_, fx = fx_, fy = fy_;
    const Array2 ux = ux_, uy = uy_, kt = kterm_;
    par_for("five_eq::update", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < NCONS; ++n) {
        Real du = dtdx * (fx(n, j, i + 1) - fx(n, j, i));
        if (two_d) du += dtdy * (fy(n, j + 1, i) - fy(n, j, i));
        u(n, j, i) -= du;
      }
      Real div = dtdx * (ux(j, i + 1) - ux(j, i));
      if (two_d) div += dtdy * (uy(j + 1, i) - uy(j, i));
      u(IA1, j, i) = clamp_alpha(u(IA1, j, i) + (w(WA1, j, i) + kt(j, i)) * div);
      u(IBURN, j, i) = min2(max2(u(IBURN, j, i), 0.0), max2(u(IAR1, j, i), 0.0));
    });
  }

  void average_with_start() {
    const BlockGeometry& g = geom();
    const Array3 u = u_, u0 = u0_;
    par_for("five_eq::rk2_average", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      for (int n = 0; n < NCONS; ++n) u(n, j, i) = 0.5 * (u0(n, j, i) + u(n, j, i));
    });
  }

  // Arrhenius chemistry of phase 1 at constant volume over dt, cell by cell:
  // λ from Arrhenius::advance at the phase temperature, the heat α1ρ1 Q Δλ
  // into the cell's energy.
  void react(Real dt) {
    const BlockGeometry& g = geom();
    const Mix m = mix_;
    const Arrhenius chem = mcfg_.chemistry;
    const Real cv = phase1_cv(), a_min = mcfg_.react_min_alpha;
    const Array3 u = u_;
    par_for("five_eq::react", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      const CellThermo c = cell_thermo(m, u, j, i);
      if (c.a1 < a_min || !(c.ar1 > 0.0)) return;
      const Real T1 = m.temperature1(c.r1, c.p);
      const Real lam = clamp01(u(IBURN, j, i) / c.ar1);
      int substeps = 0;
      const Real dlam = chem.advance(lam, T1, cv, dt, substeps) - lam;
      u(IBURN, j, i) += c.ar1 * dlam;
      u(IE, j, i) += c.ar1 * chem.Q * dlam;
    });
  }

  Mix mix_;
  Array3 w_, dwx_, dwy_, fx_, fy_, u0_;
  Array2 cs_, kterm_, t1_, ux_, uy_;
};

}  // namespace

std::unique_ptr<FiveEqSolver> make_five_eq_solver(MPI_Comm comm, const FiveEqConfig& cfg) {
  if (!(cfg.cfl > 0.0 && cfg.cfl <= (cfg.mesh.two_d() ? 0.5 : 1.0)))
    throw std::invalid_argument("five-equation solver: cfl " + std::to_string(cfg.cfl) +
                                " out of (0, 0.5] in 2D, (0, 1] in 1D");
  if (cfg.conductivity < 0.0)
    throw std::invalid_argument("five-equation solver: negative conductivity");
  SolverConfig base;
  base.mesh = cfg.mesh;
  base.bcs = cfg.bcs;
  base.limiter = cfg.limiter;
  base.nscalar = five_eq::NCONS - NHYDRO;
  base.cfl = cfg.cfl;
  base.ranks_x = cfg.ranks_x;
  base.ranks_y = cfg.ranks_y;
  return std::visit(
      [&](const auto& mix) -> std::unique_ptr<FiveEqSolver> {
        using Mix = std::decay_t<decltype(mix)>;
        return std::make_unique<FiveEqSolverT<Mix>>(comm, base, cfg, mix);
      },
      cfg.materials);
}

}  // namespace ember::hydro
