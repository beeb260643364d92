// Geometry of one rank's block: index ranges with ghost cells and cell
// coordinates. Plain data, copied into every kernel.
#pragma once

#include "core/kokkos_types.hpp"

namespace ember::hydro {

struct BlockGeometry {
  int nx = 0, ny = 0;          // interior cells of the block
  int ng = 2;                  // ghost layers (PLM needs two)
  int nx_tot = 0, ny_tot = 0;  // with ghosts; ny_tot = 1 in 1D
  int is = 0, ie = -1, js = 0, je = -1;
  int gi0 = 0, gj0 = 0;        // global index of the first interior cell
  bool two_d = false;
  Real dx = 0.0, dy = 1.0;
  Real x_min = 0.0, y_min = 0.0;  // lower corner of the global domain

  KOKKOS_INLINE_FUNCTION Real xc(int i) const { return x_min + (gi0 + i - is + 0.5) * dx; }
  KOKKOS_INLINE_FUNCTION Real yc(int j) const {
    return two_d ? y_min + (gj0 + j - js + 0.5) * dy : 0.0;
  }
  // Cell volume (area in 2D, length in 1D).
  KOKKOS_INLINE_FUNCTION Real volume() const { return two_d ? dx * dy : dx; }
};

}  // namespace ember::hydro
