// The two-material resolved-void solver: the five-equation model (see
// five_eq_variables.hpp) on the hydro_mini mesh, with MUSCL reconstruction of
// (λ, ρ1, ρ2, u, v, p, α1), the five-equation HLLC flux, second-order SSP
// Runge–Kutta in time, and — operator split after each step — one-step
// Arrhenius chemistry of phase 1 at its own temperature. Heat conduction in
// phase 1 enters the energy flux.
//
// It is a Solver, so the time loop, halo exchange, boundaries, totals and
// gathers of the single-material code serve it unchanged.
#pragma once

#include "eos/two_phase.hpp"
#include "hydro/solver.hpp"
#include "multiphase/arrhenius.hpp"
#include "multiphase/five_eq_variables.hpp"

#include <functional>
#include <memory>
#include <variant>

namespace ember::hydro {

// The material pairs the five-equation solver is compiled for: an explosive
// (Mie–Grüneisen) or water (stiffened gas) with an ideal gas.
using HmxGas = TwoPhase<MieGruneisen, IdealGas>;
using WaterGas = TwoPhase<StiffenedGas, IdealGas>;
using MaterialPair = std::variant<HmxGas, WaterGas>;

struct FiveEqConfig {
  GlobalMesh mesh;
  Boundaries bcs;
  MaterialPair materials = HmxGas{};
  Limiter limiter = Limiter::VanLeer;
  Real cfl = 0.4;
  int ranks_x = 0, ranks_y = 0;
  bool reactive = false;            // Arrhenius chemistry in phase 1
  Arrhenius chemistry;
  Real conductivity = 0.0;          // W/(m K) of phase 1; 0 = no conduction
  // Phase 1 reacts only where α1 reaches this: below it the cell is gas with
  // a trace of explosive, whose temperature is not meaningful.
  Real react_min_alpha = 0.01;
};

// State of one cell, for initialisation.
struct MixedCell {
  Real alpha1 = 1.0;       // volume fraction of phase 1 (clamped to [ε, 1 − ε])
  Real rho1 = 0.0, rho2 = 0.0;  // phase densities, kg/m³
  Real u = 0.0, v = 0.0, p = 0.0;
  Real lambda = 0.0;       // reaction progress of phase 1
};

// Fields of the interior cells (FiveEqSolver::fields), [field][j][i] with ghosts.
enum MixedField : int {
  F_T = 0,    // temperature of the majority phase (phase 1 where α1 ≥ 1/2), K
  F_T1,       // phase 1 temperature, K (0 where α1 < 1e-3: undefined)
  F_T2,       // phase 2 temperature, K
  F_P,        // pressure, Pa
  F_A1,       // α1
  F_LAM,      // λ
  F_U, F_V,   // velocity, m/s
  F_R1,       // phase 1 density, kg/m³
  F_RHO,      // mixture density, kg/m³
  N_MIXED_FIELDS
};

class FiveEqSolver : public Solver {
 public:
  FiveEqSolver(MPI_Comm comm, const SolverConfig& base, const FiveEqConfig& cfg)
      : Solver(comm, base), mcfg_(cfg) {}
  const FiveEqConfig& five_eq_config() const { return mcfg_; }

  // Sets every interior cell from f(x0, x1, y0, y1), the cell's bounds.
  virtual void initialise(const std::function<MixedCell(Real, Real, Real, Real)>& f) = 0;
  // Fills out [N_MIXED_FIELDS][ny_tot][nx_tot] in the interior from the
  // current conserved state (ghosts need not be filled).
  virtual void fields(const Array3& out) const = 0;

 protected:
  FiveEqConfig mcfg_;
};

// Throws std::invalid_argument for an inconsistent configuration.
std::unique_ptr<FiveEqSolver> make_five_eq_solver(MPI_Comm comm, const FiveEqConfig& cfg);

}  // namespace ember::hydro
