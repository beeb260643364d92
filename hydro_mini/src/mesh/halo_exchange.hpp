// Non-blocking exchange of ghost cells between neighbouring blocks. Buffers
// are packed and unpacked by Kokkos kernels in the default memory space; MPI
// sees host mirrors (no copy when that space is the host).
#pragma once

#include "mesh/decomposition.hpp"

namespace ember::hydro {

enum class Axis : int { X = 0, Y = 1 };

class HaloExchange {
 public:
  HaloExchange(const Decomposition& decomp, int nvar);

  // Fills the ghost layers of u along one axis from the neighbours. The x
  // exchange covers interior rows; the y exchange whole rows including the x
  // ghosts, so that after X then Y the corner ghosts are right too.
  void exchange(const Array3& u, Axis axis);

 private:
  const Decomposition& decomp_;
  int nvar_;
  // [axis][side]: send and receive buffers and their host mirrors.
  Array1 send_[2][2], recv_[2][2];
  Array1::HostMirror send_h_[2][2], recv_h_[2][2];
};

}  // namespace ember::hydro
