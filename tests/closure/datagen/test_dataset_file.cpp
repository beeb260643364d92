// The dataset writer and reader on synthetic runs: every value written comes
// back (fields as float32), with the schema's units, layout and attributes;
// files are .tmp until finished; merged files hold the same runs.
#include "dataset_file.hpp"
#include "schema.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;
using test::small_run;

// Writes a whole synthetic run to dir and returns its final path.
fs::path write_run(const fs::path& dir, const RunSpec& r) {
  RunWriter w(dir, r);
  for (int k = 0; k < r.spec.n_snapshots; ++k) w.append(test::snapshot(r, k));
  return w.finish(test::info(r));
}

// The HDF5 type and chunk shape of a dataset, read with the C API directly so
// that the test does not trust the reader it is testing.
struct Layout {
  H5T_class_t cls;
  std::size_t size;
  std::vector<hsize_t> chunk;
};
Layout layout(const fs::path& file, const std::string& dataset) {
  const h5::Handle f{H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  const h5::Handle d{H5Dopen2(f.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose};
  const h5::Handle t{H5Dget_type(d.get()), H5Tclose};
  const h5::Handle p{H5Dget_create_plist(d.get()), H5Pclose};
  Layout l{H5Tget_class(t.get()), H5Tget_size(t.get()), {}};
  if (H5Pget_layout(p.get()) == H5D_CHUNKED) {
    l.chunk.resize(3);
    l.chunk.resize(static_cast<std::size_t>(H5Pget_chunk(p.get(), 3, l.chunk.data())));
  }
  return l;
}

TEST(DatasetFile, RoundTripOfEveryFieldAsFloat32) {
  const test::ScratchDir scratch("round_trip");
  const fs::path& dir = scratch.path();
  const RunSpec r = small_run("micro", 7);
  const fs::path file = write_run(dir, r);
  EXPECT_EQ(file, dir / "micro_0007.h5");
  EXPECT_FALSE(fs::exists(dir / "micro_0007.h5.tmp"));

  const DatasetReader reader(file);
  EXPECT_EQ(reader.info().kind, "run");
  EXPECT_EQ(reader.info().schema_version, 1);
  EXPECT_EQ(reader.info().code_version, code_version());
  ASSERT_EQ(reader.runs(), std::vector<std::string>{"micro_0007"});

  using Pattern = double (*)(int, int, int);
  const std::vector<std::pair<std::string, Pattern>> patterns = {{"temperature", test::temperature},
                                                                 {"pressure", test::pressure},
                                                                 {"progress", test::progress},
                                                                 {"velocity_x", test::velocity_x},
                                                                 {"velocity_y", test::velocity_y}};
  for (const auto& [name, pattern] : patterns) {
    const Field f = reader.field("micro_0007", name);
    ASSERT_EQ(f.nt, 4);
    ASSERT_EQ(f.ny, 6);
    ASSERT_EQ(f.nx, 8);
    ASSERT_EQ(f.values.size(), 4u * 6 * 8);
    for (int k = 0; k < f.nt; ++k)
      for (int j = 0; j < f.ny; ++j)
        for (int i = 0; i < f.nx; ++i)
          ASSERT_EQ(f.at(k, j, i), static_cast<float>(pattern(i, j, k)))
              << name << " at k=" << k << " j=" << j << " i=" << i;
  }
  const Field mu = reader.field("micro_0007", "void_fraction");
  for (int k = 0; k < mu.nt; ++k)
    for (int j = 0; j < mu.ny; ++j)
      for (int i = 0; i < mu.nx; ++i)
        ASSERT_EQ(mu.at(k, j, i), static_cast<float>(test::void_fraction(r, i, j)));
}

TEST(DatasetFile, FieldsAreFloat32RoundedOnceCurvesFloat64Exact) {
  const test::ScratchDir scratch("precision");
  const fs::path& dir = scratch.path();
  const RunSpec r = small_run("micro", 1);
  const fs::path file = write_run(dir, r);
  const DatasetReader reader(file);
  // 300 + 1/3 is not a float: the stored value is its float32 rounding, within
  // half an ulp (2^-16 K at 300 K) and different from the double.
  const float t00 = reader.field("micro_0001", "temperature").at(0, 0, 0);
  EXPECT_NE(static_cast<double>(t00), test::temperature(0, 0, 0));
  EXPECT_NEAR(t00, test::temperature(0, 0, 0), std::ldexp(1.0, -16));
  for (const DatasetName& f : kFields) {
    const Layout l = layout(file, "/runs/micro_0001/" + std::string(f.name));
    EXPECT_EQ(l.cls, H5T_FLOAT) << f.name;
    EXPECT_EQ(l.size, 4u) << f.name;
    EXPECT_EQ(l.chunk, (std::vector<hsize_t>{1, 6, 8})) << f.name;  // one snapshot per chunk
  }
  for (const DatasetName& c : kCurves) {
    const Layout l = layout(file, "/runs/micro_0001/" + std::string(c.name));
    EXPECT_EQ(l.cls, H5T_FLOAT) << c.name;
    EXPECT_EQ(l.size, 8u) << c.name;
  }
  const Layout mask = layout(file, "/runs/micro_0001/microstructure");
  EXPECT_EQ(mask.cls, H5T_INTEGER);
  EXPECT_EQ(mask.size, 1u);
  // Times are float64: k·dt comes back bitwise.
  const Curve t = reader.curve("micro_0001", "time");
  for (int k = 0; k < 4; ++k) EXPECT_EQ(t.values[k], k * r.spec.snapshot_dt);
}

TEST(DatasetFile, UnitsOfEveryDataset) {
  const test::ScratchDir scratch("units");
  const fs::path& dir = scratch.path();
  const DatasetReader reader(write_run(dir, small_run("meso", 0)));
  const std::map<std::string, std::string> expected = {
      {"temperature", "K"},
      {"pressure", "Pa"},
      {"void_fraction", "1"},
      {"progress", "1"},
      {"velocity_x", "m/s"},
      {"velocity_y", "m/s"},
      {"time", "s"},
      {"hot_area_um2", "um^2"},
      {"hot_area_fraction", "1"},
      {"mean_hot_temperature_K", "K"},
      {"reacted_mass_fraction", "1"},
      {"hot_area_rate_um2_per_s", "um^2/s"},
      {"mean_hot_temperature_rate_K_per_s", "K/s"}};
  for (const DatasetName& f : kFields)
    EXPECT_EQ(reader.field("meso_0000", f.name).unit, expected.at(f.name));
  for (const DatasetName& c : kCurves)
    EXPECT_EQ(reader.curve("meso_0000", c.name).unit, expected.at(c.name));
  for (const DatasetName& c : kRates)
    EXPECT_EQ(reader.curve("meso_0000", c.name).unit, expected.at(c.name));
}

TEST(DatasetFile, AttributesCurvesRatesMaskAndVoids) {
  const test::ScratchDir scratch("attributes");
  const fs::path& dir = scratch.path();
  RunSpec r = small_run("meso", 12);
  r.spec.pulse_duration = 3e-10;
  r.spec.conduction = false;
  const DatasetReader reader(write_run(dir, r));
  const RunAttributes a = reader.attributes("meso_0012");
  EXPECT_EQ(a.set, "meso");
  EXPECT_EQ(a.index, 12);
  EXPECT_EQ(a.seed, 1012u);
  EXPECT_EQ(a.nx, 8);
  EXPECT_EQ(a.ny, 6);
  EXPECT_EQ(a.n_snapshots, 4);
  EXPECT_EQ(a.dx_m, 1e-7);
  EXPECT_EQ(a.snapshot_dt_s, 1e-10);
  EXPECT_EQ(a.shock_pressure_Pa, r.spec.shock_pressure);
  EXPECT_EQ(a.pulse_duration_s, 3e-10);
  EXPECT_EQ(a.cfl, 0.4);
  EXPECT_TRUE(a.reactive);
  EXPECT_FALSE(a.conduction);
  EXPECT_EQ(a.code_version, code_version());
  EXPECT_EQ(a.spec_hash, spec_hash(r));
  EXPECT_TRUE(a.complete);
  const hydro::VoidCaseInfo info = test::info(r);
  EXPECT_EQ(a.particle_velocity_m_s, info.particle_velocity);
  EXPECT_EQ(a.porosity, info.porosity);
  EXPECT_EQ(a.wall_seconds, info.wall_seconds);
  EXPECT_EQ(a.steps, info.steps);

  // Curves as given, NaN T_hs included; rates are metrics::hotspot_series'.
  std::vector<double> times;
  std::vector<metrics::HotspotSnapshot> hs;
  for (int k = 0; k < 4; ++k) {
    times.push_back(k * 1e-10);
    hs.push_back(test::hotspot(k));
  }
  const metrics::HotspotSeries series = metrics::hotspot_series(times, hs);
  const std::vector<double> area = reader.curve("meso_0012", "hot_area_um2").values;
  const std::vector<double> frac = reader.curve("meso_0012", "hot_area_fraction").values;
  const std::vector<double> t_hs = reader.curve("meso_0012", "mean_hot_temperature_K").values;
  const std::vector<double> reacted = reader.curve("meso_0012", "reacted_mass_fraction").values;
  const std::vector<double> area_rate = reader.curve("meso_0012", "hot_area_rate_um2_per_s").values;
  const std::vector<double> t_rate =
      reader.curve("meso_0012", "mean_hot_temperature_rate_K_per_s").values;
  EXPECT_TRUE(std::isnan(t_hs[0]));
  EXPECT_TRUE(std::isnan(t_rate[0]));
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(area[k], hs[k].hot_area_um2);
    EXPECT_EQ(frac[k], hs[k].hot_area_fraction);
    EXPECT_EQ(reacted[k], hs[k].reacted_mass_fraction);
    EXPECT_EQ(area_rate[k], series.area_rate[k]);
    if (k > 0) {
      EXPECT_EQ(t_hs[k], hs[k].mean_hot_temperature_K);
      EXPECT_EQ(t_rate[k], series.temperature_rate[k]);
    }
  }
  EXPECT_DOUBLE_EQ(area_rate[0], 0.02 / 1e-10);  // (0.02·1² − 0)/dt

  // The mask is void_fraction(t = 0) > 0.5: cell (0, 0) at exactly 0.5 is solid.
  const std::vector<std::uint8_t> mask = reader.microstructure("meso_0012");
  ASSERT_EQ(mask.size(), 48u);
  int n_void = 0;
  for (int j = 0; j < 6; ++j)
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(mask[j * 8 + i], test::void_fraction(r, i, j) > 0.5 ? 1 : 0);
      n_void += mask[j * 8 + i];
    }
  EXPECT_EQ(mask[0], 0);
  EXPECT_GT(n_void, 0);

  const std::vector<hydro::Void> voids = reader.voids("meso_0012");
  ASSERT_EQ(voids.size(), 1u);
  EXPECT_EQ(voids[0].x, r.spec.voids.voids[0].x);
  EXPECT_EQ(voids[0].y, r.spec.voids.voids[0].y);
  EXPECT_EQ(voids[0].radius, r.spec.voids.voids[0].radius);
}

TEST(DatasetFile, MaskMicrostructureHasAnEmptyVoidList) {
  const test::ScratchDir scratch("mask");
  const fs::path& dir = scratch.path();
  RunSpec r = small_run("micro", 2);
  r.spec.voids.voids.clear();
  r.spec.voids.mask = {0, 1, 1, 0};
  r.spec.voids.mask_nx = r.spec.voids.mask_ny = 2;
  const DatasetReader reader(write_run(dir, r));
  EXPECT_TRUE(reader.voids("micro_0002").empty());
  const Layout l = layout(dir / "micro_0002.h5", "/runs/micro_0002/voids");
  EXPECT_EQ(l.cls, H5T_FLOAT);
}

TEST(DatasetFile, UnfinishedRunStaysTmpAndIncomplete) {
  const test::ScratchDir scratch("unfinished");
  const fs::path& dir = scratch.path();
  const RunSpec r = small_run("micro", 3);
  {
    RunWriter w(dir, r);
    w.append(test::snapshot(r, 0));
    w.append(test::snapshot(r, 1));
  }  // destroyed without finish: an interrupted run
  EXPECT_FALSE(fs::exists(dir / "micro_0003.h5"));
  ASSERT_TRUE(fs::exists(dir / "micro_0003.h5.tmp"));
  const DatasetReader reader(dir / "micro_0003.h5.tmp");
  const RunAttributes a = reader.attributes("micro_0003");
  EXPECT_FALSE(a.complete);
  EXPECT_TRUE(std::isnan(a.wall_seconds));
  EXPECT_EQ(a.steps, -1);
  EXPECT_EQ(reader.field("micro_0003", "pressure").nt, 2);
  EXPECT_EQ(reader.curve("micro_0003", "time").values.size(), 2u);
}

TEST(DatasetFile, WriterRefusesSnapshotsOutOfOrderOrOfTheWrongSize) {
  const test::ScratchDir scratch("writer_errors");
  const fs::path& dir = scratch.path();
  const RunSpec r = small_run("micro", 4);
  RunWriter w(dir, r);
  hydro::VoidSnapshot late = test::snapshot(r, 1);
  try {
    w.append(late);
    FAIL() << "snapshot 1 before 0 was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("micro_0004.h5.tmp"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("index 1"), std::string::npos) << e.what();
  }
  hydro::VoidSnapshot short_field = test::snapshot(r, 0);
  short_field.pressure.pop_back();
  try {
    w.append(short_field);
    FAIL() << "a short pressure field was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset 'pressure'"), std::string::npos) << e.what();
  }
  hydro::VoidSnapshot wrong_time = test::snapshot(r, 0);
  wrong_time.t = 1e-12;
  EXPECT_THROW(w.append(wrong_time), std::runtime_error);
  w.append(test::snapshot(r, 0));
  try {
    w.finish(test::info(r));
    FAIL() << "a run with 1 of 4 snapshots was finished";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("1 of 4"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "micro_0004.h5"));
}

TEST(DatasetFile, MergedSetHoldsEveryRunWithRootAttributes) {
  const test::ScratchDir scratch("merge");
  const fs::path& dir = scratch.path();
  std::vector<RunSpec> runs = {small_run("micro", 0), small_run("micro", 1, 10, 4, 3),
                               small_run("micro", 2)};
  fs::create_directories(dir / "runs");
  for (const RunSpec& r : runs) write_run(dir / "runs", r);
  const fs::path merged =
      merge_set(dir, "micro", {"micro_0000", "micro_0001", "micro_0002"}, "tiny");
  EXPECT_EQ(merged, dir / "micro.h5");
  EXPECT_FALSE(fs::exists(dir / "micro.h5.tmp"));
  const DatasetReader set(merged);
  EXPECT_EQ(set.info().kind, "set");
  EXPECT_EQ(set.info().set, "micro");
  EXPECT_EQ(set.info().preset, "tiny");
  EXPECT_EQ(set.info().n_runs, 3);
  EXPECT_EQ(set.info().schema_version, 1);
  EXPECT_EQ(set.info().code_version, code_version());
  ASSERT_EQ(set.runs(), (std::vector<std::string>{"micro_0000", "micro_0001", "micro_0002"}));
  for (const std::string& name : set.runs()) {
    const DatasetReader one(dir / "runs" / (name + ".h5"));
    EXPECT_EQ(set.attributes(name).spec_hash, one.attributes(name).spec_hash);
    for (const DatasetName& f : kFields)
      EXPECT_EQ(set.field(name, f.name).values, one.field(name, f.name).values) << name << f.name;
    EXPECT_EQ(set.microstructure(name), one.microstructure(name));
  }
  EXPECT_EQ(set.field("micro_0001", "pressure").nx, 10);
  EXPECT_EQ(set.field("micro_0001", "pressure").nt, 3);
}

TEST(DatasetFile, MergeRefusesAMissingOrIncompleteRun) {
  const test::ScratchDir scratch("merge_errors");
  const fs::path& dir = scratch.path();
  fs::create_directories(dir / "runs");
  write_run(dir / "runs", small_run("meso", 0));
  try {
    merge_set(dir, "meso", {"meso_0000", "meso_0001"}, "tiny");
    FAIL() << "merged without meso_0001";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("meso_0001.h5"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "meso.h5"));
  EXPECT_FALSE(fs::exists(dir / "meso.h5.tmp"));

  // An interrupted run renamed by hand is still not complete.
  const RunSpec r = small_run("meso", 1);
  {
    RunWriter w(dir / "runs", r);
    w.append(test::snapshot(r, 0));
  }
  fs::rename(dir / "runs" / "meso_0001.h5.tmp", dir / "runs" / "meso_0001.h5");
  try {
    merge_set(dir, "meso", {"meso_0000", "meso_0001"}, "tiny");
    FAIL() << "merged an incomplete meso_0001";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("meso_0001.h5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not complete"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir / "meso.h5"));
}

}  // namespace
}  // namespace ember::datagen
