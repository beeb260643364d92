// Zone-cycles per second of the hydro_mini cycle (ghost fill, time step,
// MUSCL-Hancock + HLLC update) on one rank: Sod's problem in 1D with 65 536
// cells and in 2D with 512² cells, ideal gas.
#include "hydro/solver.hpp"
#include "init/initial_conditions.hpp"

#include <Kokkos_Core.hpp>
#include <benchmark/benchmark.h>
#include <mpi.h>

namespace {

using namespace ember::hydro;

void BM_SodCycle(benchmark::State& state) {
  const int nx = static_cast<int>(state.range(0));
  const int ny = static_cast<int>(state.range(1));
  SolverConfig cfg;
  cfg.mesh = {nx, ny, 0.0, 1.0, 0.0, 1.0};
  cfg.eos = IdealGas{1.4, 717.5};
  cfg.cfl = ny > 1 ? 0.45 : 0.8;
  auto s = make_solver(MPI_COMM_SELF, cfg);
  set_riemann_problem(*s, Direction::X, 0.5, {1.0, 0.0, 0.0, 1.0, {}}, {0.125, 0.0, 0.0, 0.1, {}});
  // Let the waves develop so that limiters and HLLC see real structure.
  for (int k = 0; k < 20; ++k) {
    s->refresh();
    s->advance(s->stable_dt());
  }
  for (auto _ : state) {
    s->refresh();
    s->advance(s->stable_dt());
    Kokkos::fence();
  }
  const double cells = static_cast<double>(nx) * ny;
  state.counters["zone_cycles_per_second"] =
      benchmark::Counter(cells * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_SodCycle)->Args({65536, 1})->Args({512, 512})->UseRealTime()->Unit(benchmark::kMillisecond);
