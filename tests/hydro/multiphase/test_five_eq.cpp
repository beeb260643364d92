// Verification of the five-equation two-material solver: an interface in
// uniform flow keeps p and u uniform (Abgrall's condition), a piston shock in
// HMX lands on the Mie–Grüneisen Hugoniot temperature, a hot cell burns along
// the Arrhenius ODE, mass, momentum and energy are conserved to round-off,
// and a void-collapse run is the same on any number of ranks.
#include "arrhenius_ode.hpp"
#include "mpi_test.hpp"
#include "hydro/evolve.hpp"
#include "multiphase/five_eq_solver.hpp"
#include "multiphase/materials.hpp"
#include "multiphase/void_case.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

namespace ember::hydro::testing {
namespace {

FiveEqConfig hmx_config(int nx, int ny, double length, BcKind kind) {
  FiveEqConfig cfg;
  cfg.mesh = {nx, ny, 0.0, length, 0.0, ny > 1 ? length * ny / nx : 1.0};
  for (auto& b : cfg.bcs) b.kind = kind;
  cfg.materials = hmx_in_air();
  cfg.cfl = ny > 1 ? 0.4 : 0.8;
  return cfg;
}

double max_rel_dev(const std::vector<double>& a, double ref) {
  double m = 0.0;
  for (const double v : a) m = std::fmax(m, std::fabs(v / ref - 1.0));
  return m;
}

TEST(FiveEquation, InterfaceInUniformFlowKeepsPressureAndVelocity) {
  const HmxGas mix = hmx_in_air();
  auto s = make_five_eq_solver(MPI_COMM_WORLD, hmx_config(200, 1, 1e-5, BcKind::Periodic));
  const double p0 = 1e9, u0 = 500.0;
  s->initialise([&](Real x0, Real x1, Real, Real) {
    const double xc = 0.5 * (x0 + x1);
    MixedCell c = ambient_cell(mix, xc > 3e-6 && xc < 6e-6 ? 1.0 : 0.0);
    c.p = p0;
    c.u = u0;
    return c;
  });
  double t = 0.0;
  evolve(*s, t, 0.25 * 1e-5 / u0, 1000000);  // a quarter of the box
  Array3 f("f", N_MIXED_FIELDS, s->geom().ny_tot, s->geom().nx_tot);
  s->fields(f);
  const auto p = s->gather(f, F_P), u = s->gather(f, F_U), a1 = s->gather(f, F_A1);
  if (world_rank() != 0) return;
  double smeared = 0.0;
  for (const double a : a1) smeared += a > 0.01 && a < 0.99 ? 1.0 : 0.0;
  std::printf("[ interface ] max |p/p0 - 1| %.2e, max |u/u0 - 1| %.2e, mixed cells %.0f\n",
              max_rel_dev(p, p0), max_rel_dev(u, u0), smeared);
  EXPECT_LT(max_rel_dev(p, p0), 1e-9);
  EXPECT_LT(max_rel_dev(u, u0), 1e-9);
}

TEST(FiveEquation, PistonShockInHmxReachesTheHugoniotTemperature) {
  const HmxGas mix = hmx_in_air();
  const MieGruneisen& h = mix.phase1;
  for (const double up : {600.0, 1000.0, 1600.0}) {
    const double length = 1e-3;
    FiveEqConfig cfg = hmx_config(400, 1, length, BcKind::Outflow);
    cfg.bcs[kXlo] = {BcKind::Piston, up, 1e300};
    auto s = make_five_eq_solver(MPI_COMM_WORLD, cfg);
    s->initialise([&](Real, Real, Real, Real) { return ambient_cell(mix, 1.0); });
    const double us = h.c0 + h.s * up;
    double t = 0.0;
    evolve(*s, t, 0.75 * length / us, 1000000);
    Array3 f("f", N_MIXED_FIELDS, s->geom().ny_tot, s->geom().nx_tot);
    s->fields(f);
    const auto T1 = s->gather(f, F_T1), p = s->gather(f, F_P);
    if (world_rank() != 0) continue;
    // Hugoniot from ambient (p0 = 1e5 Pa is 1e-5 of the shock; neglected).
    const double rho_h = h.rho0 * us / (us - up), e_h = 0.5 * up * up + h.energy(h.rho0, kAmbientPressure);
    const double T_h = h.temperature(rho_h, e_h);
    const size_t mid = static_cast<size_t>(0.375 * 400);  // halfway between piston and shock
    std::printf("[ up = %4.0f m/s ] T %.2f K vs Hugoniot %.2f K (%.3f %%), p %.4g vs %.4g Pa\n", up, T1[mid],
                T_h, 100.0 * (T1[mid] / T_h - 1.0), p[mid], h.rho0 * us * up);
    EXPECT_NEAR(T1[mid] / T_h, 1.0, 0.005) << "up = " << up;
    EXPECT_NEAR(p[mid] / (h.rho0 * us * up), 1.0, 0.005) << "up = " << up;
  }
}

TEST(FiveEquation, HotCellBurnsAlongTheArrheniusOde) {
  const HmxGas mix = hmx_in_air();
  const MieGruneisen& h = mix.phase1;
  const double T0 = 1500.0;
  FiveEqConfig cfg = hmx_config(8, 1, 8e-7, BcKind::Periodic);
  cfg.reactive = true;
  auto s = make_five_eq_solver(MPI_COMM_WORLD, cfg);
  s->initialise([&](Real, Real, Real, Real) {
    MixedCell c = ambient_cell(mix, 1.0);
    c.p = h.pressure(h.rho0, h.cv * (T0 - h.T0));  // at ρ0, T = T0 + e/cv
    return c;
  });
  const double t_ad = cfg.chemistry.induction_time(T0, h.cv);
  // A uniform cell at rest keeps its volume: the ODE is exact for it.
  const ArrheniusOde ode{cfg.chemistry, h.cv, T0};
  Array3 f("f", N_MIXED_FIELDS, s->geom().ny_tot, s->geom().nx_tot);
  double t = 0.0, worst = 0.0;
  for (const double frac : {0.5, 0.9, 1.0, 1.1, 1.5}) {
    evolve(*s, t, frac * t_ad, 10000000);
    s->fields(f);
    const auto lam = s->gather(f, F_LAM), T = s->gather(f, F_T1);
    if (world_rank() != 0) continue;
    const double ref = ode.lambda_at(t, 400000), T_ref = ode.temperature(ref);
    std::printf("[ t = %.2f t_ad ] λ %.6f vs ODE %.6f, T %.1f vs %.1f K\n", frac, lam[3], ref, T[3], T_ref);
    worst = std::fmax(worst, std::fabs(lam[3] - ref));
    EXPECT_NEAR(T[3], T_ref, 5.0) << "t = " << frac << " t_ad";
  }
  if (world_rank() == 0) {
    EXPECT_LT(worst, 2e-3);
  }
}

TEST(FiveEquation, ConservesMassMomentumAndEnergy) {
  const HmxGas mix = hmx_in_air();
  auto s = make_five_eq_solver(MPI_COMM_WORLD, hmx_config(48, 48, 4e-6, BcKind::Periodic));
  s->initialise([&](Real x0, Real x1, Real y0, Real y1) {
    const double x = 0.5 * (x0 + x1) - 2e-6, y = 0.5 * (y0 + y1) - 2e-6;
    MixedCell c = ambient_cell(mix, x * x + y * y < 1e-12 ? 0.0 : 1.0);
    c.p = 5e9;
    c.u = 800.0 * std::sin(2.0 * M_PI * (y + 2e-6) / 4e-6);
    return c;
  });
  const Totals a = s->totals();
  const auto ar1_a = s->gather(s->conserved(), five_eq::IAR1);
  double t = 0.0;
  const int64_t steps = evolve(*s, t, 4e-10, 1000000);
  const Totals b = s->totals();
  const auto ar1_b = s->gather(s->conserved(), five_eq::IAR1);
  if (world_rank() != 0) return;
  double hmx_a = 0.0, hmx_b = 0.0;
  for (size_t c = 0; c < ar1_a.size(); ++c) hmx_a += ar1_a[c], hmx_b += ar1_b[c];
  const double mom_scale = a.mass * 800.0;
  std::printf("[ %lld steps ] mass %.2e, HMX mass %.2e, energy %.2e, x-momentum %.2e, y-momentum %.2e\n",
              static_cast<long long>(steps), b.mass / a.mass - 1.0, hmx_b / hmx_a - 1.0, b.energy / a.energy - 1.0,
              (b.momentum_x - a.momentum_x) / mom_scale, (b.momentum_y - a.momentum_y) / mom_scale);
  EXPECT_NEAR(b.mass / a.mass, 1.0, 1e-13);
  EXPECT_NEAR(hmx_b / hmx_a, 1.0, 1e-13);
  EXPECT_NEAR(b.energy / a.energy, 1.0, 1e-13);
  EXPECT_NEAR((b.momentum_x - a.momentum_x) / mom_scale, 0.0, 1e-13);
  EXPECT_NEAR((b.momentum_y - a.momentum_y) / mom_scale, 0.0, 1e-13);
}

// The same small collapse on all ranks of the world and on rank 0 alone.
TEST(FiveEquation, VoidCollapseIsTheSameOnAnyNumberOfRanks) {
  VoidCaseSpec spec;
  spec.nx = 32;
  spec.ny = 24;
  spec.dx = 62.5e-9;
  spec.voids.voids.push_back({0.8e-6, 0.75e-6, 0.35e-6});
  spec.shock_pressure = 20e9;
  spec.n_snapshots = 3;
  spec.snapshot_dt = 0.12e-9;
  std::vector<VoidSnapshot> world, self;
  run_void_case(MPI_COMM_WORLD, spec, [&](const VoidSnapshot& s) { world.push_back(s); });
  if (world_rank() != 0) return;
  run_void_case(MPI_COMM_SELF, spec, [&](const VoidSnapshot& s) { self.push_back(s); });
  ASSERT_EQ(world.size(), self.size());
  for (size_t k = 0; k < world.size(); ++k) {
    EXPECT_EQ(world[k].temperature, self[k].temperature) << "snapshot " << k;
    EXPECT_EQ(world[k].pressure, self[k].pressure) << "snapshot " << k;
    EXPECT_EQ(world[k].void_fraction, self[k].void_fraction) << "snapshot " << k;
  }
}

}  // namespace
}  // namespace ember::hydro::testing
