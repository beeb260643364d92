#include "bc/boundary.hpp"

#include "core/par_for.hpp"
#include "hydro/variables.hpp"

#include <stdexcept>

namespace ember::hydro {

BcKind bc_kind_from_name(const std::string& name) {
  if (name == "outflow") return BcKind::Outflow;
  if (name == "reflect") return BcKind::Reflect;
  if (name == "periodic") return BcKind::Periodic;
  if (name == "piston") return BcKind::Piston;
  throw std::invalid_argument("unknown boundary '" + name +
                              "' (one of outflow, reflect, periodic, piston)");
}

const char* bc_kind_name(BcKind kind) {
  switch (kind) {
    case BcKind::Outflow: return "outflow";
    case BcKind::Reflect: return "reflect";
    case BcKind::Periodic: return "periodic";
    case BcKind::Piston: return "piston";
  }
  return "?";
}

namespace {

// Ghost layer k (0 = next to the edge) of a side takes its state from source
// cell src(k): the edge cell for outflow, the mirror cell otherwise.
void fill_side(const BlockGeometry& g, const FaceBc& bc, Side side, const Array3& u, int nvar,
               Real t) {
  const bool x = side == kXlo || side == kXhi;
  const bool lo = side == kXlo || side == kYlo;
  const int first_in = x ? (lo ? g.is : g.ie) : (lo ? g.js : g.je);
  const int step_out = lo ? -1 : 1;  // from the edge cell outward
  const int in = x ? IM1 : IM2;
  const BcKind kind = bc.kind;
  // Velocity of the wall along the axis: into the domain is +x at xlo, -x at xhi.
  const bool moving = kind == BcKind::Piston && t < bc.piston_stop;
  const Real u_wall = moving ? (lo ? bc.piston_speed : -bc.piston_speed) : 0.0;
  const int jl = x ? g.js : 0, ju = x ? g.je : g.ng - 1;
  const int il = 0, iu = x ? g.ng - 1 : g.nx_tot - 1;
  par_for("bc::fill", jl, ju, il, iu, KOKKOS_LAMBDA(int a, int b) {
    // (a, b) = (row, layer) for x sides, (layer, column) for y sides
    const int k = x ? b : a;
    const int ghost = first_in + step_out * (k + 1);
    const int src = kind == BcKind::Outflow ? first_in : first_in - step_out * k;
    const int gj = x ? a : ghost, gi = x ? ghost : b;
    const int sj = x ? a : src, si = x ? src : b;
    for (int n = 0; n < nvar; ++n) u(n, gj, gi) = u(n, sj, si);
    if (kind == BcKind::Reflect || kind == BcKind::Piston) {
      const Real rho = u(IDN, sj, si);
      const Real un = u(in, sj, si) / rho;
      const Real un_ghost = 2.0 * u_wall - un;
      u(in, gj, gi) = rho * un_ghost;
      u(IEN, gj, gi) = u(IEN, sj, si) + 0.5 * rho * (un_ghost * un_ghost - un * un);
    }
  });
}

}  // namespace

void apply_boundaries(const Decomposition& decomp, const Boundaries& bcs, const Array3& u, int nvar,
                      Axis axis, Real t) {
  const BlockGeometry& g = decomp.geometry();
  if (axis == Axis::Y && !g.two_d) return;
  const Side sides[2] = {axis == Axis::X ? kXlo : kYlo, axis == Axis::X ? kXhi : kYhi};
  for (const Side s : sides) {
    if (!decomp.at_domain_edge(s)) continue;
    if (bcs[s].kind == BcKind::Periodic)
      throw std::logic_error("periodic side without a periodic decomposition");
    fill_side(g, bcs[s], s, u, nvar, t);
  }
}

}  // namespace ember::hydro
