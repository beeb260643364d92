#include "mesh/decomposition.hpp"

#include <stdexcept>
#include <string>

namespace ember::hydro {

Decomposition::Decomposition(MPI_Comm comm, const GlobalMesh& mesh, std::array<bool, 2> periodic,
                             int ranks_x, int ranks_y)
    : mesh_(mesh) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  const bool two_d = mesh.two_d();
  int dims[2] = {ranks_x, two_d ? ranks_y : 1};
  MPI_Dims_create(size, 2, dims);
  if (dims[0] * dims[1] != size)
    throw std::runtime_error("process grid " + std::to_string(dims[0]) + " x " +
                             std::to_string(dims[1]) + " does not match " + std::to_string(size) +
                             " MPI ranks");
  if (dims[0] > mesh.nx || dims[1] > mesh.ny)
    throw std::runtime_error("more ranks along a direction than cells: process grid " +
                             std::to_string(dims[0]) + " x " + std::to_string(dims[1]) +
                             " for a mesh of " + std::to_string(mesh.nx) + " x " +
                             std::to_string(mesh.ny));
  int wrap[2] = {periodic[0] ? 1 : 0, periodic[1] ? 1 : 0};
  // No reordering: rank numbers and coordinates stay predictable for output.
  MPI_Cart_create(comm, 2, dims, wrap, 0, &cart_);
  MPI_Comm_rank(cart_, &rank_);
  MPI_Comm_size(cart_, &size_);
  int coords[2];
  MPI_Cart_coords(cart_, rank_, 2, coords);
  dims_ = {dims[0], dims[1]};
  coords_ = {coords[0], coords[1]};
  MPI_Cart_shift(cart_, 0, 1, &nbr_[kXlo], &nbr_[kXhi]);
  MPI_Cart_shift(cart_, 1, 1, &nbr_[kYlo], &nbr_[kYhi]);

  BlockGeometry& g = geom_;
  g.two_d = two_d;
  g.ng = 2;
  g.nx = split_count(mesh.nx, dims[0], coords[0]);
  g.gi0 = split_first(mesh.nx, dims[0], coords[0]);
  g.ny = two_d ? split_count(mesh.ny, dims[1], coords[1]) : 1;
  g.gj0 = two_d ? split_first(mesh.ny, dims[1], coords[1]) : 0;
  g.nx_tot = g.nx + 2 * g.ng;
  g.ny_tot = two_d ? g.ny + 2 * g.ng : 1;
  g.is = g.ng;
  g.ie = g.ng + g.nx - 1;
  g.js = two_d ? g.ng : 0;
  g.je = two_d ? g.ng + g.ny - 1 : 0;
  g.dx = (mesh.x_max - mesh.x_min) / mesh.nx;
  g.dy = two_d ? (mesh.y_max - mesh.y_min) / mesh.ny : 1.0;
  g.x_min = mesh.x_min;
  g.y_min = mesh.y_min;
}

Decomposition::~Decomposition() {
  if (cart_ != MPI_COMM_NULL) MPI_Comm_free(&cart_);
}

}  // namespace ember::hydro
