#include "hydro/evolve.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ember::hydro {

int64_t evolve(Solver& solver, Real& t, Real t_end, int64_t max_steps,
               const std::function<void(const StepInfo&)>& on_step, SourceStep* sources) {
  int64_t n = 0;
  while (t < t_end && n < max_steps) {
    solver.set_time(t);
    solver.refresh();
    Real dt_stable = solver.stable_dt();
    if (sources != nullptr && sources->dt_limit() < dt_stable) dt_stable = sources->dt_limit();
    const Real remaining = t_end - t;
    if (!(dt_stable > 1e-12 * remaining)) {
      std::ostringstream os;
      os << "time step collapsed to " << dt_stable << " s at t = " << t
         << " s (non-physical state or wave speed)";
      throw std::runtime_error(os.str());
    }
    // Land exactly on t_end, and avoid a sliver of a last step.
    const Real dt = dt_stable >= remaining ? remaining
                    : dt_stable > 0.5 * remaining ? 0.5 * remaining : dt_stable;
    if (sources != nullptr) sources->before_hydro(solver);
    solver.advance(dt);
    if (sources != nullptr) sources->after_hydro(solver, dt);
    t = dt == remaining ? t_end : t + dt;
    ++n;
    if (on_step) on_step({n, t, dt});
  }
  return n;
}

}  // namespace ember::hydro
