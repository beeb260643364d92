// The constant-volume one-step Arrhenius ODE of a cell that starts unreacted
// at T0, dλ/dt = Z (1 − λ) exp(−T_a / (T0 + (Q/cv) λ)), by classical RK4:
// the reference the chemistry tests compare against.
#pragma once

#include "multiphase/arrhenius.hpp"

namespace ember::hydro::testing {

struct ArrheniusOde {
  Arrhenius a;
  double cv, T0;

  double rhs(double lam) const { return a.rate_constant(T0 + a.Q / cv * lam) * (1.0 - lam); }
  double rk4_step(double lam, double h) const {
    const double k1 = rhs(lam), k2 = rhs(lam + 0.5 * h * k1), k3 = rhs(lam + 0.5 * h * k2),
                 k4 = rhs(lam + h * k3);
    return lam + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  // λ(t) in n RK4 steps from λ = 0 at t = 0.
  double lambda_at(double t, int n) const {
    double lam = 0.0;
    for (int k = 0; k < n; ++k) lam = rk4_step(lam, t / n);
    return lam;
  }
  double temperature(double lam) const { return T0 + a.Q / cv * lam; }
};

}  // namespace ember::hydro::testing
