// The closure plugin in hydro_mini's reactive mode. After each hydro step the
// active cells (shocked above a pressure threshold and not fully reacted) are
// gathered into structure-of-arrays batches, the plugin's batched evaluate is
// called with each cell's own state (held here, in hydro_mini's arrays, and
// written to checkpoints), and the reaction rate advances ρλ over the step.
//
// The heat of reaction lives in the mixture EOS (the products' energy carries
// q), so the plugin's energy_source is not added to E: that would count the
// chemical energy twice.
#pragma once

#include "hydro/evolve.hpp"
#include "io/snapshot.hpp"

#include "ember/closure.hpp"

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace ember::hydro {

struct ClosureConfig {
  std::string plugin;             // path of the plugin shared object
  std::string model;              // path of its model file
  double active_pressure = 1e8;   // Pa: cells above this pressure (and λ < 1) are evaluated
  double porosity = 0.0;          // offered to plugins that take it
};

// Global counts of the last step, for progress lines and history.
struct ClosureCounters {
  long long active = 0;
  long long clamped = 0;
};

class ClosureCoupling final : public SourceStep {
 public:
  // Loads the plugin and model, maps the model's inputs to hydro_mini fields
  // by standard name (a required input hydro_mini cannot supply is an error
  // naming it) and initialises every cell's state.
  ClosureCoupling(const ClosureConfig& cfg, const Solver& solver);

  void before_hydro(const Solver& solver) override;
  void after_hydro(Solver& solver, Real dt) override;
  Real dt_limit() const override { return dt_limit_; }

  const ember::Model& model() const { return *model_; }
  const ClosureCounters& counters() const { return counters_; }

  // Per-cell fields for snapshots: the last reaction rate, hotspot outputs if
  // the model has them, and the state values.
  std::vector<NamedField> snapshot_fields() const;
  // The state for checkpoints (one field per state value) and back.
  std::vector<NamedField> checkpoint_fields() const;
  void restore(const std::vector<std::vector<double>>& state, Real dt_limit);
  std::vector<std::string> checkpoint_names() const;

 private:
  enum class Source { Density, Pressure, Progress, Energy, Temperature, Divergence, Porosity, None };

  ClosureConfig cfg_;
  const BlockGeometry geom_;
  MPI_Comm comm_;
  std::unique_ptr<ember::Model> model_;
  ember::Workspace ws_;
  std::vector<Source> sources_;                 // per model input
  size_t n_cells_;                              // interior cells of the block
  std::vector<double> state_;                   // [n_state][n_cells]
  std::vector<std::vector<double>> outputs_;    // [n_outputs][n_cells], last step
  Array2 divergence_;                           // ∇·u at the step start, interior
  Array2 temperature_;                          // interior, when a model asks for it
  Real dt_limit_ = HUGE_VAL;
  ClosureCounters counters_;
};

}  // namespace ember::hydro
