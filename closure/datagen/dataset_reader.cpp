// DatasetReader: dataset_file.hpp.
#include "dataset_file.hpp"

#include "schema.hpp"

#include <algorithm>
#include <stdexcept>

namespace ember::datagen {
namespace {

namespace fs = std::filesystem;
using h5::Handle;

std::string group_path(const std::string& run) { return std::string(kRunsGroup) + "/" + run; }

std::string dims_text(const std::vector<hsize_t>& dims) {
  std::string s = "[";
  for (std::size_t d = 0; d < dims.size(); ++d) s += (d ? ", " : "") + std::to_string(dims[d]);
  return s + "]";
}

std::vector<hsize_t> dims_of(hid_t dset) {
  const Handle space{H5Dget_space(dset), H5Sclose};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

// Throws unless the dataset's type is of class `cls` and `size` bytes wide and
// its shape is `expected`.
void check_layout(hid_t dset, H5T_class_t cls, std::size_t size, const char* type_name,
                  const std::vector<hsize_t>& expected, const std::string& where) {
  const Handle type{H5Dget_type(dset), H5Tclose};
  if (H5Tget_class(type.get()) != cls || H5Tget_size(type.get()) != size)
    throw std::runtime_error(where + ": is not " + type_name);
  const std::vector<hsize_t> dims = dims_of(dset);
  if (dims != expected)
    throw std::runtime_error(where + ": has shape " + dims_text(dims) + ", expected " +
                             dims_text(expected));
}

template <class T>
std::vector<T> read_all(hid_t dset, hid_t mem_type, std::size_t n, const std::string& where) {
  std::vector<T> v(n);
  if (n > 0 && H5Dread(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    throw std::runtime_error(where + ": cannot be read");
  return v;
}

// The unit attribute, checked against the schema's.
std::string check_unit(hid_t dset, const char* expected, const std::string& where) {
  const std::string unit = h5::read_string_attr(dset, "unit", where);
  if (unit != expected)
    throw std::runtime_error(where + ": unit is '" + unit + "', expected '" + expected + "'");
  return unit;
}

const DatasetName* find(const DatasetName* begin, const DatasetName* end, const std::string& name) {
  const DatasetName* it =
      std::find_if(begin, end, [&](const DatasetName& d) { return name == d.name; });
  return it == end ? nullptr : it;
}

}  // namespace

DatasetReader::DatasetReader(const fs::path& path) : path_(path.string()) {
  h5::silence_errors();
  const std::string root = h5::where(path_);
  if (!fs::is_regular_file(path)) throw std::runtime_error(root + ": no such file");
  file_ = Handle{H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (!file_.valid()) throw std::runtime_error(root + ": not an HDF5 file, or unreadable");
  const std::string w = h5::where(path_, "/");
  info_.schema_version = static_cast<int>(h5::read_int_attr(file_.get(), "schema_version", w));
  if (info_.schema_version != kSchemaVersion)
    throw std::runtime_error(w + ": schema_version " + std::to_string(info_.schema_version) +
                             ", this reader knows " + std::to_string(kSchemaVersion));
  info_.kind = h5::read_string_attr(file_.get(), "kind", w);
  info_.code_version = h5::read_string_attr(file_.get(), "code_version", w);
  if (H5Lexists(file_.get(), kRunsGroup, H5P_DEFAULT) <= 0)
    throw std::runtime_error(h5::where(path_, kRunsGroup) + ": missing");
  const Handle runs{H5Gopen2(file_.get(), kRunsGroup, H5P_DEFAULT), H5Gclose};
  if (!runs.valid()) throw std::runtime_error(h5::where(path_, kRunsGroup) + ": not a group");
  runs_ = h5::link_names(runs.get(), h5::where(path_, kRunsGroup));
  if (info_.kind == "run") {
    if (runs_.size() != 1)
      throw std::runtime_error(w + ": a per-run file holds " + std::to_string(runs_.size()) +
                               " runs under " + kRunsGroup + ", not 1");
    info_.n_runs = 1;
  } else if (info_.kind == "set") {
    info_.set = h5::read_string_attr(file_.get(), "set", w);
    info_.preset = h5::read_string_attr(file_.get(), "preset", w);
    info_.n_runs = static_cast<int>(h5::read_int_attr(file_.get(), "n_runs", w));
    if (info_.n_runs != static_cast<int>(runs_.size()))
      throw std::runtime_error(w + ": n_runs = " + std::to_string(info_.n_runs) + " but " +
                               kRunsGroup + " holds " + std::to_string(runs_.size()) + " runs");
  } else {
    throw std::runtime_error(w + ": kind '" + info_.kind + "' is neither 'run' nor 'set'");
  }
}

Handle DatasetReader::open_group(const std::string& run) const {
  const std::string g = group_path(run);
  if (std::find(runs_.begin(), runs_.end(), run) == runs_.end())
    throw std::runtime_error(h5::where(path_, g) + ": no such run");
  Handle group{H5Gopen2(file_.get(), g.c_str(), H5P_DEFAULT), H5Gclose};
  if (!group.valid()) throw std::runtime_error(h5::where(path_, g) + ": not a group");
  return group;
}

Handle DatasetReader::open_dataset(hid_t group, const std::string& run,
                                   const std::string& name) const {
  const std::string w = h5::where(path_, group_path(run), name);
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0) throw std::runtime_error(w + ": missing");
  Handle dset{H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose};
  if (!dset.valid()) throw std::runtime_error(w + ": not a dataset");
  return dset;
}

int DatasetReader::n_times(hid_t group, const std::string& run) const {
  const Handle time = open_dataset(group, run, "time");
  const std::vector<hsize_t> dims = dims_of(time.get());
  if (dims.size() != 1)
    throw std::runtime_error(h5::where(path_, group_path(run), "time") + ": has shape " +
                             dims_text(dims) + ", expected [n_times]");
  return static_cast<int>(dims[0]);
}

RunAttributes DatasetReader::attributes(const std::string& run) const {
  const Handle group = open_group(run);
  const hid_t g = group.get();
  const std::string w = h5::where(path_, group_path(run));
  RunAttributes a;
  a.set = h5::read_string_attr(g, "set", w);
  a.index = static_cast<int>(h5::read_int_attr(g, "index", w));
  a.seed = h5::read_uint64_attr(g, "seed", w);
  a.nx = static_cast<int>(h5::read_int_attr(g, "nx", w));
  a.ny = static_cast<int>(h5::read_int_attr(g, "ny", w));
  a.n_snapshots = static_cast<int>(h5::read_int_attr(g, "n_snapshots", w));
  a.dx_m = h5::read_double_attr(g, "dx_m", w);
  a.snapshot_dt_s = h5::read_double_attr(g, "snapshot_dt_s", w);
  a.shock_pressure_Pa = h5::read_double_attr(g, "shock_pressure_Pa", w);
  a.pulse_duration_s = h5::read_double_attr(g, "pulse_duration_s", w);
  a.cfl = h5::read_double_attr(g, "cfl", w);
  a.reactive = h5::read_int_attr(g, "reactive", w) != 0;
  a.conduction = h5::read_int_attr(g, "conduction", w) != 0;
  a.code_version = h5::read_string_attr(g, "code_version", w);
  a.spec_hash = h5::read_string_attr(g, "spec_hash", w);
  a.complete = h5::read_int_attr(g, "complete", w) == 1;
  a.particle_velocity_m_s = h5::read_double_attr(g, "particle_velocity_m_s", w);
  a.porosity = h5::read_double_attr(g, "porosity", w);
  a.wall_seconds = h5::read_double_attr(g, "wall_seconds", w);
  a.steps = h5::read_int_attr(g, "steps", w);
  if (a.nx <= 0 || a.ny <= 0 || a.n_snapshots <= 0)
    throw std::runtime_error(w + ": nx, ny and n_snapshots must be positive (" +
                             std::to_string(a.nx) + ", " + std::to_string(a.ny) + ", " +
                             std::to_string(a.n_snapshots) + ")");
  if (a.complete && n_times(g, run) != a.n_snapshots)
    throw std::runtime_error(h5::where(path_, group_path(run), "time") + ": holds " +
                             std::to_string(n_times(g, run)) + " snapshots of a complete run of " +
                             std::to_string(a.n_snapshots));
  return a;
}

Field DatasetReader::field(const std::string& run, const std::string& name) const {
  const DatasetName* def = find(kFields.data(), kFields.data() + kFields.size(), name);
  const std::string w = h5::where(path_, group_path(run), name);
  if (def == nullptr) throw std::runtime_error(w + ": not a field of the schema");
  const RunAttributes a = attributes(run);
  const Handle group = open_group(run);
  Field f;
  f.nt = n_times(group.get(), run);
  f.ny = a.ny;
  f.nx = a.nx;
  const Handle dset = open_dataset(group.get(), run, name);
  check_layout(dset.get(), H5T_FLOAT, 4, "float32",
               {static_cast<hsize_t>(f.nt), static_cast<hsize_t>(f.ny), static_cast<hsize_t>(f.nx)},
               w);
  f.unit = check_unit(dset.get(), def->unit, w);
  f.values = read_all<float>(dset.get(), H5T_NATIVE_FLOAT,
                             static_cast<std::size_t>(f.nt) * f.ny * f.nx, w);
  return f;
}

Curve DatasetReader::curve(const std::string& run, const std::string& name) const {
  const DatasetName* def = find(kCurves.data(), kCurves.data() + kCurves.size(), name);
  if (def == nullptr) def = find(kRates.data(), kRates.data() + kRates.size(), name);
  const std::string w = h5::where(path_, group_path(run), name);
  if (def == nullptr) throw std::runtime_error(w + ": not a curve of the schema");
  const Handle group = open_group(run);
  const int nt = n_times(group.get(), run);
  const Handle dset = open_dataset(group.get(), run, name);
  check_layout(dset.get(), H5T_FLOAT, 8, "float64", {static_cast<hsize_t>(nt)}, w);
  Curve c;
  c.unit = check_unit(dset.get(), def->unit, w);
  c.values = read_all<double>(dset.get(), H5T_NATIVE_DOUBLE, static_cast<std::size_t>(nt), w);
  return c;
}

std::vector<std::uint8_t> DatasetReader::microstructure(const std::string& run) const {
  const RunAttributes a = attributes(run);
  const Handle group = open_group(run);
  const Handle dset = open_dataset(group.get(), run, "microstructure");
  const std::string w = h5::where(path_, group_path(run), "microstructure");
  check_layout(dset.get(), H5T_INTEGER, 1, "uint8",
               {static_cast<hsize_t>(a.ny), static_cast<hsize_t>(a.nx)}, w);
  check_unit(dset.get(), "1", w);
  return read_all<std::uint8_t>(dset.get(), H5T_NATIVE_UINT8, static_cast<std::size_t>(a.ny) * a.nx,
                                w);
}

std::vector<hydro::Void> DatasetReader::voids(const std::string& run) const {
  const Handle group = open_group(run);
  const Handle dset = open_dataset(group.get(), run, "voids");
  const std::string w = h5::where(path_, group_path(run), "voids");
  const std::vector<hsize_t> dims = dims_of(dset.get());
  if (dims.size() != 2 || dims[1] != 3)
    throw std::runtime_error(w + ": has shape " + dims_text(dims) + ", expected [n_voids, 3]");
  check_layout(dset.get(), H5T_FLOAT, 8, "float64", dims, w);
  check_unit(dset.get(), "m", w);
  const std::vector<double> xyr = read_all<double>(dset.get(), H5T_NATIVE_DOUBLE, dims[0] * 3, w);
  std::vector<hydro::Void> voids(dims[0]);
  for (std::size_t k = 0; k < voids.size(); ++k)
    voids[k] = {xyr[3 * k], xyr[3 * k + 1], xyr[3 * k + 2]};
  return voids;
}

}  // namespace ember::datagen
