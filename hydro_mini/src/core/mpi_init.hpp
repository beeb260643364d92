// MPI_Init for hydro_mini's programs.
//
// Open MPI 4.1.4 (Debian 12) uses OMPIO as its default MPI-IO component, and
// its collective writes of non-contiguous hyperslabs (the blocks of a 2D
// decomposition) corrupted checkpoint data in ember's restart tests on 4
// ranks, about 3 runs in 8; with ROMIO every run was exact. Unless the user
// has chosen a component, OMPIO is therefore excluded.
#pragma once

#include <mpi.h>

#include <cstdlib>

namespace ember::hydro {

inline void mpi_init(int* argc, char*** argv) {
#ifdef OPEN_MPI
  setenv("OMPI_MCA_io", "^ompio", 0);  // 0: a user's own choice wins
#endif
  MPI_Init(argc, argv);
}

}  // namespace ember::hydro
