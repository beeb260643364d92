// The reader on missing and malformed files: every error names the file, and
// the group and dataset (or attribute) at fault.
#include "dataset_file.hpp"
#include "synthetic_run.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;

class ReaderErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<test::ScratchDir>(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    dir_ = scratch_->path();
    const RunSpec r = test::small_run("micro", 0);
    RunWriter w(dir_, r);
    for (int k = 0; k < r.spec.n_snapshots; ++k) w.append(test::snapshot(r, k));
    file_ = w.finish(test::info(r));
  }

  // Opens the file for writing and lets `edit` damage it.
  void damage(const std::function<void(hid_t)>& edit) {
    const h5::Handle f{H5Fopen(file_.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose};
    ASSERT_TRUE(f.valid());
    edit(f.get());
  }

  // Runs `read` and checks that it throws std::runtime_error whose message
  // holds every one of `parts`.
  void expect_error(const std::function<void()>& read, const std::vector<std::string>& parts) {
    try {
      read();
      ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
      for (const std::string& p : parts)
        EXPECT_NE(std::string(e.what()).find(p), std::string::npos)
            << "'" << p << "' not in: " << e.what();
    }
  }

  std::string file_part() const { return "file '" + file_.string() + "'"; }

  std::unique_ptr<test::ScratchDir> scratch_;
  fs::path dir_, file_;
};

const std::string kGroup = "group '/runs/micro_0000'";

// A float dataset of the given type and shape with a unit, in place of `name`.
void replace_dataset(hid_t file, const std::string& name, hid_t type,
                     const std::vector<hsize_t>& dims, const char* unit) {
  const std::string path = "/runs/micro_0000/" + name;
  H5Ldelete(file, path.c_str(), H5P_DEFAULT);
  const h5::Handle space{H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                         H5Sclose};
  const h5::Handle d{
      H5Dcreate2(file, path.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose};
  h5::write_attr(d.get(), "unit", std::string(unit), "test");
}

TEST_F(ReaderErrors, MissingFile) {
  file_ = dir_ / "nothing_here.h5";
  expect_error([&] { DatasetReader r(file_); }, {file_part(), "no such file"});
}

TEST_F(ReaderErrors, NotAnHdf5File) {
  file_ = dir_ / "text.h5";
  std::ofstream(file_) << "not hdf5\n";
  expect_error([&] { DatasetReader r(file_); }, {file_part(), "not an HDF5 file"});
}

TEST_F(ReaderErrors, OtherSchemaVersion) {
  damage([](hid_t f) { h5::write_attr(f, "schema_version", 2LL, "test"); });
  expect_error([&] { DatasetReader r(file_); },
               {file_part(), "group '/'", "schema_version 2", "knows 1"});
}

TEST_F(ReaderErrors, MissingRootAttribute) {
  damage([](hid_t f) { H5Adelete(f, "kind"); });
  expect_error([&] { DatasetReader r(file_); }, {file_part(), "attribute 'kind': missing"});
}

TEST_F(ReaderErrors, SetFileWithWrongRunCount) {
  damage([](hid_t f) {
    h5::write_attr(f, "kind", std::string("set"), "test");
    h5::write_attr(f, "set", std::string("micro"), "test");
    h5::write_attr(f, "preset", std::string("tiny"), "test");
    h5::write_attr(f, "n_runs", 2LL, "test");
  });
  expect_error([&] { DatasetReader r(file_); }, {file_part(), "n_runs = 2", "holds 1 runs"});
}

TEST_F(ReaderErrors, UnknownRun) {
  const DatasetReader r(file_);
  expect_error([&] { r.attributes("micro_0001"); },
               {file_part(), "group '/runs/micro_0001'", "no such run"});
}

TEST_F(ReaderErrors, MissingField) {
  damage([](hid_t f) { H5Ldelete(f, "/runs/micro_0000/pressure", H5P_DEFAULT); });
  const DatasetReader r(file_);
  expect_error([&] { r.field("micro_0000", "pressure"); },
               {file_part(), kGroup, "dataset 'pressure'", "missing"});
}

TEST_F(ReaderErrors, FieldOfTheWrongType) {
  damage([](hid_t f) { replace_dataset(f, "temperature", H5T_IEEE_F64LE, {4, 6, 8}, "K"); });
  const DatasetReader r(file_);
  expect_error([&] { r.field("micro_0000", "temperature"); },
               {file_part(), kGroup, "dataset 'temperature'", "not float32"});
}

TEST_F(ReaderErrors, FieldOfTheWrongShape) {
  damage([](hid_t f) { replace_dataset(f, "progress", H5T_IEEE_F32LE, {4, 6, 9}, "1"); });
  const DatasetReader r(file_);
  expect_error([&] { r.field("micro_0000", "progress"); },
               {file_part(), kGroup, "dataset 'progress'", "[4, 6, 9]", "[4, 6, 8]"});
}

TEST_F(ReaderErrors, FieldWithMissingOrWrongUnit) {
  damage([](hid_t f) {
    const h5::Handle d{H5Dopen2(f, "/runs/micro_0000/velocity_x", H5P_DEFAULT), H5Dclose};
    H5Adelete(d.get(), "unit");
    const h5::Handle p{H5Dopen2(f, "/runs/micro_0000/pressure", H5P_DEFAULT), H5Dclose};
    h5::write_attr(p.get(), "unit", std::string("GPa"), "test");
  });
  const DatasetReader r(file_);
  expect_error([&] { r.field("micro_0000", "velocity_x"); },
               {file_part(), kGroup, "dataset 'velocity_x'", "attribute 'unit': missing"});
  expect_error([&] { r.field("micro_0000", "pressure"); },
               {file_part(), kGroup, "dataset 'pressure'", "unit is 'GPa'", "expected 'Pa'"});
}

TEST_F(ReaderErrors, CurveOfTheWrongLength) {
  damage([](hid_t f) { replace_dataset(f, "hot_area_um2", H5T_IEEE_F64LE, {3}, "um^2"); });
  const DatasetReader r(file_);
  expect_error([&] { r.curve("micro_0000", "hot_area_um2"); },
               {file_part(), kGroup, "dataset 'hot_area_um2'", "[3]", "[4]"});
}

TEST_F(ReaderErrors, MissingRateOrMask) {
  damage([](hid_t f) {
    H5Ldelete(f, "/runs/micro_0000/hot_area_rate_um2_per_s", H5P_DEFAULT);
    H5Ldelete(f, "/runs/micro_0000/microstructure", H5P_DEFAULT);
  });
  const DatasetReader r(file_);
  expect_error([&] { r.curve("micro_0000", "hot_area_rate_um2_per_s"); },
               {file_part(), kGroup, "dataset 'hot_area_rate_um2_per_s'", "missing"});
  expect_error([&] { r.microstructure("micro_0000"); },
               {file_part(), kGroup, "dataset 'microstructure'", "missing"});
}

TEST_F(ReaderErrors, VoidsOfTheWrongShape) {
  damage([](hid_t f) { replace_dataset(f, "voids", H5T_IEEE_F64LE, {1, 2}, "m"); });
  const DatasetReader r(file_);
  expect_error([&] { r.voids("micro_0000"); },
               {file_part(), kGroup, "dataset 'voids'", "[1, 2]", "[n_voids, 3]"});
}

TEST_F(ReaderErrors, MissingOrMistypedRunAttribute) {
  damage([](hid_t f) {
    const h5::Handle g{H5Gopen2(f, "/runs/micro_0000", H5P_DEFAULT), H5Gclose};
    H5Adelete(g.get(), "spec_hash");
    h5::write_attr(g.get(), "nx", std::string("eight"), "test");
  });
  {
    const DatasetReader r(file_);  // closed before the next damage
    expect_error([&] { r.attributes("micro_0000"); },
                 {file_part(), kGroup, "attribute 'nx'", "not an integer"});
  }
  damage([](hid_t f) {
    const h5::Handle g{H5Gopen2(f, "/runs/micro_0000", H5P_DEFAULT), H5Gclose};
    h5::write_attr(g.get(), "nx", 8LL, "test");
  });
  const DatasetReader again(file_);
  expect_error([&] { again.attributes("micro_0000"); },
               {file_part(), kGroup, "attribute 'spec_hash': missing"});
}

TEST_F(ReaderErrors, CompleteRunWithTooFewSnapshots) {
  damage([](hid_t f) {
    const h5::Handle g{H5Gopen2(f, "/runs/micro_0000", H5P_DEFAULT), H5Gclose};
    h5::write_attr(g.get(), "n_snapshots", 5LL, "test");
  });
  const DatasetReader r(file_);
  expect_error([&] { r.attributes("micro_0000"); },
               {file_part(), kGroup, "dataset 'time'", "4 snapshots", "of 5"});
}

TEST_F(ReaderErrors, NameOutsideTheSchema) {
  const DatasetReader r(file_);
  expect_error([&] { r.field("micro_0000", "density"); },
               {file_part(), kGroup, "dataset 'density'", "not a field"});
  expect_error([&] { r.curve("micro_0000", "temperature"); },
               {file_part(), kGroup, "dataset 'temperature'", "not a curve"});
}

}  // namespace
}  // namespace ember::datagen
