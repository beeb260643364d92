// The Ignition & Growth rate and its integration over one host step.
#pragma once

#include "ig_params.hpp"

#include <algorithm>
#include <cmath>

namespace ember::ig {

// The two parts of dλ/dt at fixed (ρ, p): the ignition (hot-spot) term and the
// sum of the growth terms.
struct Rate {
  double ignition = 0.0;
  double growth = 0.0;
  double total() const { return ignition + growth; }
};

inline Rate rate(const Params& P, double lambda, double rho, double p) {
  Rate r;
  const double unburnt = 1.0 - lambda;
  const double eta = rho / P.rho0 - 1.0 - P.a;
  if (lambda < P.lambda_ig_max && eta > 0.0)
    r.ignition = P.I * std::pow(unburnt, P.b) * std::pow(eta, P.x);
  // G1 includes its cut-off so that the usual λ_G1,max = λ_G2,min leaves no
  // state at which neither growth term acts (a burn would stall there).
  if (lambda <= P.lambda_g1_max)
    r.growth += P.G1 * std::pow(unburnt, P.c) * std::pow(lambda, P.d) * std::pow(p, P.y);
  if (lambda > P.lambda_g2_min)
    r.growth += P.G2 * std::pow(unburnt, P.e) * std::pow(lambda, P.g) * std::pow(p, P.z);
  return r;
}

struct StepResult {
  double lambda = 0.0;          // λ at the end of the step, in [0, 1]
  double ignited = 0.0;         // λ burnt by the ignition term during the step
  int substeps = 0;
};

// Integrates dλ/dt over dt at fixed (ρ, p) with Heun's method, sub-stepping so
// that λ moves by at most P.max_dlambda_substep per sub-step. Each sub-step
// advances λ by at least half that bound unless it ends the step, so the
// count stays below 2/max_dlambda_substep + 2 whatever the stiffness.
inline StepResult integrate(const Params& P, double lambda0, double rho, double p, double dt) {
  StepResult s;
  double lam = lambda0;
  double t = 0.0;
  while (t < dt && lam < 1.0) {
    const Rate r0 = rate(P, lam, rho, p);
    const double f0 = r0.total();
    if (f0 <= 0.0) break;  // nothing burns at this state for the rest of the step
    const double h = std::min(dt - t, P.max_dlambda_substep / f0);
    const double lam_pred = std::min(1.0, lam + h * f0);
    const Rate r1 = rate(P, lam_pred, rho, p);
    const double dlam = 0.5 * h * (f0 + r1.total());
    const double dign = 0.5 * h * (r0.ignition + r1.ignition);
    const double lam_next = std::min(1.0, lam + dlam);
    // Share the clamp between the two terms in proportion.
    s.ignited += dlam > 0.0 ? dign * (lam_next - lam) / dlam : 0.0;
    lam = lam_next;
    t = (h == dt - t) ? dt : t + h;
    ++s.substeps;
  }
  s.lambda = lam;
  return s;
}

}  // namespace ember::ig
