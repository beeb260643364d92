// Reads back the `tiny` preset written by `ember-datagen generate` and checks
// every run: the merged files, shapes, units (the reader checks them against
// the schema), time stamps, attributes against the preset, and that the shock
// has entered the window by the last snapshot.
//   check_tiny_dataset DIR
#include "dataset_file.hpp"
#include "presets.hpp"
#include "schema.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;
fs::path g_dir;

void check_run(const DatasetReader& reader, const RunSpec& spec) {
  const std::string name = run_name(spec);
  SCOPED_TRACE(name);
  const hydro::VoidCaseSpec& s = spec.spec;
  const RunAttributes a = reader.attributes(name);
  EXPECT_TRUE(a.complete);
  EXPECT_EQ(a.spec_hash, spec_hash(spec));
  EXPECT_EQ(a.nx, s.nx);
  EXPECT_EQ(a.ny, s.ny);
  EXPECT_EQ(a.n_snapshots, s.n_snapshots);
  EXPECT_EQ(a.shock_pressure_Pa, s.shock_pressure);
  EXPECT_GT(a.particle_velocity_m_s, 0.0);
  EXPECT_GT(a.steps, 0);
  EXPECT_GT(a.wall_seconds, 0.0);
  EXPECT_NEAR(a.porosity, hydro::porosity(s.voids), 0.2 * hydro::porosity(s.voids));

  const std::vector<double> t = reader.curve(name, "time").values;
  ASSERT_EQ(t.size(), static_cast<std::size_t>(s.n_snapshots));
  for (int k = 0; k < s.n_snapshots; ++k)
    EXPECT_NEAR(t[k], k * s.snapshot_dt, 1e-6 * s.snapshot_dt) << "snapshot " << k;

  for (const DatasetName& f : kFields) {
    const Field field = reader.field(name, f.name);
    EXPECT_EQ(field.nt, s.n_snapshots);
    EXPECT_EQ(field.ny, s.ny);
    EXPECT_EQ(field.nx, s.nx);
    EXPECT_EQ(field.unit, f.unit);
    for (float v : field.values) ASSERT_TRUE(std::isfinite(v)) << f.name;
  }
  for (const DatasetName& c : kCurves) EXPECT_EQ(reader.curve(name, c.name).unit, c.unit);
  for (const DatasetName& c : kRates)
    EXPECT_EQ(reader.curve(name, c.name).values.size(), t.size()) << c.name;

  // The shock has entered: the x-low column is above 1 GPa at the end.
  const Field p = reader.field(name, "pressure");
  double edge = 0.0;
  for (int j = 0; j < p.ny; ++j) edge += p.at(p.nt - 1, j, 0);
  EXPECT_GT(edge / p.ny, 1e9);

  // The mask marks the voids: as many void cells as the porosity says.
  const std::vector<std::uint8_t> mask = reader.microstructure(name);
  double n_void = 0;
  for (std::uint8_t m : mask) n_void += m;
  EXPECT_NEAR(n_void / static_cast<double>(mask.size()), hydro::porosity(s.voids),
              0.3 * hydro::porosity(s.voids));
  EXPECT_EQ(reader.voids(name).size(), s.voids.voids.size());

  for (double hot : reader.curve(name, "hot_area_um2").values) EXPECT_GE(hot, 0.0);
  for (double lambda : reader.curve(name, "reacted_mass_fraction").values) {
    EXPECT_GE(lambda, 0.0);
    EXPECT_LE(lambda, 1.0);
  }
}

TEST(TinyDataset, EveryRunOfEverySet) {
  for (const std::string set : {"micro", "meso"}) {
    const std::vector<RunSpec> runs = preset_runs("tiny", set);
    const DatasetReader merged(g_dir / (set + ".h5"));
    EXPECT_EQ(merged.info().kind, "set");
    EXPECT_EQ(merged.info().set, set);
    EXPECT_EQ(merged.info().preset, "tiny");
    ASSERT_EQ(merged.runs().size(), runs.size());
    for (const RunSpec& r : runs) {
      check_run(merged, r);
      const DatasetReader one(run_file(g_dir / "runs", run_name(r)));
      EXPECT_EQ(one.attributes(run_name(r)).spec_hash, spec_hash(r));
    }
  }
}

}  // namespace
}  // namespace ember::datagen

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: check_tiny_dataset DIR\n");
    return 2;
  }
  ember::datagen::g_dir = argv[1];
  return RUN_ALL_TESTS();
}
