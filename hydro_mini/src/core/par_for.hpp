// The one loop construct of hydro_mini: a 2D cell loop over [jl, ju] x [il, iu]
// (inclusive), one team per row and vector lanes along the row. On a CPU the
// inner loop is a plain, vectorisable loop over contiguous memory; on a GPU
// rows map to blocks and i to threads.
#pragma once

#include "core/kokkos_types.hpp"

#include <string>

namespace ember::hydro {

template <class F>
void par_for(const std::string& name, int jl, int ju, int il, int iu, const F& f) {
  const int rows = ju - jl + 1;
  if (rows <= 0 || iu < il) return;
  Kokkos::parallel_for(
      name, TeamPolicy(rows, Kokkos::AUTO), KOKKOS_LAMBDA(const TeamMember& member) {
        const int j = jl + member.league_rank();
        Kokkos::parallel_for(Kokkos::TeamVectorRange(member, il, iu + 1),
                             [&](const int i) { f(j, i); });
      });
}

// Minimum of f(j, i) over the same index range.
template <class F>
Real par_min(const std::string& name, int jl, int ju, int il, int iu, const F& f) {
  Real result = Kokkos::reduction_identity<Real>::min();
  const int rows = ju - jl + 1;
  if (rows <= 0 || iu < il) return result;
  Kokkos::parallel_reduce(
      name, TeamPolicy(rows, Kokkos::AUTO),
      KOKKOS_LAMBDA(const TeamMember& member, Real& team_min) {
        const int j = jl + member.league_rank();
        Real row_min = Kokkos::reduction_identity<Real>::min();
        Kokkos::parallel_reduce(
            Kokkos::TeamVectorRange(member, il, iu + 1),
            [&](const int i, Real& m) { const Real v = f(j, i);
              m = v < m ? v : m; }, Kokkos::Min<Real>(row_min));
        Kokkos::single(Kokkos::PerTeam(member), [&] { team_min = row_min < team_min ? row_min : team_min; });
      },
      Kokkos::Min<Real>(result));
  return result;
}

}  // namespace ember::hydro
