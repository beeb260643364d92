// Exact solution of the Riemann problem for the 1D Euler equations with a
// stiffened-gas EOS: the reference answer of the hydro_mini verification tests.
//
// Method: Toro, "Riemann Solvers and Numerical Methods for Fluid Dynamics"
// (3rd ed., ch. 4). The stiffened gas behaves like an ideal gas in the shifted
// pressure P = p + p_inf (sound speed c^2 = gamma P / rho, isentropes
// P / rho^gamma = const, the same Hugoniot in P), so Toro's wave functions and
// sampling formulas hold with p replaced by P.
#pragma once

#include <vector>

namespace ember::exact {

// Stiffened gas: p = (gamma - 1) rho e - gamma p_inf. p_inf = 0 is the ideal gas.
struct Gas {
  double gamma;
  double p_inf = 0.0;
};

// Primitive state.
struct Prim {
  double rho, u, p;
};

enum class WaveKind { kShock, kRarefaction };

// One of the two nonlinear waves (the contact moves at u_star).
struct Wave {
  WaveKind kind;
  double head;      // speed of the edge next to the initial state
  double tail;      // speed of the edge next to the star region; equals head for a shock
  double rho_star;  // density between this wave and the contact
};

class RiemannSolution {
 public:
  // Same gas on both sides. Throws std::invalid_argument on gamma <= 1, a
  // non-finite input, non-positive density, p + p_inf <= 0, or a pair whose
  // velocity jump would open a vacuum (pressure positivity condition
  // u_R - u_L < 2 (c_L + c_R) / (gamma - 1) violated, or so nearly violated
  // that p* + p_inf underflows); the message names which. Throws
  // std::runtime_error if the star pressure does not converge.
  RiemannSolution(const Gas& gas, const Prim& left, const Prim& right);

  double p_star() const { return P_star_ - gas_.p_inf; }
  double u_star() const { return u_star_; }
  const Wave& left_wave() const { return left_wave_; }
  const Wave& right_wave() const { return right_wave_; }

  // The self-similar solution at xi = (x - x0) / t. Exactly on a discontinuity
  // either side is a valid answer; this returns the state on the outer side of
  // a shock and the left star state on the contact.
  Prim sample(double xi) const;

  // Cell averages on n uniform cells of [x_lo, x_hi] at time t >= 0, with the
  // initial discontinuity at x0. Mass, momentum and total energy are averaged
  // and converted back to (rho, u, p), as a finite-volume scheme stores them.
  // Each cell is split at the wave edges, so constant pieces integrate exactly;
  // pieces inside a rarefaction fan use 8-point Gauss-Legendre on sub-pieces
  // across which the sound speed changes by at most a factor 1.5, which gives
  // the integral to rounding for any gamma (see exact_riemann.cpp).
  std::vector<Prim> cell_averages(double x_lo, double x_hi, int n, double x0, double t) const;

 private:
  Gas gas_;
  Prim left_, right_;
  double P_star_;  // p_star + p_inf: the variable the star pressure is solved for
  double u_star_;
  Wave left_wave_, right_wave_;
};

}  // namespace ember::exact
