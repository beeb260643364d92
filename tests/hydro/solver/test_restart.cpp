// A run continued from a checkpoint is bitwise the run that never stopped,
// also when the restart uses another number of ranks.
#include "hydro_test_util.hpp"
#include "io/checkpoint.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

namespace ember::hydro::testing {
namespace {

SolverConfig config() {
  SolverConfig cfg = ideal_gas_config(40, 36, 1.0, 0.9);
  cfg.nscalar = 1;
  cfg.bcs[kXlo] = {BcKind::Reflect, 0.0};
  cfg.bcs[kYlo] = {BcKind::Piston, 0.3};
  return cfg;
}

void initial(Solver& s) {
  set_state(s, [](Real x, Real y) {
    const bool in = (x - 0.5) * (x - 0.5) + (y - 0.4) * (y - 0.4) < 0.03;
    PrimitiveState st{in ? 2.0 : 1.0, 0.1, 0.0, in ? 6.0 : 1.0, {in ? 1.0 : 0.0}};
    return st;
  });
}

std::vector<std::vector<double>> fields(const Solver& s) {
  std::vector<std::vector<double>> f;
  for (int v = 0; v < s.nvar(); ++v) f.push_back(s.gather(s.conserved(), v));
  return f;
}

std::string checkpoint_path() {
  // One name for all ranks of this job.
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return "restart_test_np" + std::to_string(size) + ".h5";
}

TEST(Restart, ContinuesBitwiseIdentically) {
  const double t_mid = 0.08, t_end = 0.16;
  // Uninterrupted.
  auto a = make_solver(MPI_COMM_WORLD, config());
  initial(*a);
  double ta = 0.0;
  evolve(*a, ta, t_mid, 1 << 20);
  evolve(*a, ta, t_end, 1 << 20);
  const auto straight = fields(*a);

  // Stopped at t_mid on all ranks, restarted on all ranks and on rank 0 alone.
  auto b = make_solver(MPI_COMM_WORLD, config());
  initial(*b);
  double tb = 0.0;
  const int64_t steps = evolve(*b, tb, t_mid, 1 << 20);
  write_checkpoint(checkpoint_path(), *b, {tb, steps, 0}, "[problem]\nname = \"restart test\"\n");

  auto c = make_solver(MPI_COMM_WORLD, config());
  const CheckpointInfo info = read_checkpoint(checkpoint_path(), *c);
  EXPECT_EQ(info.time, tb);
  EXPECT_EQ(info.step, steps);
  double tc = info.time;
  evolve(*c, tc, t_end, 1 << 20);
  const auto restarted = fields(*c);

  std::vector<std::vector<double>> serial;
  if (world_rank() == 0) {
    auto d = make_solver(MPI_COMM_SELF, config());
    read_checkpoint(checkpoint_path(), *d);
    double td = info.time;
    evolve(*d, td, t_end, 1 << 20);
    serial = fields(*d);
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (world_rank() != 0) return;
  std::remove(checkpoint_path().c_str());
  for (size_t v = 0; v < straight.size(); ++v)
    for (size_t k = 0; k < straight[v].size(); ++k) {
      ASSERT_EQ(std::memcmp(&straight[v][k], &restarted[v][k], sizeof(double)), 0)
          << "variable " << v << " cell " << k;
      ASSERT_EQ(std::memcmp(&straight[v][k], &serial[v][k], sizeof(double)), 0)
          << "variable " << v << " cell " << k << " (restart on one rank)";
    }
}

TEST(Restart, RefusesACheckpointOfAnotherMesh) {
  auto a = make_solver(MPI_COMM_WORLD, config());
  initial(*a);
  write_checkpoint(checkpoint_path(), *a, {0.0, 0, 0}, "");
  SolverConfig other = config();
  other.mesh.nx = 41;
  auto b = make_solver(MPI_COMM_WORLD, other);
  try {
    read_checkpoint(checkpoint_path(), *b);
    ADD_FAILURE() << "a 40-cell checkpoint was read into a 41-cell mesh";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not the 41 x 36 mesh"), std::string::npos) << e.what();
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (world_rank() == 0) std::remove(checkpoint_path().c_str());
}

}  // namespace
}  // namespace ember::hydro::testing
