#include "io/hdf5_file.hpp"

#include <stdexcept>

namespace ember::hydro {
namespace {

// Closes an HDF5 handle at scope exit.
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

}  // namespace

H5File::H5File(const std::string& path, Mode mode, MPI_Comm comm) : path_(path) {
  // Errors are reported by exceptions here, not printed by the library.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const Handle fapl{H5Pcreate(H5P_FILE_ACCESS), H5Pclose};
  H5Pset_fapl_mpio(fapl.id, comm, MPI_INFO_NULL);
  file_ = mode == Mode::Create ? H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id)
                               : H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.id);
  if (file_ < 0)
    fail(mode == Mode::Create ? "cannot create the file" : "cannot open the file for reading");
}

H5File::~H5File() {
  if (file_ >= 0) H5Fclose(file_);
}

void H5File::fail(const std::string& what) const {
  throw std::runtime_error("HDF5 file '" + path_ + "': " + what);
}

void H5File::write_field(const std::string& name, const BlockGeometry& g, int nx, int ny,
                         const std::vector<double>& local, const char* unit) {
  const int rank = 2;  // [ny][nx], ny = 1 in 1D: one layout for every reader
  const hsize_t global[2] = {static_cast<hsize_t>(g.two_d ? ny : 1), static_cast<hsize_t>(nx)};
  const hsize_t start[2] = {static_cast<hsize_t>(g.gj0), static_cast<hsize_t>(g.gi0)};
  const hsize_t count[2] = {static_cast<hsize_t>(g.ny), static_cast<hsize_t>(g.nx)};
  const Handle file_space{H5Screate_simple(rank, global, nullptr), H5Sclose};
  const Handle dset{H5Dcreate2(file_, name.c_str(), H5T_NATIVE_DOUBLE, file_space.id, H5P_DEFAULT,
                               H5P_DEFAULT, H5P_DEFAULT),
                    H5Dclose};
  if (dset.id < 0) fail("cannot create dataset '" + name + "'");
  H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, start, nullptr, count, nullptr);
  const Handle mem_space{H5Screate_simple(rank, count, nullptr), H5Sclose};
  const Handle dxpl{H5Pcreate(H5P_DATASET_XFER), H5Pclose};
  H5Pset_dxpl_mpio(dxpl.id, H5FD_MPIO_COLLECTIVE);
  if (H5Dwrite(dset.id, H5T_NATIVE_DOUBLE, mem_space.id, file_space.id, dxpl.id, local.data()) < 0)
    fail("cannot write dataset '" + name + "'");
  const Handle str{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(str.id, std::string(unit).size() + 1);
  const Handle scalar{H5Screate(H5S_SCALAR), H5Sclose};
  const Handle attr{H5Acreate2(dset.id, "unit", str.id, scalar.id, H5P_DEFAULT, H5P_DEFAULT),
                    H5Aclose};
  if (attr.id < 0 || H5Awrite(attr.id, str.id, unit) < 0)
    fail("cannot write the unit of dataset '" + name + "'");
}

std::vector<double> H5File::read_field(const std::string& name, const BlockGeometry& g, int nx,
                                       int ny) {
  const Handle dset{H5Dopen2(file_, name.c_str(), H5P_DEFAULT), H5Dclose};
  if (dset.id < 0) fail("no dataset '" + name + "'");
  const Handle file_space{H5Dget_space(dset.id), H5Sclose};
  const int rank = 2;
  hsize_t dims[2] = {0, 0};
  if (H5Sget_simple_extent_ndims(file_space.id) != rank) fail("dataset '" + name + "' is not 2D");
  H5Sget_simple_extent_dims(file_space.id, dims, nullptr);
  if (dims[0] != static_cast<hsize_t>(g.two_d ? ny : 1) || dims[1] != static_cast<hsize_t>(nx))
    fail("dataset '" + name + "' is " + std::to_string(dims[1]) + " x " + std::to_string(dims[0]) +
         ", not the " + std::to_string(nx) + " x " + std::to_string(g.two_d ? ny : 1) +
         " mesh of this run");
  const hsize_t start[2] = {static_cast<hsize_t>(g.gj0), static_cast<hsize_t>(g.gi0)};
  const hsize_t count[2] = {static_cast<hsize_t>(g.ny), static_cast<hsize_t>(g.nx)};
  H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, start, nullptr, count, nullptr);
  const Handle mem_space{H5Screate_simple(rank, count, nullptr), H5Sclose};
  const Handle dxpl{H5Pcreate(H5P_DATASET_XFER), H5Pclose};
  H5Pset_dxpl_mpio(dxpl.id, H5FD_MPIO_COLLECTIVE);
  std::vector<double> local(static_cast<size_t>(g.nx) * g.ny);
  if (H5Dread(dset.id, H5T_NATIVE_DOUBLE, mem_space.id, file_space.id, dxpl.id, local.data()) < 0)
    fail("cannot read dataset '" + name + "'");
  return local;
}

void H5File::write_attribute(const std::string& name, double value) {
  const Handle space{H5Screate(H5S_SCALAR), H5Sclose};
  const Handle attr{H5Acreate2(file_, name.c_str(), H5T_NATIVE_DOUBLE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  if (attr.id < 0 || H5Awrite(attr.id, H5T_NATIVE_DOUBLE, &value) < 0) fail("cannot write attribute '" + name + "'");
}

void H5File::write_attribute(const std::string& name, long long value) {
  const Handle space{H5Screate(H5S_SCALAR), H5Sclose};
  const Handle attr{H5Acreate2(file_, name.c_str(), H5T_NATIVE_LLONG, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  if (attr.id < 0 || H5Awrite(attr.id, H5T_NATIVE_LLONG, &value) < 0) fail("cannot write attribute '" + name + "'");
}

void H5File::write_attribute(const std::string& name, const std::string& value) {
  const Handle str{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(str.id, value.size() + 1);
  const Handle space{H5Screate(H5S_SCALAR), H5Sclose};
  const Handle attr{H5Acreate2(file_, name.c_str(), str.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  if (attr.id < 0 || H5Awrite(attr.id, str.id, value.c_str()) < 0) fail("cannot write attribute '" + name + "'");
}

double H5File::read_double(const std::string& name) {
  const Handle attr{H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose};
  double v = 0.0;
  if (attr.id < 0 || H5Aread(attr.id, H5T_NATIVE_DOUBLE, &v) < 0) fail("cannot read attribute '" + name + "'");
  return v;
}

long long H5File::read_int(const std::string& name) {
  const Handle attr{H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose};
  long long v = 0;
  if (attr.id < 0 || H5Aread(attr.id, H5T_NATIVE_LLONG, &v) < 0) fail("cannot read attribute '" + name + "'");
  return v;
}

std::string H5File::read_string(const std::string& name) {
  const Handle attr{H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose};
  if (attr.id < 0) fail("cannot read attribute '" + name + "'");
  const Handle type{H5Aget_type(attr.id), H5Tclose};
  std::string v(H5Tget_size(type.id), '\0');
  const Handle mem{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(mem.id, v.size());
  if (H5Aread(attr.id, mem.id, v.data()) < 0) fail("cannot read attribute '" + name + "'");
  v.resize(v.find('\0') == std::string::npos ? v.size() : v.find('\0'));
  return v;
}

}  // namespace ember::hydro
