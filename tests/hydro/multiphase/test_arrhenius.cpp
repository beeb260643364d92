// The sub-stepped exponential integrator of one-step Arrhenius chemistry
// against a fine RK4 solution of the same constant-volume ODE,
//   dλ/dt = Z (1 − λ) exp(−T_a / (T0 + (Q/cv)(λ − λ0))).
#include "arrhenius_ode.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace ember::hydro {
namespace {

constexpr double kCv = 1280.0;

// Times at which λ first reaches each level, by classical RK4 in steps h.
std::vector<double> rk4_crossings(const Arrhenius& a, double T0, double h, const std::vector<double>& levels) {
  const testing::ArrheniusOde ode{a, kCv, T0};
  std::vector<double> times;
  double lam = 0.0, t = 0.0;
  for (const double level : levels) {
    while (lam < level) {
      lam = ode.rk4_step(lam, h);
      t += h;
    }
    times.push_back(t);
  }
  return times;
}

// The solver's steps are far longer than a sub-step near runaway: march in
// steps of t_ad/50 as a hydro loop would, and compare the times λ passes
// each level (λ at a fixed time is ill-conditioned in the runaway, where it
// jumps from 0 to 1 in a small fraction of the induction time). Menikoff's
// t_ad, the leading term of the explosion time for T_a/T0 ≫ 1, is printed
// for reference.
TEST(Arrhenius, BurnFollowsTheOdeThroughRunaway) {
  const Arrhenius a;
  const std::vector<double> levels = {0.01, 0.1, 0.5, 0.9, 0.99};
  for (const double T0 : {1000.0, 1400.0, 2000.0}) {
    const double t_ad = a.induction_time(T0, kCv);
    const std::vector<double> ref = rk4_crossings(a, T0, t_ad / 400000.0, levels);
    const double dt = t_ad / 50.0;
    double lam = 0.0, T = T0, t = 0.0;
    for (size_t n = 0; n < levels.size(); ++n) {
      while (lam < levels[n]) {
        int sub = 0;
        const double next = a.advance(lam, T, kCv, dt, sub);
        T += a.Q / kCv * (next - lam);
        lam = next;
        t += dt;
      }
      // The step that crosses the level ends up to dt after the crossing.
      std::printf("[ T0 = %.0f K ] λ = %.2f after %.5g s; ODE crosses at %.5g s (t_ad %.4g s)\n", T0,
                  levels[n], t, ref[n], t_ad);
      EXPECT_GE(t, ref[n] * (1.0 - 1e-3)) << "T0 = " << T0 << ", level " << levels[n];
      EXPECT_LE(t, ref[n] * (1.0 + 1e-3) + dt) << "T0 = " << T0 << ", level " << levels[n];
    }
  }
}

TEST(Arrhenius, StaysInUnitIntervalWhenStiff) {
  const Arrhenius a;
  int sub = 0;
  const double lam = a.advance(0.3, 6000.0, kCv, 1e-9, sub);  // k·dt ≈ 280
  EXPECT_LE(lam, 1.0);
  EXPECT_GT(lam, 1.0 - 1e-12);
  EXPECT_GT(sub, 1);
  EXPECT_EQ(a.advance(0.0, 300.0, kCv, 1e-9, sub), 0.0);  // k ≈ 6e-14 /s: nothing
}

}  // namespace
}  // namespace ember::hydro
