#include "init/initial_conditions.hpp"

#include "hydro/variables.hpp"

#include <cmath>
#include <stdexcept>

namespace ember::hydro {

void set_state(Solver& solver, const std::function<PrimitiveState(Real x, Real y)>& state) {
  const BlockGeometry& g = solver.geom();
  const int nscalar = solver.nvar() - NHYDRO;
  auto h = Kokkos::create_mirror_view(solver.conserved());
  for (int j = g.js; j <= g.je; ++j)
    for (int i = g.is; i <= g.ie; ++i) {
      const PrimitiveState s = state(g.xc(i), g.yc(j));
      if (static_cast<int>(s.scalars.size()) != nscalar)
        throw std::invalid_argument("initial state has " + std::to_string(s.scalars.size()) +
                                    " scalars, the run has " + std::to_string(nscalar));
      const Real lam = nscalar > 0 ? s.scalars[0] : 0.0;
      const Real e = std::visit([&](const auto& eos) { return eos.energy(s.rho, s.p, lam); },
                                solver.config().eos);
      h(IDN, j, i) = s.rho;
      h(IM1, j, i) = s.rho * s.u;
      h(IM2, j, i) = s.rho * s.v;
      h(IEN, j, i) = s.rho * (e + 0.5 * (s.u * s.u + s.v * s.v));
      for (int k = 0; k < nscalar; ++k) h(NHYDRO + k, j, i) = s.rho * s.scalars[k];
    }
  Kokkos::deep_copy(solver.conserved(), h);
}

void set_riemann_problem(Solver& solver, Direction dir, Real x0, const PrimitiveState& left,
                         const PrimitiveState& right) {
  const Real r2 = 1.0 / std::sqrt(2.0);
  set_state(solver, [&](Real x, Real y) {
    const Real s = dir == Direction::X ? x : dir == Direction::Y ? y : (x + y) * r2;
    PrimitiveState st = s < x0 ? left : right;
    const Real un = st.u;
    if (dir == Direction::Y) {
      st.u = st.v;
      st.v = un;
    } else if (dir == Direction::Diagonal) {
      st.u = un * r2;
      st.v = un * r2;
    }
    return st;
  });
}

}  // namespace ember::hydro
