#include "hydro/diagnostics.hpp"

#include "core/par_for.hpp"
#include "hydro/variables.hpp"

#include <cmath>

namespace ember::hydro {

double leading_front(const Solver& solver, double p_ref, double threshold) {
  const BlockGeometry g = solver.geom();
  const Array3 w = solver.primitives();
  // min of -x over the cells past the threshold = -(max x)
  const double neg = par_min("diag::front", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
    return kmath::fabs(w(IPR, j, i) - p_ref) > threshold ? -g.xc(i) : HUGE_VAL;
  });
  const double local = -neg;
  double global = local;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MAX, solver.decomp().comm());
  return global;
}

double peak_pressure(const Solver& solver) {
  const BlockGeometry g = solver.geom();
  const Array3 w = solver.primitives();
  const double local = -par_min("diag::peak", g.js, g.je, g.is, g.ie,
                                KOKKOS_LAMBDA(int j, int i) { return -w(IPR, j, i); });
  double global = local;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MAX, solver.decomp().comm());
  return global;
}

}  // namespace ember::hydro
