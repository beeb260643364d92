// The hydro state of one rank and the operations the driver needs, behind an
// interface so that the driver, the I/O and the tests need no templates; the
// kernels underneath are compiled per EOS and Riemann solver.
#pragma once

#include "bc/boundary.hpp"
#include "eos/eos.hpp"
#include "hydro/limiters.hpp"
#include "mesh/decomposition.hpp"
#include "mesh/halo_exchange.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ember::hydro {

struct SolverConfig {
  GlobalMesh mesh;
  Boundaries bcs;
  AnyEos eos = IdealGas{};
  std::string riemann = "hllc";  // hllc | hll
  Limiter limiter = Limiter::VanLeer;
  int nscalar = 0;               // passive scalars (mass fractions)
  Real cfl = 0.8;
  int ranks_x = 0, ranks_y = 0;  // process grid, 0 = chosen by MPI
};

// Totals over the whole domain (all ranks), for history and conservation.
struct Totals {
  Real mass = 0.0, momentum_x = 0.0, momentum_y = 0.0, energy = 0.0;
  Real burned_mass = 0.0;  // mass of products (scalar 0 = λ), 0 without scalars
};

class Solver {
 public:
  Solver(MPI_Comm comm, const SolverConfig& cfg);
  virtual ~Solver() = default;
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;

  const SolverConfig& config() const { return cfg_; }
  const Decomposition& decomp() const { return decomp_; }
  const BlockGeometry& geom() const { return decomp_.geometry(); }
  int nvar() const { return nvar_; }
  // Conserved variables [var][j][i], ghosts included.
  const Array3& conserved() const { return u_; }

  // Time of the state, for time-dependent boundaries (a piston that halts).
  void set_time(Real t) { time_ = t; }
  Real time() const { return time_; }
  // Fills the ghosts of the conserved variables (halo exchange and boundary
  // conditions at time()) and recomputes primitives and sound speed everywhere.
  void refresh();
  // Largest stable step over all ranks; call after refresh().
  Real stable_dt() const;
  // Advances by dt; call after refresh(). Leaves ghosts and primitives stale.
  virtual void advance(Real dt) = 0;
  // Recomputes primitives from the conserved variables without filling
  // ghosts: the interior is then current (the ghosts' values are not).
  void recompute_primitives() { primitives_from_conserved(); }

  // Primitives [var][j][i] and sound speed as of the last refresh().
  virtual const Array3& primitives() const = 0;
  virtual const Array2& sound_speed() const = 0;
  // Temperature of the interior cells (K) into out [j][i] (block-sized, no ghosts).
  virtual void temperature(const Array2& out) const = 0;

  Totals totals() const;
  // Interior of variable `var` of u (conserved) or w (primitive) over the
  // whole domain, gathered to rank 0 in global [j][i] order (empty elsewhere).
  std::vector<Real> gather(const Array3& a, int var) const;

 protected:
  virtual void primitives_from_conserved() = 0;
  virtual Real block_stable_dt() const = 0;

  SolverConfig cfg_;
  Decomposition decomp_;
  int nvar_;
  Array3 u_;
  HaloExchange halo_;
  Real time_ = 0.0;
};

std::unique_ptr<Solver> make_solver(MPI_Comm comm, const SolverConfig& cfg);

}  // namespace ember::hydro
