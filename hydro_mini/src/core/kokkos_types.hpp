// Kokkos types used throughout hydro_mini. Everything runs in the default
// execution space; nothing assumes it is the host.
#pragma once

#include <Kokkos_Core.hpp>

namespace ember::hydro {

using Real = double;
using ExecSpace = Kokkos::DefaultExecutionSpace;
using MemSpace = ExecSpace::memory_space;

// Cell arrays are [variable][j][i] with i fastest (x rows contiguous).
using Array3 = Kokkos::View<Real***, Kokkos::LayoutRight, MemSpace>;
using Array2 = Kokkos::View<Real**, Kokkos::LayoutRight, MemSpace>;
using Array1 = Kokkos::View<Real*, MemSpace>;

using TeamPolicy = Kokkos::TeamPolicy<ExecSpace>;
using TeamMember = TeamPolicy::member_type;

}  // namespace ember::hydro
