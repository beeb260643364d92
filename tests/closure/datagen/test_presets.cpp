// The presets' sizes, grids, voids, seeds and solver settings.
#include "presets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace ember::datagen {
namespace {

constexpr double um = 1e-6, ns = 1e-9, GPa = 1e9;

std::set<double> pressures(const std::vector<RunSpec>& runs) {
  std::set<double> p;
  for (const RunSpec& r : runs) p.insert(r.spec.shock_pressure);
  return p;
}

// Properties every run of every preset has.
void check_common(const std::vector<RunSpec>& runs, const std::string& set) {
  std::set<std::string> names, hashes;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunSpec& r = runs[i];
    EXPECT_EQ(r.set, set);
    EXPECT_EQ(r.index, static_cast<int>(i));
    EXPECT_TRUE(names.insert(run_name(r)).second);
    EXPECT_TRUE(hashes.insert(spec_hash(r)).second);
    EXPECT_TRUE(r.spec.reactive);
    EXPECT_TRUE(r.spec.conduction);
    EXPECT_EQ(r.spec.cfl, 0.4);
    EXPECT_EQ(r.spec.pulse_duration, 0.0);
    // The microstructure's window is the simulation window.
    EXPECT_EQ(r.spec.voids.x_min, 0.0);
    EXPECT_EQ(r.spec.voids.y_min, 0.0);
    EXPECT_DOUBLE_EQ(r.spec.voids.x_max, r.spec.nx * r.spec.dx);
    EXPECT_DOUBLE_EQ(r.spec.voids.y_max, r.spec.ny * r.spec.dx);
    EXPECT_TRUE(r.spec.voids.mask.empty());
  }
}

TEST(Presets, Names) {
  EXPECT_EQ(preset_names(), (std::vector<std::string>{"tiny", "full"}));
  try {
    preset_runs("huge", "all");
    FAIL() << "preset 'huge' accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'huge'"), std::string::npos) << e.what();
  }
  try {
    preset_runs("tiny", "macro");
    FAIL() << "set 'macro' accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'macro'"), std::string::npos) << e.what();
  }
}

TEST(Presets, TinyHasFourMicroAndTwoMesoRuns) {
  const std::vector<RunSpec> micro = preset_runs("tiny", "micro");
  const std::vector<RunSpec> meso = preset_runs("tiny", "meso");
  ASSERT_EQ(micro.size(), 4u);
  ASSERT_EQ(meso.size(), 2u);
  EXPECT_EQ(preset_runs("tiny", "all").size(), 6u);
  check_common(micro, "micro");
  check_common(meso, "meso");
  EXPECT_EQ(pressures(micro), (std::set<double>{10 * GPa, 20 * GPa}));
  EXPECT_EQ(pressures(meso), (std::set<double>{12 * GPa, 20 * GPa}));
  std::set<double> diameters;
  for (const RunSpec& r : micro) {
    EXPECT_EQ(r.spec.nx, 48);
    EXPECT_EQ(r.spec.ny, 32);
    EXPECT_EQ(r.spec.dx, 0.125 * um);
    EXPECT_EQ(r.spec.n_snapshots, 6);
    EXPECT_DOUBLE_EQ(r.spec.snapshot_dt, 0.2 * ns);
    ASSERT_EQ(r.spec.voids.voids.size(), 1u);
    EXPECT_DOUBLE_EQ(r.spec.voids.voids[0].x, 2.0 * um);
    EXPECT_DOUBLE_EQ(r.spec.voids.voids[0].y, 2.0 * um);
    diameters.insert(std::round(2 * r.spec.voids.voids[0].radius / um * 1000) / 1000);
    EXPECT_EQ(r.seed, 0u);
  }
  EXPECT_EQ(diameters, (std::set<double>{0.8, 1.2}));
  for (const RunSpec& r : meso) {
    EXPECT_EQ(r.spec.nx, 96);
    EXPECT_EQ(r.spec.ny, 64);
    EXPECT_EQ(r.spec.dx, 0.125 * um);
    EXPECT_EQ(r.spec.n_snapshots, 6);
    EXPECT_DOUBLE_EQ(r.spec.snapshot_dt, 0.2 * ns);
    EXPECT_NEAR(hydro::porosity(r.spec.voids), 0.04, 0.005);
  }
  // Each run has its own seed, hence its own voids.
  EXPECT_NE(meso[0].seed, meso[1].seed);
}

TEST(Presets, FullHas200MicroAnd30MesoRuns) {
  const std::vector<RunSpec> micro = preset_runs("full", "micro");
  const std::vector<RunSpec> meso = preset_runs("full", "meso");
  ASSERT_EQ(micro.size(), 200u);
  ASSERT_EQ(meso.size(), 30u);
  check_common(micro, "micro");
  check_common(meso, "meso");

  // Pressures 5 … 30 GPa in geometric progression; diameters 0.4 … 1.6 µm.
  const std::set<double> p = pressures(micro);
  ASSERT_EQ(p.size(), 10u);
  EXPECT_DOUBLE_EQ(*p.begin(), 5 * GPa);
  EXPECT_DOUBLE_EQ(*p.rbegin(), 30 * GPa);
  std::vector<double> pv(p.begin(), p.end());
  for (std::size_t k = 2; k < pv.size(); ++k) EXPECT_NEAR(pv[k] / pv[k - 1], pv[1] / pv[0], 1e-12);
  std::set<double> d;
  for (const RunSpec& r : micro) {
    EXPECT_EQ(r.spec.nx, 96);
    EXPECT_EQ(r.spec.ny, 64);
    EXPECT_EQ(r.spec.dx, 0.0625 * um);
    EXPECT_EQ(r.spec.n_snapshots, 20);
    EXPECT_DOUBLE_EQ(r.spec.snapshot_dt, 0.1 * ns);
    ASSERT_EQ(r.spec.voids.voids.size(), 1u);
    d.insert(2 * r.spec.voids.voids[0].radius);
  }
  ASSERT_EQ(d.size(), 20u);
  EXPECT_DOUBLE_EQ(*d.begin(), 0.4 * um);
  EXPECT_DOUBLE_EQ(*d.rbegin(), 1.6 * um);

  EXPECT_EQ(pressures(meso), (std::set<double>{8 * GPa, 12 * GPa, 16 * GPa, 20 * GPa, 25 * GPa}));
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < meso.size(); ++i) {
    const RunSpec& r = meso[i];
    EXPECT_EQ(r.spec.nx, 160);
    EXPECT_EQ(r.spec.ny, 96);
    EXPECT_EQ(r.spec.dx, 0.0625 * um);
    EXPECT_EQ(r.spec.n_snapshots, 22);
    EXPECT_DOUBLE_EQ(r.spec.snapshot_dt, 0.2 * ns);
    EXPECT_TRUE(seeds.insert(r.seed).second);
    // index = (i_porosity·2 + i_median)·5 + i_pressure
    const std::vector<double> porosities = {0.03, 0.05, 0.08}, medians = {0.6, 1.0},
                              loads = {8, 12, 16, 20, 25};
    const double porosity = porosities[i / 10], median = medians[i / 5 % 2] * um;
    EXPECT_NEAR(hydro::porosity(r.spec.voids), porosity, 0.1 * porosity) << run_name(r);
    EXPECT_DOUBLE_EQ(r.spec.shock_pressure, loads[i % 5] * GPa);
    // Voids keep the margin to the window edges and lie in the size range.
    double d_sum = 0;
    for (const hydro::Void& v : r.spec.voids.voids) {
      EXPECT_GE(v.x - v.radius, 0.25 * um - 1e-15);
      EXPECT_LE(v.x + v.radius, 10 * um - 0.25 * um + 1e-15);
      EXPECT_GE(v.y - v.radius, 0.25 * um - 1e-15);
      EXPECT_LE(v.y + v.radius, 6 * um - 0.25 * um + 1e-15);
      EXPECT_GE(2 * v.radius, 0.3 * um * (1 - 1e-12));
      EXPECT_LE(2 * v.radius, 2.0 * um * (1 + 1e-12));
      d_sum += std::log(2 * v.radius);
    }
    // The geometric mean diameter is near the median (log-normal, σ = 0.3).
    const double d_geo = std::exp(d_sum / static_cast<double>(r.spec.voids.voids.size()));
    EXPECT_NEAR(d_geo / median, 1.0, 0.35) << run_name(r);
  }
}

TEST(Presets, DeterministicSeedsAndVoids) {
  const std::vector<RunSpec> a = preset_runs("full", "meso");
  const std::vector<RunSpec> b = preset_runs("full", "meso");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].seed, seed_for_run(preset_table("full").meso.base_seed, a[i].index));
    EXPECT_EQ(spec_hash(a[i]), spec_hash(b[i]));
  }
  EXPECT_NE(seed_for_run(2024, 0), seed_for_run(2024, 1));
  EXPECT_NE(seed_for_run(2024, 0), seed_for_run(2025, 0));
}

}  // namespace
}  // namespace ember::datagen
