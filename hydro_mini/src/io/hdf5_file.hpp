// A thin RAII layer over parallel HDF5: a file opened collectively on a
// communicator, and collective writes and reads of the interior of a block
// into global [ny][nx] datasets. Every call is collective over the
// communicator; every HDF5 failure throws std::runtime_error naming the file
// and the dataset.
#pragma once

#include "hydro/block_geometry.hpp"

#include <hdf5.h>
#include <mpi.h>

#include <string>
#include <vector>

namespace ember::hydro {

class H5File {
 public:
  enum class Mode { Create, Read };
  H5File(const std::string& path, Mode mode, MPI_Comm comm);
  ~H5File();
  H5File(const H5File&) = delete;
  H5File& operator=(const H5File&) = delete;

  const std::string& path() const { return path_; }

  // A global [ny][nx] dataset of doubles (ny = 1 in 1D); `local` holds this
  // block's interior cells, row-major [ny_local][nx_local].
  void write_field(const std::string& name, const BlockGeometry& g, int nx, int ny,
                   const std::vector<double>& local, const char* unit);
  std::vector<double> read_field(const std::string& name, const BlockGeometry& g, int nx, int ny);

  // Scalar and string attributes of the root group.
  void write_attribute(const std::string& name, double value);
  void write_attribute(const std::string& name, long long value);
  void write_attribute(const std::string& name, const std::string& value);
  double read_double(const std::string& name);
  long long read_int(const std::string& name);
  std::string read_string(const std::string& name);

 private:
  [[noreturn]] void fail(const std::string& what) const;
  std::string path_;
  hid_t file_ = -1;
};

}  // namespace ember::hydro
