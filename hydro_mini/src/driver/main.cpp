// hydro_mini: run a deck.
//
//   hydro_mini DECK.toml [section.key=value ...] [--restart CHECKPOINT.h5]
//
// Every key of the deck can be overridden on the command line; an unknown key
// or an out-of-range value stops the run before the first step. A deck with
// model.kind = "two_material" runs the resolved-void mode
// (driver/two_material_config.hpp); any other, the single-material solver.
#include "driver/program.hpp"
#include "driver/run_config.hpp"
#include "driver/two_material_run.hpp"
#include "hydro/evolve.hpp"
#include "hydro/variables.hpp"
#include "io/checkpoint.hpp"
#include "io/history.hpp"
#include "io/snapshot.hpp"

#include <Kokkos_Core.hpp>
#include <mpi.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace ember::hydro {
namespace {

struct Args {
  std::string deck;
  std::vector<std::string> overrides;
  std::string restart;
};

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--restart") {
      if (i + 1 >= argc) throw std::runtime_error("--restart needs a checkpoint file");
      a.restart = argv[++i];
    } else if (a.deck.empty() && s.find('=') == std::string::npos) {
      a.deck = s;
    } else {
      a.overrides.push_back(s);
    }
  }
  if (a.deck.empty())
    throw std::runtime_error(
        "usage: hydro_mini DECK.toml [section.key=value ...] [--restart CHECKPOINT.h5]");
  return a;
}

std::vector<NamedField> snapshot_fields(const Solver& s, const ClosureCoupling* closure) {
  const BlockGeometry& g = s.geom();
  std::vector<NamedField> f = {
      {"density", "kg m-3", interior(g, s.primitives(), IDN)},
      {"velocity_x", "m s-1", interior(g, s.primitives(), IVX)},
      {"pressure", "Pa", interior(g, s.primitives(), IPR)},
  };
  if (g.two_d) f.push_back({"velocity_y", "m s-1", interior(g, s.primitives(), IVY)});
  Array2 temp("temperature", g.ny, g.nx);
  s.temperature(temp);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), temp);
  f.push_back({"temperature", "K", std::vector<double>(h.data(), h.data() + h.size())});
  for (int k = 0; k < s.nvar() - NHYDRO; ++k)
    f.push_back({k == 0 && closure != nullptr ? "reaction_progress" : "scalar_" + std::to_string(k),
                 "1", interior(g, s.primitives(), NHYDRO + k)});
  if (closure != nullptr)
    for (NamedField& c : closure->snapshot_fields()) f.push_back(std::move(c));
  return f;
}

}  // namespace

// The program's body, run by run_program().
int run(int argc, char** argv);
int run(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  const Deck deck = Deck::from_file(args.deck, args.overrides);
  if (is_two_material(deck)) {
    if (!args.restart.empty())
      throw DeckError(args.deck +
                      ": a two-material deck (model.kind = \"two_material\") "
                      "writes no checkpoints and cannot --restart");
    run_two_material(MPI_COMM_WORLD, read_two_material_config(deck), deck.echo());
    return 0;
  }
  const RunConfig rc = read_run_config(deck, plugin_dir());
  const std::string echo = deck.echo();

  auto solver = make_solver(MPI_COMM_WORLD, rc.solver);
  std::unique_ptr<ClosureCoupling> closure;
  if (rc.closure) closure = std::make_unique<ClosureCoupling>(*rc.closure, *solver);
  const bool root = solver->decomp().rank() == 0;
  if (root) std::filesystem::create_directories(rc.output.dir);
  MPI_Barrier(MPI_COMM_WORLD);
  const std::string stem = rc.output.dir + "/" + rc.output.prefix;

  CheckpointInfo state;
  if (args.restart.empty()) {
    if (rc.init.kind == "uniform")
      set_state(*solver, [&](Real, Real) { return rc.init.left; });
    else
      set_riemann_problem(*solver, rc.init.direction, rc.init.x0, rc.init.left, rc.init.right);
  } else {
    state = read_checkpoint(args.restart, *solver);
    if (closure)
      closure->restore(read_checkpoint_fields(args.restart, *solver, closure->checkpoint_names()),
                       state.dt_limit);
  }
  const long long cells = static_cast<long long>(rc.solver.mesh.nx) * rc.solver.mesh.ny;
  if (root)
    std::printf("hydro_mini: %s, %d x %d cells on %d ranks (%d x %d), %s, t = %g -> %g s%s\n",
                rc.name.c_str(), rc.solver.mesh.nx, rc.solver.mesh.ny, solver->decomp().size(),
                solver->decomp().dims()[0], solver->decomp().dims()[1], rc.solver.riemann.c_str(),
                state.time, rc.t_end, args.restart.empty() ? "" : (" (restart from " + args.restart + ")").c_str());

  SnapshotWriter snapshots(stem, echo);
  HistoryWriter history(stem + ".hst", *solver, !args.restart.empty(), state.step);
  const auto checkpoint = [&](long long step, double time) {
    char buf[64];
    std::snprintf(buf, sizeof buf, ".checkpoint.%08lld.h5", step);
    const CheckpointInfo info{time, step, state.snapshot_index,
                              closure ? closure->dt_limit() : HUGE_VAL};
    write_checkpoint(stem + buf, *solver, info, echo,
                     closure ? closure->checkpoint_fields() : std::vector<NamedField>{});
  };

  double t = state.time;
  long long step = state.step;
  solver->refresh();
  if (args.restart.empty()) {
    history.write(*solver, step, t, 0.0);
    snapshots.write(*solver, state.snapshot_index++, t, step, snapshot_fields(*solver, closure.get()));
  }
  if (root && closure)
    std::printf("hydro_mini: closure %s %s, model %s (sha256 %.12s...)\n",
                closure->model().plugin().name().c_str(), closure->model().plugin().version().c_str(),
                closure->model().info().name.c_str(), closure->model().info().data_sha256.c_str());
  const auto wall0 = std::chrono::steady_clock::now();
  long long steps_this_run = 0;
  const auto on_step = [&](const StepInfo& info) {
    ++step;
    ++steps_this_run;
    // History and snapshots read interior cells only: no halo exchange needed.
    if (step % rc.output.history_interval == 0) {
      solver->recompute_primitives();
      history.write(*solver, step, info.t, info.dt);
    }
    if (rc.output.checkpoint_interval > 0 && step % rc.output.checkpoint_interval == 0)
      checkpoint(step, info.t);
    if (root && step % rc.output.progress_interval == 0) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
      const double zcps = static_cast<double>(cells) * static_cast<double>(steps_this_run) / wall;
      const double eta = wall / (info.t - state.time) * (rc.t_end - info.t);
      std::printf("step %8lld  t %.6e  dt %.3e  zone-cycles/s %.3e  left %s", step, info.t,
                  info.dt, zcps, format_duration(eta).c_str());
      if (closure)
        std::printf("  closure cells %lld (clamped %lld)", closure->counters().active,
                    closure->counters().clamped);
      std::printf("\n");
      std::fflush(stdout);
    }
  };
  while (t < rc.t_end && step < rc.max_steps) {
    // Segments end on snapshot times, so snapshots land exactly on them.
    const double next = rc.output.snapshot_interval > 0.0
                            ? std::fmin(rc.t_end, state.snapshot_index * rc.output.snapshot_interval)
                            : rc.t_end;
    evolve(*solver, t, next, rc.max_steps - step, on_step, closure.get());
    if (t >= next) {
      solver->recompute_primitives();
      snapshots.write(*solver, state.snapshot_index++, t, step, snapshot_fields(*solver, closure.get()));
    }
  }
  checkpoint(step, t);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  if (root)
    std::printf("hydro_mini: done, %lld steps, t = %.6e s, %.3f s wall, %.3e zone-cycles/s; output in %s\n",
                step, t, wall, steps_this_run > 0 ? static_cast<double>(cells) * static_cast<double>(steps_this_run) / wall : 0.0,
                rc.output.dir.c_str());
  return 0;
}

}  // namespace ember::hydro

int main(int argc, char** argv) { return ember::hydro::run_program("hydro_mini", argc, argv, &ember::hydro::run); }
