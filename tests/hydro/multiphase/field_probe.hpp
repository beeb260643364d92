// Domain-wide maxima and integrals of the five-equation solver's fields, the
// same on every rank: tests that follow a quantity step by step (the gas
// volume of a collapsing bubble, the hottest cell) read them without
// gathering the whole field to one rank.
#pragma once

#include "multiphase/five_eq_solver.hpp"

#include <mpi.h>

#include <algorithm>

namespace ember::hydro::testing {

class FieldProbe {
 public:
  explicit FieldProbe(const FiveEqSolver& s)
      : s_(s), f_("probe", N_MIXED_FIELDS, s.geom().ny_tot, s.geom().nx_tot),
        h_(Kokkos::create_mirror_view(f_)) {}

  // Reads the fields of the solver's current state.
  void update() {
    s_.fields(f_);
    Kokkos::deep_copy(h_, f_);
  }

  double max(int field) const {
    double m = -1e300;
    for_interior([&](int j, int i) { m = std::max(m, h_(field, j, i)); });
    double all = m;
    MPI_Allreduce(&m, &all, 1, MPI_DOUBLE, MPI_MAX, s_.decomp().comm());
    return all;
  }

  // ∫ g(field) dV over the domain (dV an area in 2D, a length in 1D).
  template <class G>
  double integral(int field, const G& g) const {
    double sum = 0.0;
    for_interior([&](int j, int i) { sum += g(h_(field, j, i)); });
    sum *= s_.geom().volume();
    double all = sum;
    MPI_Allreduce(&sum, &all, 1, MPI_DOUBLE, MPI_SUM, s_.decomp().comm());
    return all;
  }

 private:
  template <class F>
  void for_interior(const F& f) const {
    const BlockGeometry& g = s_.geom();
    for (int j = g.js; j <= g.je; ++j)
      for (int i = g.is; i <= g.ie; ++i) f(j, i);
  }

  const FiveEqSolver& s_;
  Array3 f_;
  Array3::HostMirror h_;
};

}  // namespace ember::hydro::testing
