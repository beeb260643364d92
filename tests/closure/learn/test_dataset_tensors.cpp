// Data sets as tensors, on synthetic sets written with ember-datagen's own
// writer (tests/closure/datagen/synthetic_run.hpp: analytic fields, every
// value known): normalisation, the HMX temperature in void cells, padding to
// a multiple of 8 with its mask, the shock pressure, the data hash, the
// errors for mixed or broken sets; and the split of runs.
#include "dataset_file.hpp"
#include "dataset_tensors.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;
using datagen::RunSpec;
using datagen::test::small_run;

// Writes the runs (with an optional change to every snapshot) and merges them
// into dir/micro.h5.
template <class Edit>
fs::path write_set(const fs::path& dir, const std::vector<RunSpec>& runs, Edit edit) {
  fs::create_directories(dir / "runs");
  std::vector<std::string> names;
  for (const RunSpec& r : runs) {
    datagen::RunWriter w(dir / "runs", r);
    for (int k = 0; k < r.spec.n_snapshots; ++k) {
      hydro::VoidSnapshot s = datagen::test::snapshot(r, k);
      edit(s);
      w.append(s);
    }
    w.finish(datagen::test::info(r));
    names.push_back(datagen::run_name(r));
  }
  return datagen::merge_set(dir, "micro", names, "tiny");
}
fs::path write_set(const fs::path& dir, const std::vector<RunSpec>& runs) {
  return write_set(dir, runs, [](hydro::VoidSnapshot&) {});
}

std::string error_of(const fs::path& file) {
  try {
    load_dataset(file);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error loading " << file;
  return "";
}

TEST(DatasetTensors, NormalisedPaddedFieldsWithMaskAndShockPressure) {
  const datagen::test::ScratchDir scratch("learn_tensors");
  // 13 × 10 cells: padded to 16 × 16.
  const std::vector<RunSpec> runs = {small_run("micro", 0, 13, 10, 4), small_run("micro", 1, 13, 10, 4)};
  const DatasetTensors d = load_dataset(write_set(scratch.path(), runs));
  EXPECT_EQ(d.set, "micro");
  EXPECT_EQ(d.runs, (std::vector<std::string>{"micro_0000", "micro_0001"}));
  EXPECT_EQ(d.nx, 13);
  EXPECT_EQ(d.ny, 10);
  EXPECT_EQ(d.n_times, 4);
  EXPECT_DOUBLE_EQ(d.snapshot_dt_s, 1e-10);
  EXPECT_DOUBLE_EQ(d.dx_m, 1e-7);
  ASSERT_EQ(d.fields.sizes(), (std::vector<std::int64_t>{2, 4, 3, 16, 16}));
  EXPECT_EQ(d.fields.dtype(), torch::kFloat32);
  EXPECT_EQ(d.shock_pressure_Pa, (std::vector<double>{1e10, 1.1e10}));
  EXPECT_NEAR(d.shock_pressure[1].item<double>(), 1.1e10 / 60e9, 1e-7);

  const auto acc = d.fields.accessor<float, 5>();
  const auto mask = d.mask.accessor<float, 2>();
  for (int r = 0; r < 2; ++r)
    for (int k = 0; k < 4; ++k)
      for (int j = 0; j < 16; ++j)
        for (int i = 0; i < 16; ++i) {
          EXPECT_EQ(mask[j][i], i < 13 && j < 10 ? 1.0f : 0.0f);
          // Padding repeats the last real row and column.
          const int ri = std::min(i, 12), rj = std::min(j, 9);
          const double mu = datagen::test::void_fraction(runs[r], ri, rj);
          const double T = mu > 0.5 ? 300.0 : static_cast<float>(datagen::test::temperature(ri, rj, k));
          const double P = static_cast<float>(datagen::test::pressure(ri, rj, k));
          EXPECT_NEAR(acc[r][k][kTemperature][j][i], (T - 300.0) / 4700.0, 1e-6);
          EXPECT_NEAR(acc[r][k][kPressure][j][i], P / 60e9, 1e-6);
          EXPECT_EQ(acc[r][k][kVoidFraction][j][i], static_cast<float>(mu));
        }
  // The void (radius 2.5 cells at the centre) is there, as T = 300 K.
  EXPECT_EQ(acc[0][2][kVoidFraction][5][6], 1.0f);
  EXPECT_EQ(acc[0][2][kTemperature][5][6], 0.0f);
}

TEST(DatasetTensors, PhysicalAndNormalisedAreInverse) {
  const torch::Tensor p = torch::tensor({0.0, 1e10, 3e10, 9e10}, torch::kFloat64);
  EXPECT_TRUE(torch::allclose(to_physical(to_normalised(p, kPressure), kPressure), p));
  // T is clipped to 300–5000 K.
  const torch::Tensor T = torch::tensor({-500.0, 300.0, 2650.0, 1e6}, torch::kFloat64);
  EXPECT_TRUE(torch::allclose(to_normalised(T, kTemperature),
                              torch::tensor({0.0, 0.0, 0.5, 1.0}, torch::kFloat64)));
}

TEST(DatasetTensors, HashFollowsTheData) {
  const datagen::test::ScratchDir a("learn_hash_a"), b("learn_hash_b"), c("learn_hash_c");
  const std::vector<RunSpec> runs = {small_run("micro", 0), small_run("micro", 1)};
  const std::string h = load_dataset(write_set(a.path(), runs)).hash;
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(load_dataset(write_set(b.path(), runs)).hash, h);
  const std::string other =
      load_dataset(write_set(c.path(), runs, [](hydro::VoidSnapshot& s) { s.pressure[3] += 1.0; }))
          .hash;
  EXPECT_NE(other, h);
}

TEST(DatasetTensors, MixedGridsAndNaNsAreRefusedNamingTheRun) {
  const datagen::test::ScratchDir mixed("learn_mixed"), nan("learn_nan");
  const std::string m = error_of(
      write_set(mixed.path(), {small_run("micro", 0, 8, 6), small_run("micro", 1, 10, 6)}));
  EXPECT_NE(m.find("run micro_0001 differs from run micro_0000"), std::string::npos) << m;
  const std::string n = error_of(write_set(nan.path(), {small_run("micro", 0)}, [](hydro::VoidSnapshot& s) {
    if (s.index == 2) s.pressure[5] = std::numeric_limits<double>::quiet_NaN();
  }));
  EXPECT_NE(n.find("run micro_0000: pressure holds NaN or Inf"), std::string::npos) << n;
  const std::string missing = error_of("/nonexistent/micro.h5");
  EXPECT_NE(missing.find("/nonexistent/micro.h5"), std::string::npos) << missing;
}

TEST(Split, DisjointSortedDeterministicByRun) {
  // The seed's micro split: 238 runs into 190 / 10 / 38.
  const Split s = split_runs(238, 0.04, 0.16, 11);
  EXPECT_EQ(s.train.size(), 190u);
  EXPECT_EQ(s.validation.size(), 10u);
  EXPECT_EQ(s.test.size(), 38u);
  std::set<std::int64_t> all;
  for (const auto* part : {&s.train, &s.validation, &s.test}) {
    EXPECT_TRUE(std::is_sorted(part->begin(), part->end()));
    all.insert(part->begin(), part->end());
  }
  EXPECT_EQ(all.size(), 238u);
  EXPECT_EQ(*all.rbegin(), 237);
  EXPECT_EQ(split_runs(238, 0.04, 0.16, 11).test, s.test);
  EXPECT_NE(split_runs(238, 0.04, 0.16, 12).test, s.test);
  // At least one run of a part with a fraction > 0; none without.
  const Split tiny = split_runs(4, 0.1, 0.1, 1);
  EXPECT_EQ(tiny.validation.size(), 1u);
  EXPECT_EQ(tiny.test.size(), 1u);
  EXPECT_TRUE(split_runs(4, 0.0, 0.0, 1).test.empty());
  EXPECT_THROW(split_runs(2, 0.25, 0.25, 1), std::invalid_argument);
}

}  // namespace
}  // namespace ember::learn
