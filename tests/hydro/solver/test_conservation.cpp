// Mass, momentum and energy are conserved to round-off: with periodic
// boundaries all four totals, with reflecting walls mass and energy (the walls
// exert forces, so momentum is not conserved there).
#include "hydro_test_util.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace ember::hydro::testing {
namespace {

// A pressurised, moving disc in a gas with a transverse shear: every flux
// component is exercised, with shocks, rarefactions and contacts crossing the
// boundaries.
void set_blast(Solver& s) {
  set_state(s, [](Real x, Real y) {
    const bool in = (x - 0.4) * (x - 0.4) + (y - 0.55) * (y - 0.55) < 0.04;
    PrimitiveState st;
    st.rho = in ? 2.0 : 1.0 + 0.2 * std::sin(6.0 * x);
    st.p = in ? 10.0 : 1.0;
    st.u = 0.3 + 0.1 * std::cos(4.0 * y);
    st.v = -0.2;
    return st;
  });
}

double rel(double now, double then) { return std::fabs(now - then) / std::fabs(then); }

TEST(Conservation, PeriodicBoxConservesAllTotalsToRoundOff) {
  SolverConfig cfg = ideal_gas_config(64, 64, 1.0, 1.0);
  cfg.bcs = outflow_except_periodic(true, true);
  auto s = make_solver(MPI_COMM_WORLD, cfg);
  set_blast(*s);
  const Totals t0 = s->totals();
  double t = 0.0;
  const int64_t steps = evolve(*s, t, 0.25, 100000);
  const Totals t1 = s->totals();
  if (world_rank() == 0)
    std::printf("[ periodic ] %ld steps: rel. change mass %.2e, energy %.2e, mom_x %.2e, mom_y %.2e\n",
                static_cast<long>(steps), rel(t1.mass, t0.mass), rel(t1.energy, t0.energy),
                rel(t1.momentum_x, t0.momentum_x), rel(t1.momentum_y, t0.momentum_y));
  EXPECT_GT(steps, 50);
  EXPECT_LT(rel(t1.mass, t0.mass), 1e-13);
  EXPECT_LT(rel(t1.energy, t0.energy), 1e-13);
  EXPECT_LT(rel(t1.momentum_x, t0.momentum_x), 1e-13);
  EXPECT_LT(rel(t1.momentum_y, t0.momentum_y), 1e-13);
}

TEST(Conservation, ReflectingBoxConservesMassAndEnergy) {
  SolverConfig cfg = ideal_gas_config(64, 64, 1.0, 1.0);
  for (auto& b : cfg.bcs) b.kind = BcKind::Reflect;
  auto s = make_solver(MPI_COMM_WORLD, cfg);
  set_blast(*s);
  const Totals t0 = s->totals();
  double t = 0.0;
  evolve(*s, t, 0.25, 100000);
  const Totals t1 = s->totals();
  EXPECT_LT(rel(t1.mass, t0.mass), 1e-13);
  EXPECT_LT(rel(t1.energy, t0.energy), 1e-13);
}

// The totals are not trivially constant: an outflow box loses mass.
TEST(Conservation, OutflowBoxDoesLoseMass) {
  SolverConfig cfg = ideal_gas_config(64, 64, 1.0, 1.0);
  auto s = make_solver(MPI_COMM_WORLD, cfg);
  set_blast(*s);
  const Totals t0 = s->totals();
  double t = 0.0;
  evolve(*s, t, 0.25, 100000);
  EXPECT_GT(rel(s->totals().mass, t0.mass), 1e-4);
}

}  // namespace
}  // namespace ember::hydro::testing
