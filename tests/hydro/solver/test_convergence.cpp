// Sod's shock tube at 200, 400 and 800 cells: the L1 density error must fall
// at a rate of at least 0.7 per doubling (discontinuities cap a second-order
// scheme near first order; the contact smears as N^(-1/2) to N^(-2/3)).
#include "hydro_test_util.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace ember::hydro::testing {
namespace {

double sod_error(int n) {
  const exact::Prim left{1.0, 0.0, 1.0}, right{0.125, 0.0, 0.1};
  auto s = make_solver(MPI_COMM_WORLD, ideal_gas_config(n, 1, 1.0, 1.0));
  set_riemann_problem(*s, Direction::X, 0.5, prim(left), prim(right));
  run_to(*s, 0.2);
  const std::vector<double> rho = s->gather(s->conserved(), IDN);
  if (world_rank() != 0) return 0.0;
  std::vector<double> ref;
  const exact::RiemannSolution sol({1.4, 0.0}, left, right);
  for (const exact::Prim& p : sol.cell_averages(0.0, 1.0, n, 0.5, 0.2)) ref.push_back(p.rho);
  return l1(rho, ref);
}

TEST(Convergence, SodL1OrderAtLeast0p7) {
  const double e200 = sod_error(200), e400 = sod_error(400), e800 = sod_error(800);
  if (world_rank() != 0) return;
  const double q1 = std::log2(e200 / e400), q2 = std::log2(e400 / e800);
  std::printf("[ sod ] L1(rho): 200 %.4e, 400 %.4e, 800 %.4e; orders %.3f, %.3f\n", e200, e400,
              e800, q1, q2);
  EXPECT_GE(q1, 0.7);
  EXPECT_GE(q2, 0.7);
}

}  // namespace
}  // namespace ember::hydro::testing
