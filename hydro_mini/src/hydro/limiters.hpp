// Slope limiters for the piecewise-linear reconstruction: given the left and
// right one-sided differences, the limited slope (zero at extrema).
#pragma once

#include "core/math.hpp"

namespace ember::hydro {

enum class Limiter : int { Minmod = 0, VanLeer = 1, MonotonizedCentral = 2 };

KOKKOS_INLINE_FUNCTION Real limited_slope(Limiter lim, Real dl, Real dr) {
  if (dl * dr <= 0.0) return 0.0;
  switch (lim) {
    case Limiter::Minmod:
      return kmath::fabs(dl) < kmath::fabs(dr) ? dl : dr;
    case Limiter::VanLeer:
      return 2.0 * dl * dr / (dl + dr);
    case Limiter::MonotonizedCentral: {
      const Real c = 0.5 * (dl + dr);
      const Real m = 2.0 * (kmath::fabs(dl) < kmath::fabs(dr) ? dl : dr);
      return kmath::fabs(c) < kmath::fabs(m) ? c : m;
    }
  }
  return 0.0;
}

}  // namespace ember::hydro
