// The fields do not depend on the number of MPI ranks: a 2D problem run on
// all ranks of the job (1, 2 or 4; 4 splits 2 x 2) must equal, bit for bit,
// the same problem run by rank 0 alone.
#include "hydro_test_util.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace ember::hydro::testing {
namespace {

// Every boundary kind at once, a passive scalar, and waves crossing the
// block seams in both directions and at the corners.
SolverConfig config() {
  SolverConfig cfg = ideal_gas_config(48, 40, 1.2, 1.0);
  cfg.nscalar = 1;
  cfg.bcs[kXlo] = {BcKind::Piston, 0.5};
  cfg.bcs[kXhi] = {BcKind::Outflow, 0.0};
  cfg.bcs[kYlo] = {BcKind::Periodic, 0.0};
  cfg.bcs[kYhi] = {BcKind::Periodic, 0.0};
  return cfg;
}

std::vector<std::vector<double>> run(MPI_Comm comm) {
  auto s = make_solver(comm, config());
  set_state(*s, [](Real x, Real y) {
    const bool in = (x - 0.6) * (x - 0.6) + (y - 0.3) * (y - 0.3) < 0.05;
    PrimitiveState st;
    st.rho = in ? 3.0 : 1.0;
    st.p = in ? 8.0 : 1.0;
    st.u = 0.1 * y;
    st.v = 0.2 * std::sin(5.0 * x);
    st.scalars = {in ? 1.0 : 0.0};
    return st;
  });
  run_to(*s, 0.15);
  std::vector<std::vector<double>> out;
  for (int v = 0; v < s->nvar(); ++v) out.push_back(s->gather(s->conserved(), v));
  return out;
}

TEST(RankInvariance, FieldsBitwiseEqualToASingleRankRun) {
  const auto parallel = run(MPI_COMM_WORLD);
  if (world_rank() != 0) return;
  const auto serial = run(MPI_COMM_SELF);
  ASSERT_EQ(parallel.size(), serial.size());
  for (size_t v = 0; v < serial.size(); ++v) {
    ASSERT_EQ(parallel[v].size(), serial[v].size());
    for (size_t k = 0; k < serial[v].size(); ++k)
      ASSERT_EQ(std::memcmp(&parallel[v][k], &serial[v][k], sizeof(double)), 0)
          << "variable " << v << " cell " << k << ": " << parallel[v][k] << " vs " << serial[v][k];
  }
}

}  // namespace
}  // namespace ember::hydro::testing
