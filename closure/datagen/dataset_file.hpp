// The resolved-void dataset on disk (docs/dataset_schema.md): one HDF5 file
// per run while generating, <dir>/runs/<set>_<NNNN>.h5, and one merged file
// per set, <dir>/<set>.h5. Both hold the same group /runs/<set>_<NNNN> per
// run, so one reader serves both. Serial HDF5, one process per file.
#pragma once

#include "hdf5_util.hpp"
#include "run_spec.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ember::datagen {

// The EMBER_CODE_VERSION this library was built with.
const char* code_version();

// <runs_dir>/<name>.h5 and its in-progress twin <runs_dir>/<name>.h5.tmp.
std::filesystem::path run_file(const std::filesystem::path& runs_dir, const std::string& name);
std::filesystem::path tmp_file(const std::filesystem::path& runs_dir, const std::string& name);

// Writes one run as its snapshots arrive. The constructor creates (or
// replaces) the .tmp file and writes the run's defining attributes with
// complete = 0; append adds one snapshot to every time-indexed dataset;
// finish writes the rates and what the solver reported, sets complete = 1,
// closes and renames the file to .h5. A writer destroyed before finish leaves
// the .tmp behind, which a resumed generation deletes and redoes.
class RunWriter {
 public:
  RunWriter(const std::filesystem::path& runs_dir, const RunSpec& run);
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  // Snapshots must come in order (index 0, 1, …) at t = index·snapshot_dt
  // (to 1e-6 of snapshot_dt) with nx·ny values per field; throws
  // std::runtime_error naming the file, the run and the field otherwise.
  void append(const hydro::VoidSnapshot& snapshot);

  // Throws std::runtime_error unless exactly n_snapshots have been appended.
  // Returns the final path.
  std::filesystem::path finish(const hydro::VoidCaseInfo& info);

 private:
  [[noreturn]] void fail(const std::string& dataset, const std::string& what) const;
  std::filesystem::path tmp_, final_;
  std::string group_name_;
  int nx_, ny_, n_snapshots_;
  double snapshot_dt_;
  h5::Handle file_, group_;
  std::vector<double> times_;
  std::vector<metrics::HotspotSnapshot> hotspots_;
};

// Root attributes of a dataset file.
struct FileInfo {
  int schema_version = 0;
  std::string kind;          // "run" (one per-run file) or "set" (a merged set)
  std::string code_version;  // of the program that wrote the file
  std::string set, preset;   // "set" files only
  int n_runs = 0;
};

// Group attributes of one run (names as in the file).
struct RunAttributes {
  std::string set;
  int index = 0;
  std::uint64_t seed = 0;
  int nx = 0, ny = 0, n_snapshots = 0;
  double dx_m = 0, snapshot_dt_s = 0, shock_pressure_Pa = 0, pulse_duration_s = 0, cfl = 0;
  bool reactive = false, conduction = false;
  std::string code_version, spec_hash;
  bool complete = false;
  // Reported by the solver; NaN (steps −1) until the run is complete.
  double particle_velocity_m_s = 0, porosity = 0, wall_seconds = 0;
  long long steps = 0;
};

// A float32 field [nt][ny][nx].
struct Field {
  int nt = 0, ny = 0, nx = 0;
  std::vector<float> values;
  std::string unit;
  float at(int t, int j, int i) const {
    return values[(static_cast<std::size_t>(t) * ny + j) * nx + i];
  }
};

// A float64 curve [nt].
struct Curve {
  std::vector<double> values;
  std::string unit;
};

// Reads a per-run or a merged file. Every read checks the layout (dtype,
// rank, shape against nx, ny and the length of `time`, units) and throws
// std::runtime_error naming the file, the group and the dataset or attribute
// that is missing or malformed.
class DatasetReader {
 public:
  explicit DatasetReader(const std::filesystem::path& path);
  const FileInfo& info() const { return info_; }
  const std::vector<std::string>& runs() const { return runs_; }  // sorted names

  RunAttributes attributes(const std::string& run) const;
  Field field(const std::string& run, const std::string& name) const;      // kFields
  Curve curve(const std::string& run, const std::string& name) const;      // kCurves, kRates
  std::vector<std::uint8_t> microstructure(const std::string& run) const;  // [ny][nx]
  std::vector<hydro::Void> voids(const std::string& run) const;            // metres

 private:
  h5::Handle open_group(const std::string& run) const;
  h5::Handle open_dataset(hid_t group, const std::string& run, const std::string& name) const;
  int n_times(hid_t group, const std::string& run) const;
  std::string path_;
  h5::Handle file_;
  FileInfo info_;
  std::vector<std::string> runs_;
};

// Writes <dir>/<set>.h5 (through a .tmp and a rename) holding a copy of the
// run group of every complete per-run file <dir>/runs/<name>.h5, in the order
// given, plus the root attributes of a "set" file. Throws std::runtime_error
// naming the per-run file that is missing or not complete. Returns the path.
std::filesystem::path merge_set(const std::filesystem::path& dir, const std::string& set,
                                const std::vector<std::string>& run_names,
                                const std::string& preset);

}  // namespace ember::datagen
