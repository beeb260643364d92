#include "hydro/solver.hpp"

#include "core/par_for.hpp"
#include "hydro/muscl_hancock.hpp"
#include "hydro/rsolvers/hll.hpp"
#include "hydro/rsolvers/hllc.hpp"
#include "hydro/variables.hpp"

#include <stdexcept>

namespace ember::hydro {
namespace {

std::array<bool, 2> periodic_axes(const Boundaries& b) {
  const auto per = [&](Side s) { return b[s].kind == BcKind::Periodic; };
  if (per(kXlo) != per(kXhi) || per(kYlo) != per(kYhi))
    throw std::invalid_argument("a periodic boundary needs its opposite side periodic too");
  return {per(kXlo), per(kYlo)};
}

template <class Eos, class RSolver>
class SolverT final : public Solver {
 public:
  SolverT(MPI_Comm comm, const SolverConfig& cfg, const Eos& eos)
      : Solver(comm, cfg), eos_(eos), scheme_(eos, cfg.limiter), work_(geom(), nvar_, MusclHancock<Eos, RSolver>::kCache) {}

  void advance(Real dt) override { scheme_.step(geom(), nvar_, u_, work_, dt); }
  const Array3& primitives() const override { return work_.w; }
  const Array2& sound_speed() const override { return work_.cs; }

  void temperature(const Array2& out) const override {
    const BlockGeometry& g = geom();
    const Eos eos = eos_;
    const auto w = work_.w;
    const int is = g.is, js = g.js, nvar = nvar_;
    par_for("hydro::temperature", g.js, g.je, g.is, g.ie, KOKKOS_LAMBDA(int j, int i) {
      const Real rho = w(IDN, j, i);
      const Real lam = nvar > NHYDRO ? w(NHYDRO, j, i) : 0.0;
      out(j - js, i - is) = eos.temperature(rho, eos.energy(rho, w(IPR, j, i), lam), lam);
    });
  }

 protected:
  void primitives_from_conserved() override {
    conserved_to_primitive(eos_, geom(), nvar_, u_, work_.w, work_.cs);
  }
  Real block_stable_dt() const override { return block_dt(geom(), work_.w, work_.cs, cfg_.cfl); }

 private:
  Eos eos_;
  MusclHancock<Eos, RSolver> scheme_;
  HydroWork work_;
};

}  // namespace

Solver::Solver(MPI_Comm comm, const SolverConfig& cfg)
    : cfg_(cfg),
      decomp_(comm, cfg.mesh, periodic_axes(cfg.bcs), cfg.ranks_x, cfg.ranks_y),
      nvar_(NHYDRO + cfg.nscalar),
      u_("u", nvar_, decomp_.geometry().ny_tot, decomp_.geometry().nx_tot),
      halo_(decomp_, nvar_) {}

void Solver::refresh() {
  halo_.exchange(u_, Axis::X);
  apply_boundaries(decomp_, cfg_.bcs, u_, nvar_, Axis::X, time_);
  if (geom().two_d) {
    halo_.exchange(u_, Axis::Y);
    apply_boundaries(decomp_, cfg_.bcs, u_, nvar_, Axis::Y, time_);
  }
  primitives_from_conserved();
}

Real Solver::stable_dt() const {
  const Real local = block_stable_dt();
  Real global = local;
  MPI_Allreduce(&local, &global, 1, MPI_DOUBLE, MPI_MIN, decomp_.comm());
  return global;
}

Totals Solver::totals() const {
  const BlockGeometry& g = geom();
  const auto u = u_;
  Real local[5] = {0, 0, 0, 0, 0};
  // Rows are summed in a fixed order on the host so that the result does not
  // depend on the backend's reduction order.
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), u);
  const Real vol = g.volume();
  for (int j = g.js; j <= g.je; ++j)
    for (int i = g.is; i <= g.ie; ++i) {
      local[0] += h(IDN, j, i) * vol;
      local[1] += h(IM1, j, i) * vol;
      local[2] += h(IM2, j, i) * vol;
      local[3] += h(IEN, j, i) * vol;
      if (nvar_ > NHYDRO) local[4] += h(NHYDRO, j, i) * vol;
    }
  Real global[5];
  MPI_Allreduce(local, global, 5, MPI_DOUBLE, MPI_SUM, decomp_.comm());
  return {global[0], global[1], global[2], global[3], global[4]};
}

std::vector<Real> Solver::gather(const Array3& a, int var) const {
  const BlockGeometry& g = geom();
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  std::vector<Real> mine;
  mine.reserve(static_cast<size_t>(g.nx) * g.ny);
  for (int j = g.js; j <= g.je; ++j)
    for (int i = g.is; i <= g.ie; ++i) mine.push_back(h(var, j, i));
  const int n_ranks = decomp_.size();
  const int me = decomp_.rank();
  std::vector<int> counts(n_ranks), boxes(4 * n_ranks);
  const int my_box[4] = {g.gi0, g.gj0, g.nx, g.ny};
  const int my_count = static_cast<int>(mine.size());
  MPI_Gather(&my_count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, decomp_.comm());
  MPI_Gather(my_box, 4, MPI_INT, boxes.data(), 4, MPI_INT, 0, decomp_.comm());
  std::vector<int> displ(n_ranks, 0);
  for (int r = 1; r < n_ranks; ++r) displ[r] = displ[r - 1] + counts[r - 1];
  std::vector<Real> all(me == 0 ? static_cast<size_t>(cfg_.mesh.nx) * cfg_.mesh.ny : 0);
  std::vector<Real> packed(all.size());
  MPI_Gatherv(mine.data(), my_count, MPI_DOUBLE, packed.data(), counts.data(), displ.data(),
              MPI_DOUBLE, 0, decomp_.comm());
  if (me != 0) return {};
  for (int r = 0; r < n_ranks; ++r) {
    const int gi0 = boxes[4 * r], gj0 = boxes[4 * r + 1], nx = boxes[4 * r + 2], ny = boxes[4 * r + 3];
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        all[static_cast<size_t>(gj0 + j) * cfg_.mesh.nx + gi0 + i] =
            packed[static_cast<size_t>(displ[r]) + static_cast<size_t>(j) * nx + i];
  }
  return all;
}

std::unique_ptr<Solver> make_solver(MPI_Comm comm, const SolverConfig& cfg) {
  return std::visit(
      [&](const auto& eos) -> std::unique_ptr<Solver> {
        using Eos = std::decay_t<decltype(eos)>;
        if (cfg.riemann == "hllc") return std::make_unique<SolverT<Eos, Hllc>>(comm, cfg, eos);
        if (cfg.riemann == "hll") return std::make_unique<SolverT<Eos, Hll>>(comm, cfg, eos);
        throw std::invalid_argument("unknown Riemann solver '" + cfg.riemann + "' (hllc or hll)");
      },
      cfg.eos);
}

}  // namespace ember::hydro
