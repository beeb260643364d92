// The closed-form pressure equilibrium of the five-equation model: the
// Mie–Grüneisen forms reproduce each phase EOS, the common pressure inverts
// the energy sum for HMX with air and water with air, the pure limits give
// the single phases, and Wood's sound speed has its known limits and the
// bubbly-liquid minimum below both phase speeds.
#include "eos/two_phase.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace ember::hydro {
namespace {

const MieGruneisen kHmx{1900.0, 2901.0, 2.058, 1.1, 1280.0, 300.0};
const IdealGas kAir{1.4, 717.5};
const StiffenedGas kWater{4.4, 6e8, 1816.0};

template <class Eos>
void expect_form_matches(const Eos& eos, double rho, double e) {
  const MgForm f = mg_form(eos, rho);
  const double p = eos.pressure(rho, e);
  EXPECT_NEAR(f.p_ref + f.g * (e - f.e_ref), p, 1e-12 * (std::fabs(p) + 1e5)) << rho << " " << e;
}

TEST(TwoPhase, MieGruneisenFormsReproduceEachEos) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int k = 0; k < 1000; ++k) {
    expect_form_matches(kAir, 0.1 + 50.0 * u(rng), 1e4 + 1e7 * u(rng));
    expect_form_matches(kWater, 900.0 + 400.0 * u(rng), 1e5 + 1e7 * u(rng));
    expect_form_matches(kHmx, 1800.0 + 1200.0 * u(rng), -1e5 + 3e6 * u(rng));
  }
}

template <class A, class B>
void expect_round_trip(const TwoPhase<A, B>& m, double rho1_lo, double rho1_hi, double rho2_lo,
                       double rho2_hi, double p_lo, double p_hi) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int k = 0; k < 10000; ++k) {
    const double a = u(rng);
    const double r1 = rho1_lo + (rho1_hi - rho1_lo) * u(rng);
    const double r2 = rho2_lo + (rho2_hi - rho2_lo) * u(rng);
    const double p = p_lo * std::pow(p_hi / p_lo, u(rng));
    const double rho_e = m.rho_e(a, r1, r2, p);
    ASSERT_NEAR(m.pressure(a, r1, r2, rho_e) / p, 1.0, 1e-9) << "alpha " << a << " p " << p;
    // Each phase is at that pressure.
    EXPECT_NEAR(m.phase1.pressure(r1, m.energy1(r1, p)) / p, 1.0, 1e-9);
    EXPECT_NEAR(m.phase2.pressure(r2, m.energy2(r2, p)) / p, 1.0, 1e-9);
  }
}

TEST(TwoPhase, CommonPressureInvertsTheEnergySum) {
  expect_round_trip(TwoPhase<MieGruneisen, IdealGas>{kHmx, kAir}, 1800.0, 3000.0, 1.0, 50.0, 1e5, 3e10);
  expect_round_trip(TwoPhase<StiffenedGas, IdealGas>{kWater, kAir}, 950.0, 1300.0, 1.0, 20.0, 1e5, 1e9);
}

TEST(TwoPhase, PureLimitsAreTheSinglePhases) {
  const TwoPhase<MieGruneisen, IdealGas> m{kHmx, kAir};
  const double rho1 = 2400.0, e1 = 6e5, rho2 = 5.0, e2 = 3e5;
  EXPECT_NEAR(m.pressure(1.0, rho1, rho2, rho1 * e1) / kHmx.pressure(rho1, e1), 1.0, 1e-13);
  EXPECT_NEAR(m.pressure(0.0, rho1, rho2, rho2 * e2) / kAir.pressure(rho2, e2), 1.0, 1e-13);
  const double p = kHmx.pressure(rho1, e1);
  EXPECT_NEAR(m.sound_speed2(1.0, rho1, rho2, p) / kHmx.sound_speed2(rho1, e1, p), 1.0, 1e-13);
}

TEST(TwoPhase, TwoCopiesOfOneGasAreThatGas) {
  const TwoPhase<IdealGas, IdealGas> m{kAir, kAir};
  const double rho = 1.2, e = 2.5e5;
  for (const double a : {0.1, 0.5, 0.9})
    EXPECT_NEAR(m.pressure(a, rho, rho, rho * e) / kAir.pressure(rho, e), 1.0, 1e-14);
}

TEST(TwoPhase, WoodSpeedOfBubblyWaterIsBelowBothPhases) {
  // Water with 10 % air at 1 bar: Wood gives 39.4 m/s, far below air's
  // 343 m/s and this stiffened water's 1625 m/s (the bubbly-liquid minimum).
  const TwoPhase<StiffenedGas, IdealGas> m{kWater, kAir};
  const double p = 1e5, rho_w = 1000.0, rho_a = 1.19;
  const double c = std::sqrt(m.sound_speed2(0.9, rho_w, rho_a, p));
  const double c_air = std::sqrt(kAir.sound_speed2(rho_a, kAir.energy(rho_a, p), p));
  const double c_water = std::sqrt(kWater.sound_speed2(rho_w, kWater.energy(rho_w, p), p));
  // Closed form: 1/(ρc²) = α_w/(ρ_w c_w²) + α_a/(γ p).
  const double rho = 0.9 * rho_w + 0.1 * rho_a;
  const double expected = 1.0 / std::sqrt(rho * (0.9 / (rho_w * c_water * c_water) + 0.1 / (1.4 * p)));
  EXPECT_NEAR(c / expected, 1.0, 1e-12);
  EXPECT_LT(c, 50.0);
  EXPECT_GT(c, 30.0);
  EXPECT_LT(c, c_air);
  EXPECT_LT(c, c_water);
}

}  // namespace
}  // namespace ember::hydro
