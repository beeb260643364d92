// A piston driven into HMX at rest (Mie–Grüneisen, linear Us–up reference,
// Benson & Conley 1999 data) must send a shock at Us = c0 + s·up: the measured
// shock speed within 1 % at several piston speeds, and the post-shock state on
// the Hugoniot (p = ρ0·Us·up, ρ = ρ0·Us/(Us − up)).
#include "hydro_test_util.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace ember::hydro::testing {
namespace {

const MieGruneisen kHmx{1900.0, 2901.0, 2.058, 1.1, 1280.0, 300.0};

// Position where the pressure first rises above half the post-shock value,
// scanning from the undisturbed side, interpolated within the cell.
double shock_position(const std::vector<double>& p, double half, double dx) {
  for (size_t i = p.size() - 1; i > 0; --i)
    if (p[i - 1] >= half && p[i] < half)
      return (static_cast<double>(i) - 0.5 + (p[i - 1] - half) / (p[i - 1] - p[i])) * dx;
  return -1.0;
}

TEST(PistonHugoniot, ShockSpeedIsC0PlusSUpWithinOnePercent) {
  const double length = 0.01;  // m
  const int n = 400;
  for (const double up : {250.0, 500.0, 1000.0, 1500.0, 2000.0}) {
    const double us = kHmx.c0 + kHmx.s * up;
    const double p_post = kHmx.rho0 * us * up;
    const double rho_post = kHmx.rho0 * us / (us - up);
    SolverConfig cfg;
    cfg.mesh = {n, 1, 0.0, length, 0.0, 1.0};
    cfg.eos = kHmx;
    cfg.cfl = 0.8;
    cfg.bcs = outflow_except_periodic(false, false);
    cfg.bcs[kXlo] = {BcKind::Piston, up};
    auto s = make_solver(MPI_COMM_WORLD, cfg);
    set_state(*s, [](Real, Real) { return PrimitiveState{kHmx.rho0, 0.0, 0.0, 0.0, {}}; });
    const double t2 = 0.75 * length / us, t1 = 0.4 * t2;
    double t = 0.0;
    evolve(*s, t, t1, 100000);
    s->refresh();
    const std::vector<double> p1 = s->gather(s->primitives(), IPR);
    evolve(*s, t, t2, 100000);
    s->refresh();
    const std::vector<double> p2 = s->gather(s->primitives(), IPR);
    const std::vector<double> rho2 = s->gather(s->primitives(), IDN);
    if (world_rank() != 0) continue;
    const double dx = length / n;
    const double x1 = shock_position(p1, 0.5 * p_post, dx);
    const double x2 = shock_position(p2, 0.5 * p_post, dx);
    const double us_measured = (x2 - x1) / (t2 - t1);
    // The state between piston and shock, away from both.
    const size_t mid = static_cast<size_t>(0.5 * x2 / dx);
    std::printf("[ piston up = %4.0f m/s ] Us %.2f m/s measured vs %.2f (%.3f %%); p %.4g vs %.4g Pa\n",
                up, us_measured, us, 100.0 * (us_measured / us - 1.0), p2[mid], p_post);
    EXPECT_NEAR(us_measured / us, 1.0, 0.01) << "up = " << up;
    EXPECT_NEAR(p2[mid] / p_post, 1.0, 0.01) << "up = " << up;
    EXPECT_NEAR(rho2[mid] / rho_post, 1.0, 0.01) << "up = " << up;
  }
}

}  // namespace
}  // namespace ember::hydro::testing
