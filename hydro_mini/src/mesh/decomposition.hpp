// Cartesian domain decomposition of the global grid over MPI ranks.
#pragma once

#include "hydro/block_geometry.hpp"

#include <mpi.h>

#include <array>

namespace ember::hydro {

struct GlobalMesh {
  int nx = 0, ny = 1;
  Real x_min = 0.0, x_max = 1.0, y_min = 0.0, y_max = 1.0;
  bool two_d() const { return ny > 1; }
};

enum Side : int { kXlo = 0, kXhi = 1, kYlo = 2, kYhi = 3 };

class Decomposition {
 public:
  // ranks_x, ranks_y: the process grid, 0 to let MPI_Dims_create choose.
  // Periodic directions wrap, so their neighbours exist on every rank.
  Decomposition(MPI_Comm comm, const GlobalMesh& mesh, std::array<bool, 2> periodic,
                int ranks_x = 0, int ranks_y = 0);
  ~Decomposition();
  Decomposition(const Decomposition&) = delete;
  Decomposition& operator=(const Decomposition&) = delete;

  MPI_Comm comm() const { return cart_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  const std::array<int, 2>& dims() const { return dims_; }
  const std::array<int, 2>& coords() const { return coords_; }
  // Neighbour rank across a side, MPI_PROC_NULL at a non-periodic edge.
  int neighbour(Side s) const { return nbr_[s]; }
  bool at_domain_edge(Side s) const { return nbr_[s] == MPI_PROC_NULL; }
  const BlockGeometry& geometry() const { return geom_; }
  const GlobalMesh& mesh() const { return mesh_; }

 private:
  GlobalMesh mesh_;
  MPI_Comm cart_ = MPI_COMM_NULL;
  int rank_ = 0, size_ = 1;
  std::array<int, 2> dims_{1, 1}, coords_{0, 0};
  std::array<int, 4> nbr_{};
  BlockGeometry geom_;
};

// Cells of a split of n cells over p parts: part k holds count(k) cells
// starting at first(k); the first n % p parts hold one more.
inline int split_count(int n, int p, int k) { return n / p + (k < n % p ? 1 : 0); }
inline int split_first(int n, int p, int k) { return k * (n / p) + (k < n % p ? k : n % p); }

}  // namespace ember::hydro
