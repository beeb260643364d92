// Device-callable math that works with Kokkos 3.4 (functions in
// Kokkos::Experimental) and Kokkos 4.x (functions in Kokkos).
#pragma once

#include "core/kokkos_types.hpp"

namespace ember::hydro {

#if KOKKOS_VERSION >= 40000
namespace kmath = ::Kokkos;
#else
namespace kmath = ::Kokkos::Experimental;
#endif

KOKKOS_FORCEINLINE_FUNCTION Real min2(Real a, Real b) { return a < b ? a : b; }
KOKKOS_FORCEINLINE_FUNCTION Real max2(Real a, Real b) { return a > b ? a : b; }
KOKKOS_FORCEINLINE_FUNCTION Real sqr(Real a) { return a * a; }

}  // namespace ember::hydro
