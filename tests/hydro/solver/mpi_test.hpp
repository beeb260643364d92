// Helpers for tests run under mpiexec with mpi_kokkos_main.cpp.
#pragma once

#include <mpi.h>

namespace ember::hydro::testing {

inline int world_rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

}  // namespace ember::hydro::testing
