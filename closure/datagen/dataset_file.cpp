#include "dataset_file.hpp"

#include "schema.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#ifndef EMBER_CODE_VERSION
#error "EMBER_CODE_VERSION must be defined by the build"
#endif

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;
using h5::Handle;

// The snapshot members behind kFields, in the same order.
constexpr std::vector<double> hydro::VoidSnapshot::*kFieldMembers[] = {
    &hydro::VoidSnapshot::temperature,   &hydro::VoidSnapshot::pressure,
    &hydro::VoidSnapshot::void_fraction, &hydro::VoidSnapshot::progress,
    &hydro::VoidSnapshot::velocity_x,    &hydro::VoidSnapshot::velocity_y};
static_assert(std::size(kFieldMembers) == kFields.size());

// The hotspot members behind kCurves[1…].
constexpr double metrics::HotspotSnapshot::*kCurveMembers[] = {
    &metrics::HotspotSnapshot::hot_area_um2, &metrics::HotspotSnapshot::hot_area_fraction,
    &metrics::HotspotSnapshot::mean_hot_temperature_K,
    &metrics::HotspotSnapshot::reacted_mass_fraction};
static_assert(std::size(kCurveMembers) + 1 == kCurves.size());

void write_unit(hid_t dset, const char* unit, const std::string& where) {
  h5::write_attr(dset, "unit", std::string(unit), where);
}

// An empty dataset that grows by one snapshot (one chunk) along its first
// dimension. Fields are compressed: void fraction and progress are mostly
// 0 or 1 and shrink several-fold.
void create_extendible(hid_t group, const char* name, const char* unit, hid_t type, int rank,
                       const hsize_t* snapshot_dims, const std::string& where) {
  hsize_t dims[3] = {0, 0, 0}, max[3] = {H5S_UNLIMITED, 0, 0}, chunk[3] = {1, 0, 0};
  for (int d = 1; d < rank; ++d) dims[d] = max[d] = chunk[d] = snapshot_dims[d - 1];
  const Handle space{H5Screate_simple(rank, dims, max), H5Sclose};
  const Handle dcpl{H5Pcreate(H5P_DATASET_CREATE), H5Pclose};
  bool ok = H5Pset_chunk(dcpl.get(), rank, chunk) >= 0;
  if (rank > 1) ok = ok && H5Pset_shuffle(dcpl.get()) >= 0 && H5Pset_deflate(dcpl.get(), 4) >= 0;
  const Handle dset{
      ok ? H5Dcreate2(group, name, type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT) : -1,
      H5Dclose};
  if (!dset.valid())
    throw std::runtime_error(where + ", dataset '" + name + "': cannot be created");
  write_unit(dset.get(), unit, where + ", dataset '" + name + "'");
}

// Grows dataset `name` to k + 1 snapshots and writes snapshot k from `data`
// (of memory type mem_type). False on any HDF5 failure.
bool append_slab(hid_t group, const char* name, hid_t mem_type, hsize_t k, const void* data) {
  const Handle dset{H5Dopen2(group, name, H5P_DEFAULT), H5Dclose};
  if (!dset.valid()) return false;
  const Handle old_space{H5Dget_space(dset.get()), H5Sclose};
  const int rank = H5Sget_simple_extent_ndims(old_space.get());
  hsize_t dims[3] = {0, 0, 0};
  H5Sget_simple_extent_dims(old_space.get(), dims, nullptr);
  dims[0] = k + 1;
  if (H5Dset_extent(dset.get(), dims) < 0) return false;
  const Handle space{H5Dget_space(dset.get()), H5Sclose};
  hsize_t start[3] = {k, 0, 0}, count[3] = {1, dims[1], dims[2]};
  H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr);
  const Handle mem{H5Screate_simple(rank, count, nullptr), H5Sclose};
  return H5Dwrite(dset.get(), mem_type, mem.get(), space.get(), H5P_DEFAULT, data) >= 0;
}

// A fixed-size dataset written at once, with its unit.
void write_dataset(hid_t group, const char* name, const char* unit, hid_t file_type, hid_t mem_type,
                   int rank, const hsize_t* dims, const void* data, const std::string& where) {
  const Handle space{H5Screate_simple(rank, dims, nullptr), H5Sclose};
  const Handle dset{
      H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose};
  const std::string w = where + ", dataset '" + name + "'";
  if (!dset.valid()) throw std::runtime_error(w + ": cannot be created");
  if (H5Dwrite(dset.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    throw std::runtime_error(w + ": cannot be written");
  write_unit(dset.get(), unit, w);
}

}  // namespace

const char* code_version() { return EMBER_CODE_VERSION; }

fs::path run_file(const fs::path& runs_dir, const std::string& name) {
  return runs_dir / (name + ".h5");
}

fs::path tmp_file(const fs::path& runs_dir, const std::string& name) {
  return runs_dir / (name + ".h5.tmp");
}

// ---- writer ------------------------------------------------------------------

RunWriter::RunWriter(const fs::path& runs_dir, const RunSpec& run)
    : group_name_(std::string(kRunsGroup) + "/" + run_name(run)),
      nx_(run.spec.nx),
      ny_(run.spec.ny),
      n_snapshots_(run.spec.n_snapshots),
      snapshot_dt_(run.spec.snapshot_dt) {
  const std::string name = run_name(run);
  tmp_ = tmp_file(runs_dir, name);
  final_ = run_file(runs_dir, name);
  if (nx_ <= 0 || ny_ <= 0 || n_snapshots_ <= 0 || !(snapshot_dt_ > 0))
    fail("", "nx, ny, n_snapshots and snapshot_dt must be positive (got " + std::to_string(nx_) +
                 ", " + std::to_string(ny_) + ", " + std::to_string(n_snapshots_) + ", " +
                 std::to_string(snapshot_dt_) + ")");
  h5::silence_errors();
  file_ = Handle{H5Fcreate(tmp_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
  if (!file_.valid()) fail("", "cannot create the file");
  const std::string root = h5::where(tmp_.string(), "/");
  h5::write_attr(file_.get(), "schema_version", static_cast<long long>(kSchemaVersion), root);
  h5::write_attr(file_.get(), "kind", std::string("run"), root);
  h5::write_attr(file_.get(), "code_version", std::string(code_version()), root);
  const Handle runs{H5Gcreate2(file_.get(), kRunsGroup, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                    H5Gclose};
  group_ = Handle{runs.valid() ? H5Gcreate2(file_.get(), group_name_.c_str(), H5P_DEFAULT,
                                            H5P_DEFAULT, H5P_DEFAULT)
                               : -1,
                  H5Gclose};
  if (!group_.valid()) fail("", "cannot create the group");

  const hid_t g = group_.get();
  const std::string w = h5::where(tmp_.string(), group_name_);
  const hydro::VoidCaseSpec& s = run.spec;
  h5::write_attr(g, "set", run.set, w);
  h5::write_attr(g, "index", static_cast<long long>(run.index), w);
  h5::write_attr(g, "seed", run.seed, w);
  h5::write_attr(g, "nx", static_cast<long long>(s.nx), w);
  h5::write_attr(g, "ny", static_cast<long long>(s.ny), w);
  h5::write_attr(g, "n_snapshots", static_cast<long long>(s.n_snapshots), w);
  h5::write_attr(g, "dx_m", s.dx, w);
  h5::write_attr(g, "snapshot_dt_s", s.snapshot_dt, w);
  h5::write_attr(g, "shock_pressure_Pa", s.shock_pressure, w);
  h5::write_attr(g, "pulse_duration_s", s.pulse_duration, w);
  h5::write_attr(g, "cfl", s.cfl, w);
  h5::write_attr(g, "reactive", static_cast<long long>(s.reactive), w);
  h5::write_attr(g, "conduction", static_cast<long long>(s.conduction), w);
  h5::write_attr(g, "code_version", std::string(code_version()), w);
  h5::write_attr(g, "spec_hash", spec_hash(run), w);
  // Known once the solver has run; placeholders keep the layout fixed.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  h5::write_attr(g, "particle_velocity_m_s", nan, w);
  h5::write_attr(g, "porosity", nan, w);
  h5::write_attr(g, "wall_seconds", nan, w);
  h5::write_attr(g, "steps", -1LL, w);
  h5::write_attr(g, "complete", 0LL, w);

  std::vector<double> voids;
  for (const hydro::Void& v : s.voids.voids) voids.insert(voids.end(), {v.x, v.y, v.radius});
  const hsize_t void_dims[2] = {s.voids.voids.size(), 3};
  write_dataset(g, "voids", "m", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 2, void_dims, voids.data(), w);

  const hsize_t field_dims[2] = {static_cast<hsize_t>(ny_), static_cast<hsize_t>(nx_)};
  for (const DatasetName& f : kFields)
    create_extendible(g, f.name, f.unit, H5T_IEEE_F32LE, 3, field_dims, w);
  for (const DatasetName& c : kCurves)
    create_extendible(g, c.name, c.unit, H5T_IEEE_F64LE, 1, nullptr, w);
}

void RunWriter::fail(const std::string& dataset, const std::string& what) const {
  throw std::runtime_error(h5::where(tmp_.string(), group_name_, dataset) + ": " + what);
}

void RunWriter::append(const hydro::VoidSnapshot& s) {
  const int k = static_cast<int>(times_.size());
  if (k >= n_snapshots_)
    fail("", "snapshot " + std::to_string(s.index) + " is more than the run's " +
                 std::to_string(n_snapshots_));
  if (s.index != k)
    fail("", "snapshot index " + std::to_string(s.index) + " arrived where " + std::to_string(k) +
                 " was due");
  if (!(std::abs(s.t - k * snapshot_dt_) <= 1e-6 * snapshot_dt_))
    fail("time", "snapshot " + std::to_string(k) + " is at t = " + std::to_string(s.t) +
                     " s, not at " + std::to_string(k) + " × snapshot_dt");
  const std::size_t cells = static_cast<std::size_t>(nx_) * static_cast<std::size_t>(ny_);
  for (std::size_t f = 0; f < kFields.size(); ++f)
    if ((s.*kFieldMembers[f]).size() != cells)
      fail(kFields[f].name, "snapshot " + std::to_string(k) + " has " +
                                std::to_string((s.*kFieldMembers[f]).size()) +
                                " values, the grid " + std::to_string(cells));

  const hsize_t slot = static_cast<hsize_t>(k);
  std::vector<float> buf(cells);
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    const std::vector<double>& v = s.*kFieldMembers[f];
    for (std::size_t i = 0; i < cells; ++i) buf[i] = static_cast<float>(v[i]);
    if (!append_slab(group_.get(), kFields[f].name, H5T_NATIVE_FLOAT, slot, buf.data()))
      fail(kFields[f].name, "cannot append snapshot " + std::to_string(k));
  }
  if (!append_slab(group_.get(), kCurves[0].name, H5T_NATIVE_DOUBLE, slot, &s.t))
    fail(kCurves[0].name, "cannot append snapshot " + std::to_string(k));
  for (std::size_t c = 0; c < std::size(kCurveMembers); ++c)
    if (!append_slab(group_.get(), kCurves[c + 1].name, H5T_NATIVE_DOUBLE, slot,
                     &(s.hotspot.*kCurveMembers[c])))
      fail(kCurves[c + 1].name, "cannot append snapshot " + std::to_string(k));

  if (k == 0) {
    // The microstructure as a mask: cells that are mostly void at t = 0.
    std::vector<std::uint8_t> mask(cells);
    for (std::size_t i = 0; i < cells; ++i) mask[i] = s.void_fraction[i] > 0.5 ? 1 : 0;
    const hsize_t dims[2] = {static_cast<hsize_t>(ny_), static_cast<hsize_t>(nx_)};
    write_dataset(group_.get(), "microstructure", "1", H5T_STD_U8LE, H5T_NATIVE_UINT8, 2, dims,
                  mask.data(), h5::where(tmp_.string(), group_name_));
  }
  times_.push_back(s.t);
  hotspots_.push_back(s.hotspot);
}

fs::path RunWriter::finish(const hydro::VoidCaseInfo& info) {
  if (static_cast<int>(times_.size()) != n_snapshots_)
    fail("", "finished after " + std::to_string(times_.size()) + " of " +
                 std::to_string(n_snapshots_) + " snapshots");
  const metrics::HotspotSeries series = metrics::hotspot_series(times_, hotspots_);
  const hid_t g = group_.get();
  const std::string w = h5::where(tmp_.string(), group_name_);
  const hsize_t n = times_.size();
  write_dataset(g, kRates[0].name, kRates[0].unit, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1, &n,
                series.area_rate.data(), w);
  write_dataset(g, kRates[1].name, kRates[1].unit, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1, &n,
                series.temperature_rate.data(), w);
  h5::write_attr(g, "particle_velocity_m_s", info.particle_velocity, w);
  h5::write_attr(g, "porosity", info.porosity, w);
  h5::write_attr(g, "wall_seconds", info.wall_seconds, w);
  h5::write_attr(g, "steps", info.steps, w);
  h5::write_attr(g, "complete", 1LL, w);
  group_.reset();
  if (file_.reset() < 0) fail("", "cannot close the file");
  std::error_code ec;
  fs::rename(tmp_, final_, ec);
  if (ec) fail("", "cannot be renamed to '" + final_.string() + "': " + ec.message());
  return final_;
}

// ---- merge -------------------------------------------------------------------

namespace {

// Copies the run group of the complete per-run file of `name` into `runs`.
void copy_run(const fs::path& dir, const std::string& name, hid_t runs, const fs::path& tmp) {
  const fs::path src_path = run_file(dir / "runs", name);
  const std::string group = std::string(kRunsGroup) + "/" + name;
  {
    // Validates the layout of the run, not just its presence.
    const DatasetReader check(src_path);
    if (!check.attributes(name).complete)
      throw std::runtime_error(h5::where(src_path.string(), group) + ": the run is not complete");
  }
  const Handle src{H5Fopen(src_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (!src.valid() ||
      H5Ocopy(src.get(), group.c_str(), runs, name.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
    throw std::runtime_error(h5::where(src_path.string(), group) + ": cannot copy it into '" +
                             tmp.string() + "'");
}

}  // namespace

fs::path merge_set(const fs::path& dir, const std::string& set,
                   const std::vector<std::string>& run_names, const std::string& preset) {
  const fs::path out = dir / (set + ".h5");
  const fs::path tmp = dir / (set + ".h5.tmp");
  h5::silence_errors();
  try {
    Handle file{H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
    const std::string root = h5::where(tmp.string(), "/");
    if (!file.valid()) throw std::runtime_error(h5::where(tmp.string()) + ": cannot create it");
    h5::write_attr(file.get(), "schema_version", static_cast<long long>(kSchemaVersion), root);
    h5::write_attr(file.get(), "kind", std::string("set"), root);
    h5::write_attr(file.get(), "code_version", std::string(code_version()), root);
    h5::write_attr(file.get(), "set", set, root);
    h5::write_attr(file.get(), "preset", preset, root);
    h5::write_attr(file.get(), "n_runs", static_cast<long long>(run_names.size()), root);
    {
      const Handle runs{H5Gcreate2(file.get(), kRunsGroup, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        H5Gclose};
      for (const std::string& name : run_names) copy_run(dir, name, runs.get(), tmp);
    }  // every object closed, so that closing the file really closes it
    if (file.reset() < 0) throw std::runtime_error(h5::where(tmp.string()) + ": cannot close it");
    fs::rename(tmp, out);
  } catch (...) {
    std::error_code ignored;  // the error being thrown says what went wrong
    fs::remove(tmp, ignored);
    throw;
  }
  return out;
}

}  // namespace ember::datagen
