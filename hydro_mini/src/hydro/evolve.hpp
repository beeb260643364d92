// The time loop without I/O: refresh ghosts, pick the stable step (cut to land
// on t_end), advance. The driver adds output and progress through on_step.
#pragma once

#include "hydro/solver.hpp"

#include <cstdint>
#include <functional>

namespace ember::hydro {

// Operator-split source terms (Lie splitting: hydro over dt, then sources
// over dt on the updated state), such as a closure's reaction rates.
class SourceStep {
 public:
  virtual ~SourceStep() = default;
  // After refresh(): ghosts and primitives of the step's starting state valid.
  virtual void before_hydro(const Solver&) {}
  // Applies the sources over dt to the updated interior.
  virtual void after_hydro(Solver& solver, Real dt) = 0;
  // Largest step the next step may take (the sources' own stability or
  // accuracy limit); +inf for none. Part of the run's state: checkpointed.
  virtual Real dt_limit() const = 0;
};

struct StepInfo {
  int64_t step = 0;  // steps completed
  Real t = 0.0;      // time after the step
  Real dt = 0.0;     // the step just taken
};

// Advances solver from t to t_end (or max_steps steps) and returns the
// number of steps taken; t is updated. Throws std::runtime_error if the time
// step collapses (below 1e-12 of the remaining time), naming the time.
int64_t evolve(Solver& solver, Real& t, Real t_end, int64_t max_steps,
               const std::function<void(const StepInfo&)>& on_step = {},
               SourceStep* sources = nullptr);

}  // namespace ember::hydro
