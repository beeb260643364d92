// The coupled reactive mode keeps the solver's guarantees: the fields and the
// closure's per-cell state are bitwise the same on any number of ranks, and a
// run continued from a checkpoint (conserved variables, closure state and the
// closure's dt limit) is bitwise the run that never stopped.
#include "hydro/evolve.hpp"
#include "mpi_test.hpp"
#include "hydro/variables.hpp"
#include "init/initial_conditions.hpp"
#include "io/checkpoint.hpp"
#include "reactive/closure_coupling.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

namespace ember::hydro {
namespace {

using testing::world_rank;

SolverConfig config() {
  const ReactiveMixture mix = pbx9501_mixture();
  SolverConfig cfg;
  cfg.mesh = {120, 1, 0.0, 0.003, 0.0, 1.0};
  cfg.eos = mix;
  cfg.nscalar = 1;
  cfg.cfl = 0.8;
  cfg.bcs[kXlo] = {BcKind::Piston, mix.solid.particle_velocity_for_pressure(15e9)};
  return cfg;
}

struct CoupledRun {
  std::unique_ptr<Solver> solver;
  std::unique_ptr<ClosureCoupling> closure;
};

CoupledRun start(MPI_Comm comm) {
  CoupledRun r;
  r.solver = make_solver(comm, config());
  const double rho0 = pbx9501_mixture().solid.rho0;
  set_state(*r.solver, [&](Real, Real) { return PrimitiveState{rho0, 0.0, 0.0, 0.0, {0.0}}; });
  r.closure = std::make_unique<ClosureCoupling>(
      ClosureConfig{EMBER_IG_PLUGIN_PATH, EMBER_IG_MODEL_PATH, 1e8, 0.0}, *r.solver);
  return r;
}

// Every conserved variable and every closure field, gathered to rank 0.
std::vector<std::vector<double>> fields(const CoupledRun& r) {
  std::vector<std::vector<double>> f;
  for (int v = 0; v < r.solver->nvar(); ++v) f.push_back(r.solver->gather(r.solver->conserved(), v));
  // Closure fields are block-local; gather them through a scratch array.
  for (const NamedField& c : r.closure->snapshot_fields()) {
    const BlockGeometry& g = r.solver->geom();
    Array3 tmp("tmp", 1, g.ny_tot, g.nx_tot);
    auto h = Kokkos::create_mirror_view(tmp);
    size_t k = 0;
    for (int j = g.js; j <= g.je; ++j)
      for (int i = g.is; i <= g.ie; ++i) h(0, j, i) = c.values[k++];
    Kokkos::deep_copy(tmp, h);
    f.push_back(r.solver->gather(tmp, 0));
  }
  return f;
}

void expect_bitwise(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b,
                    const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t v = 0; v < a.size(); ++v)
    for (size_t k = 0; k < a[v].size(); ++k)
      ASSERT_EQ(std::memcmp(&a[v][k], &b[v][k], sizeof(double)), 0)
          << what << ": field " << v << " cell " << k << ": " << a[v][k] << " vs " << b[v][k];
}

TEST(ReactiveMode, BitwiseOnAnyRankCountAndAcrossARestart) {
  const double t_mid = 2e-7, t_end = 4e-7;
  CoupledRun straight = start(MPI_COMM_WORLD);
  double t = 0.0;
  evolve(*straight.solver, t, t_mid, 1 << 20, {}, straight.closure.get());
  evolve(*straight.solver, t, t_end, 1 << 20, {}, straight.closure.get());
  const auto reference = fields(straight);
  EXPECT_GT(straight.solver->totals().burned_mass, 0.0) << "nothing burned: the test would prove little";

  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::string ckpt = "reactive_restart_np" + std::to_string(size) + ".h5";
  CoupledRun first = start(MPI_COMM_WORLD);
  double t1 = 0.0;
  const int64_t steps = evolve(*first.solver, t1, t_mid, 1 << 20, {}, first.closure.get());
  write_checkpoint(ckpt, *first.solver, {t1, steps, 0, first.closure->dt_limit()}, "",
                   first.closure->checkpoint_fields());
  CoupledRun second = start(MPI_COMM_WORLD);
  const CheckpointInfo info = read_checkpoint(ckpt, *second.solver);
  second.closure->restore(read_checkpoint_fields(ckpt, *second.solver, second.closure->checkpoint_names()),
                          info.dt_limit);
  double t2 = info.time;
  evolve(*second.solver, t2, t_end, 1 << 20, {}, second.closure.get());
  const auto restarted = fields(second);

  std::vector<std::vector<double>> serial;
  if (world_rank() == 0) {
    CoupledRun one = start(MPI_COMM_SELF);
    double t3 = 0.0;  // the same segments as the reference: they shape the dt sequence
    evolve(*one.solver, t3, t_mid, 1 << 20, {}, one.closure.get());
    evolve(*one.solver, t3, t_end, 1 << 20, {}, one.closure.get());
    serial = fields(one);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (world_rank() != 0) return;
  std::remove(ckpt.c_str());
  expect_bitwise(reference, restarted, "restart");
  expect_bitwise(reference, serial, "one rank");
}

}  // namespace
}  // namespace ember::hydro
