// Run names, the spec hash (equal for equal specs, different after any change
// of a defining field) and the cost estimate.
#include "run_spec.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <set>

namespace ember::datagen {
namespace {

TEST(RunSpec, Names) {
  EXPECT_EQ(run_name(test::small_run("micro", 7)), "micro_0007");
  EXPECT_EQ(run_name(test::small_run("meso", 1234)), "meso_1234");
  EXPECT_THROW(run_name(test::small_run("micro", 10000)), std::invalid_argument);
  EXPECT_THROW(run_name(test::small_run("micro", -1)), std::invalid_argument);
  EXPECT_THROW(run_name(test::small_run("", 0)), std::invalid_argument);
  try {
    run_name(test::small_run("Micro/x", 0));
    FAIL() << "a set name with '/' was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'Micro/x'"), std::string::npos) << e.what();
  }
}

TEST(RunSpec, HashIsHexSha256AndRepeatable) {
  const RunSpec r = test::small_run("micro", 3);
  const std::string h = spec_hash(r);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_EQ(spec_hash(test::small_run("micro", 3)), h);
}

TEST(RunSpec, HashChangesWithEveryDefiningField) {
  const RunSpec base = test::small_run("micro", 3);
  const std::vector<std::pair<const char*, std::function<void(RunSpec&)>>> changes = {
      {"set", [](RunSpec& r) { r.set = "meso"; }},
      {"index", [](RunSpec& r) { r.index = 4; }},
      {"seed", [](RunSpec& r) { r.seed += 1; }},
      {"nx", [](RunSpec& r) { r.spec.nx += 1; }},
      {"ny", [](RunSpec& r) { r.spec.ny += 1; }},
      {"dx (one ulp)", [](RunSpec& r) { r.spec.dx = std::nextafter(r.spec.dx, 1.0); }},
      {"shock_pressure", [](RunSpec& r) { r.spec.shock_pressure *= 1.01; }},
      {"pulse_duration", [](RunSpec& r) { r.spec.pulse_duration = 1e-10; }},
      {"n_snapshots", [](RunSpec& r) { r.spec.n_snapshots += 1; }},
      {"snapshot_dt", [](RunSpec& r) { r.spec.snapshot_dt *= 2; }},
      {"reactive", [](RunSpec& r) { r.spec.reactive = false; }},
      {"conduction", [](RunSpec& r) { r.spec.conduction = false; }},
      {"cfl", [](RunSpec& r) { r.spec.cfl = 0.3; }},
      {"window", [](RunSpec& r) { r.spec.voids.x_max *= 2; }},
      {"void x", [](RunSpec& r) { r.spec.voids.voids[0].x += 1e-9; }},
      {"void radius", [](RunSpec& r) { r.spec.voids.voids[0].radius += 1e-9; }},
      {"another void",
       [](RunSpec& r) {
         r.spec.voids.voids.push_back({1e-7, 1e-7, 5e-8});
       }},
      {"mask",
       [](RunSpec& r) {
         r.spec.voids.mask = {0, 1};
         r.spec.voids.mask_nx = 2;
         r.spec.voids.mask_ny = 1;
       }},
  };
  std::set<std::string> hashes = {spec_hash(base)};
  for (const auto& [what, change] : changes) {
    RunSpec r = base;
    change(r);
    EXPECT_TRUE(hashes.insert(spec_hash(r)).second) << "hash unchanged after changing " << what;
  }
}

TEST(RunSpec, CostGrowsWithCellsSimulatedTimeAndPressure) {
  const RunSpec a = test::small_run("micro", 0, 8, 6, 4);
  const RunSpec wider = test::small_run("micro", 0, 16, 6, 4);
  const RunSpec longer = test::small_run("micro", 0, 8, 6, 7);
  RunSpec finer = a, stronger = a;
  finer.spec.dx /= 2;
  stronger.spec.shock_pressure = 2 * a.spec.shock_pressure;
  EXPECT_GT(estimated_cost(a), 0.0);
  EXPECT_DOUBLE_EQ(estimated_cost(wider), 2 * estimated_cost(a));
  EXPECT_DOUBLE_EQ(estimated_cost(longer), 2 * estimated_cost(a));
  EXPECT_DOUBLE_EQ(estimated_cost(finer), 2 * estimated_cost(a));
  // 10 → 20 GPa: (1 + 20/17) / (1 + 10/17) of the steps.
  EXPECT_DOUBLE_EQ(estimated_cost(stronger) / estimated_cost(a), (37.0 / 17) / (27.0 / 17));
}

}  // namespace
}  // namespace ember::datagen
