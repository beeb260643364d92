#include "eos/chapman_jouguet.hpp"

#include <cmath>
#include <stdexcept>

namespace ember::hydro {
namespace {

// Only the ends of a bracket are kept off the singular limits by this much.
constexpr double kEndOffset = 1e-9;
constexpr double kRelTol = 1e-12;

// The products' Hugoniot from (v0, e0 = 0, p0). With p = p_ref(ρ0_g v) +
// (ω/v)(e + q) linear in e and e = (p + p0)(v0 - v)/2 it is explicit:
//   p(v) = N(v)/M(v),  N = p_ref + (ω/v)(q + p0 (v0 - v)/2),
//                      M = 1 - ω (v0 - v)/(2v),
// for v > v_min = ω v0/(2 + ω), where M vanishes.
struct ProductsHugoniot {
  const Jwl& g;
  double q, v0, p0;

  KOKKOS_INLINE_FUNCTION double v_min() const { return g.omega * v0 / (2.0 + g.omega); }
  KOKKOS_INLINE_FUNCTION double pressure(double v) const {
    const double n = g.p_ref(g.rho0 * v) + g.omega / v * (q + 0.5 * p0 * (v0 - v));
    return n / (1.0 - 0.5 * g.omega * (v0 - v) / v);
  }
  KOKKOS_INLINE_FUNCTION double dpressure_dv(double v) const {
    const double m = 1.0 - 0.5 * g.omega * (v0 - v) / v;
    const double dn = g.rho0 * g.dp_ref_dV(g.rho0 * v) - g.omega / (v * v) * (q + 0.5 * p0 * v0);
    const double dm = 0.5 * g.omega * v0 / (v * v);
    return (dn - pressure(v) * dm) / m;
  }
  // D² = v0² (p - p0)/(v0 - v) has d(D²)/dv of the sign of this: zero where
  // the Rayleigh line is tangent. Root-finding it locates the minimum to
  // round-off, where a search on D² itself would stop at sqrt(eps).
  KOKKOS_INLINE_FUNCTION double operator()(double v) const {
    return pressure(v) - p0 + (v0 - v) * dpressure_dv(v);
  }
};

// The solid's Rankine–Hugoniot energy equation at the given shock pressure,
// as a residual in v: p(v, e = p (v0 - v)/2) - p.
struct SolidHugoniotResidual {
  const MieGruneisen& s;
  double v0, p;
  KOKKOS_INLINE_FUNCTION double operator()(double v) const {
    return s.pressure(1.0 / v, 0.5 * p * (v0 - v), 0.0) - p;
  }
};

}  // namespace

CjState chapman_jouguet(const ReactiveMixture& m, double rho0, double p0) {
  const double v0 = 1.0 / rho0;
  const ProductsHugoniot h{m.products, m.q, v0, p0};
  const double lo = h.v_min() * (1.0 + kEndOffset), hi = v0 * (1.0 - kEndOffset);
  const double flo = h(lo), fhi = h(hi);
  if (!(flo < 0.0 && fhi > 0.0))
    throw std::invalid_argument("chapman_jouguet: the products' Hugoniot has no CJ point");
  const double v = detail::brent_root(h, lo, hi, flo, fhi, kRelTol);
  const double p = h.pressure(v);
  return CjState{v0 * std::sqrt((p - p0) / (v0 - v)), p, 1.0 / v, std::sqrt((p - p0) * (v0 - v)),
                 0.5 * (p + p0) * (v0 - v)};
}

ShockState unreacted_shock(const ReactiveMixture& m, double rho0, double p_shock) {
  if (!(p_shock > 0.0)) throw std::invalid_argument("unreacted_shock: p_shock must be > 0");
  const double v0 = 1.0 / rho0;
  const SolidHugoniotResidual r{m.solid, v0, p_shock};
  const double eta_max = m.solid.s > 1.0 ? 1.0 / m.solid.s : 1.0;
  const double lo = (1.0 - eta_max * (1.0 - kEndOffset)) / m.solid.rho0;
  const double flo = r(lo), fhi = r(v0);
  if (!(lo < v0 && flo > 0.0 && fhi < 0.0))
    throw std::invalid_argument("unreacted_shock: no state on the solid's Hugoniot at p_shock");
  const double v = detail::brent_root(r, lo, v0, flo, fhi, kRelTol);
  const double up = std::sqrt(p_shock * (v0 - v));
  return ShockState{v0 * std::sqrt(p_shock / (v0 - v)), up, 1.0 / v, 0.5 * up * up};
}

}  // namespace ember::hydro
