// A tiny two-material deck run end to end on the ranks of the world: the
// snapshots, their XDMF companions, the series and the history are written,
// every field has the mesh's shape and its unit, and the fields are bitwise
// those of the same deck run on one rank.
#include "driver/two_material_run.hpp"
#include "mpi_test.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace ember::hydro::testing {
namespace {

// One 0.7 µm void in a 2 x 1.5 µm window of 32 x 24 cells, 20 GPa, three
// snapshots 0.12 ns apart.
const char* const kDeck = R"(
[problem]
name = "tiny"

[model]
kind = "two_material"

[mesh]
nx = 32
ny = 24
dx = 6.25e-8

[loading]
shock_pressure_GPa = 20.0

[time]
t_end = 2.4e-10

[[microstructure.void]]
x = 1.0e-6
y = 0.75e-6
diameter = 0.7e-6

[output]
snapshot_interval = 1.2e-10
)";

constexpr int kNx = 32, kNy = 24, kSnapshots = 3;

const std::vector<std::pair<std::string, std::string>> kFields = {
    {"temperature", "K"},       {"pressure", "Pa"},      {"void_fraction", "1"},
    {"reaction_progress", "1"}, {"velocity_x", "m s-1"}, {"velocity_y", "m s-1"}};

// Closes an HDF5 handle at scope exit.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

struct Dataset {
  std::vector<hsize_t> dims;
  std::vector<double> values;
  std::string unit;
};

Dataset read_dataset(hid_t file, const std::string& name) {
  Dataset d;
  const Handle set{H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose};
  if (set.id < 0) return d;
  const Handle space{H5Dget_space(set.id), H5Sclose};
  d.dims.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.id)));
  H5Sget_simple_extent_dims(space.id, d.dims.data(), nullptr);
  d.values.resize(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id)));
  H5Dread(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.values.data());
  const Handle attr{H5Aopen(set.id, "unit", H5P_DEFAULT), H5Aclose};
  if (attr.id < 0) return d;
  const Handle type{H5Aget_type(attr.id), H5Tclose};
  std::string unit(H5Tget_size(type.id), '\0');
  H5Aread(attr.id, type.id, unit.data());
  d.unit = unit.c_str();  // without the terminating NUL
  return d;
}

double read_attribute(hid_t file, const std::string& name) {
  double v = std::nan("");
  const Handle attr{H5Aopen(file, name.c_str(), H5P_DEFAULT), H5Aclose};
  if (attr.id >= 0) H5Aread(attr.id, H5T_NATIVE_DOUBLE, &v);
  return v;
}

std::string snapshot(const std::string& dir, int k, const char* ext) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/tiny.%05d%s", k, ext);
  return dir + buf;
}

std::string text_of(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

VoidCaseInfo run_deck(MPI_Comm comm, const std::string& out_dir) {
  const Deck deck = Deck::from_string(kDeck, "tiny.toml", {"output.dir=" + out_dir});
  return run_two_material(comm, read_two_material_config(deck), deck.echo());
}

TEST(TwoMaterialRun, WritesSnapshotsAndHistoryTheSameOnAnyNumberOfRanks) {
  int ranks = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const std::string scratch =
      std::string(EMBER_TWO_MATERIAL_SCRATCH) + "/np" + std::to_string(ranks);
  const std::string world = scratch + "/world", self = scratch + "/self";
  if (world_rank() == 0) std::filesystem::remove_all(scratch);
  MPI_Barrier(MPI_COMM_WORLD);

  const VoidCaseInfo info = run_deck(MPI_COMM_WORLD, world);
  if (world_rank() != 0) return;
  EXPECT_GT(info.steps, 0);
  run_deck(MPI_COMM_SELF, self);

  // The series lists every snapshot; each has its XDMF companion.
  const std::string series = text_of(world + "/tiny.xdmf");
  for (int k = 0; k < kSnapshots; ++k) {
    const std::string xdmf = text_of(snapshot(world, k, ".xdmf"));
    EXPECT_NE(series.find(snapshot("", k, ".xdmf").substr(1)), std::string::npos) << series;
    EXPECT_NE(xdmf.find("2DCoRectMesh\" Dimensions=\"25 33\""), std::string::npos) << xdmf;
    for (const auto& [name, unit] : kFields)
      EXPECT_NE(xdmf.find(snapshot("", k, ".h5").substr(1) + ":/" + name), std::string::npos)
          << name << " not in\n"
          << xdmf;
  }

  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  for (int k = 0; k < kSnapshots; ++k) {
    SCOPED_TRACE("snapshot " + std::to_string(k));
    const Handle w{H5Fopen(snapshot(world, k, ".h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                   H5Fclose};
    const Handle s{H5Fopen(snapshot(self, k, ".h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                   H5Fclose};
    ASSERT_GE(w.id, 0);
    ASSERT_GE(s.id, 0);
    EXPECT_DOUBLE_EQ(read_attribute(w.id, "time"), k * 1.2e-10);
    for (const char* metric : {"hotspot_area_m2", "hotspot_area_fraction", "reacted_mass_fraction"})
      EXPECT_TRUE(std::isfinite(read_attribute(w.id, metric))) << metric;
    for (const auto& [name, unit] : kFields) {
      const Dataset a = read_dataset(w.id, name), b = read_dataset(s.id, name);
      EXPECT_EQ(a.dims, (std::vector<hsize_t>{kNy, kNx})) << name;
      EXPECT_EQ(a.unit, unit) << name;
      for (const double v : a.values) ASSERT_TRUE(std::isfinite(v)) << name;
      EXPECT_EQ(a.values, b.values) << name << " differs between " << ranks << " ranks and 1";
    }
  }
  // The shock has run into the window: pressure well above ambient in the last snapshot.
  {
    const Handle w{
        H5Fopen(snapshot(world, kSnapshots - 1, ".h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
        H5Fclose};
    const Dataset p = read_dataset(w.id, "pressure");
    EXPECT_GT(*std::max_element(p.values.begin(), p.values.end()), 15e9);
  }

  // History: a header and a line of 9 columns per snapshot, the same on one rank.
  const std::string history = text_of(world + "/tiny.hst");
  std::istringstream lines(history);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("# snapshot step time_s hotspot_area_m2", 0), 0u) << line;
  for (int k = 0; k < kSnapshots; ++k) {
    ASSERT_TRUE(std::getline(lines, line));
    std::istringstream columns(line);
    std::vector<std::string> words{std::istream_iterator<std::string>(columns), {}};
    EXPECT_EQ(words.size(), 9u) << line;
    EXPECT_EQ(words.front(), std::to_string(k)) << line;
  }
  EXPECT_FALSE(std::getline(lines, line)) << "extra line: " << line;
  EXPECT_EQ(history, text_of(self + "/tiny.hst"));

  if (!HasFailure()) std::filesystem::remove_all(scratch);
}

}  // namespace
}  // namespace ember::hydro::testing
