// Cost of the coupled reactive step: the hydro cycle of a detonating PBX 9501
// column (mixture EOS, λ advected) with and without the Ignition & Growth
// closure plugin evaluated on the shocked, unburnt cells.
#include "hydro/evolve.hpp"
#include "hydro/variables.hpp"
#include "init/initial_conditions.hpp"
#include "reactive/closure_coupling.hpp"

#include <Kokkos_Core.hpp>
#include <benchmark/benchmark.h>

namespace {

using namespace ember::hydro;

// A 4096-cell, 16 mm column 1 µs after a 20 GPa piston started a detonation.
struct Column {
  std::unique_ptr<Solver> solver;
  std::unique_ptr<ClosureCoupling> closure;
  Column() {
    const ReactiveMixture mix = pbx9501_mixture();
    SolverConfig cfg;
    cfg.mesh = {4096, 1, 0.0, 0.016, 0.0, 1.0};
    cfg.eos = mix;
    cfg.nscalar = 1;
    cfg.cfl = 0.8;
    cfg.bcs[kXlo] = {BcKind::Piston, mix.solid.particle_velocity_for_pressure(20e9)};
    solver = make_solver(MPI_COMM_SELF, cfg);
    set_state(*solver, [&](Real, Real) { return PrimitiveState{mix.solid.rho0, 0.0, 0.0, 0.0, {0.0}}; });
    closure = std::make_unique<ClosureCoupling>(
        ClosureConfig{EMBER_IG_PLUGIN_PATH, EMBER_IG_MODEL_PATH, 1e8, 0.0}, *solver);
    double t = 0.0;
    evolve(*solver, t, 1e-6, 1 << 20, {}, closure.get());
  }
};

Column& column() {
  static Column c;
  return c;
}

void BM_ReactiveCycle(benchmark::State& state) {
  const bool with_plugin = state.range(0) == 1;
  Column& c = column();
  long long active = 0;
  for (auto _ : state) {
    c.solver->refresh();
    const double dt = c.solver->stable_dt();
    c.solver->advance(dt);
    if (with_plugin) {
      c.closure->after_hydro(*c.solver, dt);
      active += c.closure->counters().active;
    }
    Kokkos::fence();
  }
  const double cells = c.solver->config().mesh.nx;
  state.counters["zone_cycles_per_second"] =
      benchmark::Counter(cells * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  if (with_plugin)
    state.counters["closure_cells_per_step"] =
        static_cast<double>(active) / static_cast<double>(state.iterations());
  state.SetLabel(with_plugin ? "hydro + I&G plugin" : "hydro only");
}

}  // namespace

BENCHMARK(BM_ReactiveCycle)->Arg(0)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
