// Small helpers shared by the hydro_mini verification tests.
#pragma once

#include "exact_riemann.hpp"
#include "hydro/evolve.hpp"
#include "hydro/solver.hpp"
#include "hydro/variables.hpp"
#include "init/initial_conditions.hpp"
#include "mpi_test.hpp"

#include <cmath>
#include <memory>
#include <vector>

namespace ember::hydro::testing {

// A Riemann problem of Toro's numerical tests (Toro 2009, table 10.1):
// domain [0, 1], ideal gas γ = 1.4.
struct ToroTest {
  const char* name;
  exact::Prim left, right;
  double x0, t_end;
};

inline const std::vector<ToroTest>& toro_tests() {
  static const std::vector<ToroTest> tests = {
      {"1 (modified Sod)", {1.0, 0.75, 1.0}, {0.125, 0.0, 0.1}, 0.3, 0.2},
      {"2 (123 problem)", {1.0, -2.0, 0.4}, {1.0, 2.0, 0.4}, 0.5, 0.15},
      {"3 (left blast wave)", {1.0, 0.0, 1000.0}, {1.0, 0.0, 0.01}, 0.5, 0.012},
      {"4 (shock collision)", {5.99924, 19.5975, 460.894}, {5.99242, -6.19633, 46.0950}, 0.4, 0.035},
      {"5 (stationary contact)", {1.0, -19.59745, 1000.0}, {1.0, -19.59745, 0.01}, 0.8, 0.012},
  };
  return tests;
}

inline PrimitiveState prim(const exact::Prim& p) { return {p.rho, p.u, 0.0, p.p, {}}; }

// Outflow on every side, or periodic on the sides named.
inline Boundaries outflow_except_periodic(bool periodic_x, bool periodic_y) {
  Boundaries b;
  for (int s = 0; s < 4; ++s) {
    const bool per = (s < 2) ? periodic_x : periodic_y;
    b[s].kind = per ? BcKind::Periodic : BcKind::Outflow;
  }
  return b;
}

inline SolverConfig ideal_gas_config(int nx, int ny, double x_max, double y_max) {
  SolverConfig cfg;
  cfg.mesh = {nx, ny, 0.0, x_max, 0.0, y_max};
  cfg.eos = IdealGas{1.4, 717.5};
  cfg.cfl = ny > 1 ? 0.45 : 0.8;
  cfg.bcs = outflow_except_periodic(false, false);
  return cfg;
}

inline void run_to(Solver& s, double t_end) {
  double t = 0.0;
  evolve(s, t, t_end, 1000000);
}

// Mean absolute difference, i.e. the L1 norm on a unit-length 1D grid.
inline double l1(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0.0;
  for (size_t i = 0; i < a.size(); ++i) sum += std::fabs(a[i] - b[i]);
  return sum / static_cast<double>(a.size());
}

}  // namespace ember::hydro::testing
