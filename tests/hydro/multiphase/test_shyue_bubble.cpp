// Shock-induced collapse of a cylindrical air bubble in water, the set-up of
// Shyue (1998, 1999): a 1 GPa shock in stiffened-gas water (γ 4.4,
// p∞ 6e8 Pa) runs over an air bubble of radius R = 3 mm at 1e5 Pa. The
// collapse time (minimum gas volume) must converge as the mesh is refined
// and be about the Rayleigh time; the collapse must amplify the pressure.
//
// The peak pressure does not converge: from 8 to 128 cells per radius it
// rises 2.87, 3.87, 4.29, 4.85, 5.29 GPa (+35, +11, +13, +9 %) while the
// smallest gas volume falls 3.0, 2.3, 2.0, 1.7, 1.5 % of the initial one.
// Without viscosity or surface tension the collapse focuses until the
// mesh's numerical diffusion of the interface stops it, so the peak is set
// by the mesh. Its convergence is therefore not asserted.
//
// Geometry (2D planar, half domain): bubble centred at the origin, domain
// [−2.5R, 2.5R] × [0, 3R] with a symmetry line (reflecting) at y = 0 and
// outflow elsewhere; the shock starts at x = 1.25R (0.75 mm from the bubble)
// and runs toward −x, the post-shock water flowing in from x-high.
#include "field_probe.hpp"
#include "mpi_test.hpp"
#include "hydro/evolve.hpp"
#include "multiphase/five_eq_solver.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace ember::hydro::testing {
namespace {

constexpr double kR = 3e-3;                                       // m
constexpr double kRhoWater = 1000.0, kPWater = 1e5;               // at rest
constexpr double kRhoShocked = 1230.0, kPShocked = 1e9, kUShocked = -432.69;
constexpr double kXShock = 1.25 * kR;
// Ends 1.7 µs after the collapse; the peak pressure comes 0.08–0.44 µs after it.
constexpr double kTEnd = 7e-6;

struct Collapse {
  double t_collapse = 0.0;  // time of the minimum gas volume, s
  double min_volume = 0.0;  // that volume over the initial one
  double p_peak = 0.0;      // largest pressure anywhere, at any time, Pa
  double t_peak = 0.0;
  long long steps = 0;
};

MixedCell initial_cell(Real x0, Real x1, Real y0, Real y1) {
  // Volume fraction from 10 × 10 samples of the cell, so that the discrete
  // bubble has the area of the circle on every mesh.
  constexpr int kSub = 10;
  int inside = 0;
  for (int a = 0; a < kSub; ++a)
    for (int b = 0; b < kSub; ++b) {
      const double x = x0 + (a + 0.5) / kSub * (x1 - x0), y = y0 + (b + 0.5) / kSub * (y1 - y0);
      inside += x * x + y * y < kR * kR ? 1 : 0;
    }
  MixedCell c;
  c.alpha1 = 1.0 - static_cast<double>(inside) / (kSub * kSub);
  c.rho2 = 1.2;  // air at 1e5 Pa, 290 K (also the trace of air in the water)
  const bool shocked = 0.5 * (x0 + x1) > kXShock;
  c.rho1 = shocked ? kRhoShocked : kRhoWater;
  c.p = shocked ? kPShocked : kPWater;
  c.u = shocked ? kUShocked : 0.0;
  return c;
}

// The collapse on a mesh of n cells per bubble radius.
Collapse run_bubble(int n) {
  WaterGas mix;
  mix.phase1 = StiffenedGas{4.4, 6e8, 1816.0};
  mix.phase2 = IdealGas{1.4, 717.5};
  FiveEqConfig cfg;
  cfg.materials = mix;
  cfg.mesh = {5 * n, 3 * n, -2.5 * kR, 2.5 * kR, 0.0, 3.0 * kR};
  for (auto& b : cfg.bcs) b.kind = BcKind::Outflow;
  cfg.bcs[kYlo].kind = BcKind::Reflect;
  cfg.cfl = 0.4;
  auto s = make_five_eq_solver(MPI_COMM_WORLD, cfg);
  s->initialise(initial_cell);

  FieldProbe probe(*s);
  const auto gas = [](double a1) { return 1.0 - a1; };
  probe.update();
  const double v0 = probe.integral(F_A1, gas);
  Collapse r;
  r.min_volume = 1e300;
  double t = 0.0;
  r.steps = evolve(*s, t, kTEnd, 1000000, [&](const StepInfo& st) {
    probe.update();
    const double v = probe.integral(F_A1, gas) / v0, p = probe.max(F_P);
    if (v < r.min_volume) r.min_volume = v, r.t_collapse = st.t;
    if (p > r.p_peak) r.p_peak = p, r.t_peak = st.t;
  });
  if (world_rank() == 0)
    std::printf("[ %3d cells/R ] %5lld steps: min gas volume %.4f at %.4f us, peak p %.4f GPa at %.4f us\n", n,
                r.steps, r.min_volume, 1e6 * r.t_collapse, 1e-9 * r.p_peak, 1e6 * r.t_peak);
  return r;
}

// Rayleigh's collapse time of a spherical cavity under the pressure jump,
// and the time the shock reaches the bubble (shock speed from mass
// conservation across it).
double rayleigh_time() { return 0.915 * kR * std::sqrt(kRhoWater / (kPShocked - kPWater)); }
double shock_arrival() {
  const double us = kRhoShocked * -kUShocked / (kRhoShocked - kRhoWater);
  return (kXShock - kR) / us;
}

double order(double q1, double q2, double q3) { return std::log2(std::fabs(q1 - q2) / std::fabs(q2 - q3)); }

// Prints the differences and observed orders of a sequence of meshes, each
// twice as fine as the one before.
void report(const std::vector<int>& n, const std::vector<Collapse>& r) {
  for (size_t k = 1; k < r.size(); ++k) {
    std::printf("[ %d -> %d ] collapse time differs %.3f %%, peak pressure %.2f %%\n", n[k - 1], n[k],
                100.0 * std::fabs(r[k].t_collapse / r[k - 1].t_collapse - 1.0),
                100.0 * std::fabs(r[k].p_peak / r[k - 1].p_peak - 1.0));
    if (k >= 2)
      std::printf("[ %d, %d, %d ] observed order: collapse time %.2f, peak pressure %.2f\n", n[k - 2], n[k - 1],
                  n[k], order(r[k - 2].t_collapse, r[k - 1].t_collapse, r[k].t_collapse),
                  order(r[k - 2].p_peak, r[k - 1].p_peak, r[k].p_peak));
  }
  const Collapse& fine = r.back();
  std::printf("collapse %.3f us after the shock arrives = %.3f Rayleigh times (t_R %.3f us)\n",
              1e6 * (fine.t_collapse - shock_arrival()), (fine.t_collapse - shock_arrival()) / rayleigh_time(),
              1e6 * rayleigh_time());
}

TEST(ShyueBubble, CollapseTimeAndPeakPressureConverge) {
  const std::vector<int> n = {8, 16, 32};
  std::vector<Collapse> r;
  for (const int cells : n) r.push_back(run_bubble(cells));
  if (world_rank() != 0) return;
  report(n, r);
  // Measured collapse times (8, 16, 32 cells/R): 5.441, 5.312, 5.268 µs,
  // then 5.246, 5.252 µs at 64 and 128 (DISABLED_FinerMeshes): successive
  // differences 2.4, 0.83, 0.41, 0.11 %. The difference must shrink, and
  // the finest pair here agree to within 1.5 %.
  EXPECT_LT(std::fabs(r[2].t_collapse - r[1].t_collapse), std::fabs(r[1].t_collapse - r[0].t_collapse));
  EXPECT_NEAR(r[2].t_collapse / r[1].t_collapse, 1.0, 0.015);
  for (const Collapse& c : r) {
    // The bubble really collapses: under 5 % of its gas volume is left
    // (3.0 % on the coarsest mesh) ...
    EXPECT_LT(c.min_volume, 0.05);
    // ... and focuses the incident 1 GPa to over 2.5 GPa (2.87 GPa on the
    // coarsest mesh) within 0.5 µs of the minimum volume.
    EXPECT_GT(c.p_peak, 2.5 * kPShocked);
    EXPECT_GT(c.t_peak, c.t_collapse);
    EXPECT_LT(c.t_peak, c.t_collapse + 0.5e-6);
  }
  // An empty cylinder under a pressure jump Δp held at radius R∞ collapses
  // in R sqrt(ρ ln(R∞/R) / Δp) (incompressible, energy balance): 1.15 to
  // 2.35 times Rayleigh's sphere for R∞ from 3R to 100R.
  const double ratio = (r[2].t_collapse - shock_arrival()) / rayleigh_time();
  EXPECT_GT(ratio, std::sqrt(std::log(3.0)) / 0.915);
  EXPECT_LT(ratio, std::sqrt(std::log(100.0)) / 0.915);
}

// The same case up to 128 cells per radius, too slow for the test command
// (about 1 and 10 minutes on one core at 64 and 128): run it with
// --gtest_also_run_disabled_tests --gtest_filter='*Finer*'.
TEST(ShyueBubble, DISABLED_FinerMeshes) {
  const std::vector<int> n = {16, 32, 64, 128};
  std::vector<Collapse> r;
  for (const int cells : n) r.push_back(run_bubble(cells));
  if (world_rank() == 0) report(n, r);
}

}  // namespace
}  // namespace ember::hydro::testing
