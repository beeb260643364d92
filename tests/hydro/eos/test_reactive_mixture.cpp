// The pressure–temperature-equilibrium mixture of PBX 9501 solid (MG) and
// products (JWL): pure limits, continuity towards them, the equilibrium and
// its inverse on states built independently from (p, T, λ), Wood's sound
// speed between the equilibrium and frozen speeds, and finite results over
// wide random sweeps.
#include "eos/reactive_mixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace {

using ember::hydro::Jwl;
using ember::hydro::MieGruneisen;
using ember::hydro::pbx9501_mixture;
using ember::hydro::ReactiveMixture;

// Root of a monotone f on [lo, hi] by bisection (geometric for ranges over
// decades), to the resolution of doubles: independent of the library's solver.
template <class F>
double bisect(const F& f, double lo, double hi, bool geometric) {
  const bool f_lo_positive = f(lo) > 0.0;
  for (int i = 0; i < 2000; ++i) {
    const double mid = geometric ? std::sqrt(lo * hi) : 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    ((f(mid) > 0.0) == f_lo_positive ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Energy of a phase at temperature T and volume v: both EOS are linear in e,
// T = a(v) + e/cv.
double solid_energy_at(const MieGruneisen& s, double v, double T) {
  return s.cv * (T - s.temperature(1.0 / v, 0.0, 0.0));
}
double products_energy_at(const Jwl& g, double v, double T) {
  return g.cv * (T - g.temperature(1.0 / v, 0.0, 1.0));
}

// A mixture state in pressure and temperature equilibrium, built phase by
// phase: the solid at (p, T) on its stable branch, the products at (p, T).
struct EquilibriumState {
  double p, T, lam, rho, e, v_s, v_g;
};

double max_solid_temperature(const ReactiveMixture& m, double p) {
  const double rho = 1.0 / m.solid_spinodal_volume;
  return m.solid.temperature(rho, m.solid.energy(rho, p, 0.0), 0.0);
}

EquilibriumState equilibrium_state(const ReactiveMixture& m, double p, double T, double lam) {
  const auto solid_excess = [&](double v) {
    return m.solid.pressure(1.0 / v, solid_energy_at(m.solid, v, T), 0.0) - p;
  };
  const double v_s = bisect(solid_excess, m.solid_min_volume(), m.solid_spinodal_volume, false);
  const auto products_excess = [&](double v) {
    return m.products.pressure(1.0 / v, products_energy_at(m.products, v, T), 1.0) - p;
  };
  const double v_g = bisect(products_excess, ReactiveMixture::kVgMin / m.products.rho0,
                            ReactiveMixture::kVgMax / m.products.rho0, true);
  const double e_s = solid_energy_at(m.solid, v_s, T);
  const double e_g = products_energy_at(m.products, v_g, T) - m.q;
  return {p,   T,  lam, 1.0 / ((1.0 - lam) * v_s + lam * v_g), (1.0 - lam) * e_s + lam * e_g,
          v_s, v_g};
}

// λ in (0, 1), a third of the draws crowding each pure limit.
double draw_lambda(std::mt19937_64& rng, int k) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double near = std::pow(10.0, -8.9 + 8.9 * u(rng));
  if (k % 3 == 0) return near;
  if (k % 3 == 1) return 1.0 - near;
  return u(rng);
}

// p log-uniform in [1e5, 5e10] Pa, T in [250 K, min(4000 K, the hottest the
// solid can be at p on its stable branch)].
EquilibriumState draw_equilibrium_state(const ReactiveMixture& m, std::mt19937_64& rng, int k) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double p = 1e5 * std::pow(5e10 / 1e5, u(rng));
  const double T = 250.0 + (std::min(4000.0, max_solid_temperature(m, p)) - 250.0) * u(rng);
  return equilibrium_state(m, p, T, draw_lambda(rng, k));
}

// (∂p/∂ρ)_s = ∂p/∂ρ|e + p/ρ² ∂p/∂e|ρ by central differences.
double equilibrium_sound_speed2(const ReactiveMixture& m, double rho, double e, double lam) {
  const double p = m.pressure(rho, e, lam);
  const double dr = 1e-6 * rho, de = 1e-6 * (std::fabs(e) + m.q);
  const double dp_drho = (m.pressure(rho + dr, e, lam) - m.pressure(rho - dr, e, lam)) / (2.0 * dr);
  const double dp_de = (m.pressure(rho, e + de, lam) - m.pressure(rho, e - de, lam)) / (2.0 * de);
  return dp_drho + p / (rho * rho) * dp_de;
}

TEST(ReactiveMixture, Pbx9501ReferenceStateAndSpinodal) {
  const ReactiveMixture m = pbx9501_mixture();
  EXPECT_EQ(m.pressure(1844.0, 0.0, 0.0), 0.0);
  EXPECT_NEAR(m.temperature(1844.0, 0.0, 0.0), 300.0, 1e-12);
  EXPECT_NEAR(m.q, 5.5586e6, 1e2);
  EXPECT_EQ(m.pressure_floor(), 0.0);
  // The cached spinodal is the solid's, and the isothermal modulus changes
  // sign there.
  EXPECT_EQ(m.solid_spinodal_volume, m.spinodal_of_solid());
  const double rho_spin = 1.0 / m.solid_spinodal_volume;
  EXPECT_NEAR(rho_spin, 1303.8, 0.5);
  const auto isothermal_p = [&](double rho) {
    return m.solid.pressure(rho, solid_energy_at(m.solid, 1.0 / rho, 600.0), 0.0);
  };
  const auto dp_drho = [&](double rho) {
    return (isothermal_p(rho * (1.0 + 1e-7)) - isothermal_p(rho * (1.0 - 1e-7))) / (2e-7 * rho);
  };
  EXPECT_GT(dp_drho(rho_spin * 1.001), 0.0);
  EXPECT_LT(dp_drho(rho_spin * 0.999), 0.0);
}

TEST(ReactiveMixture, PureLimitsAreThePhaseEos) {
  const ReactiveMixture m = pbx9501_mixture();
  for (const double rho : {1900.0, 2300.0, 2900.0})
    for (const double e : {-2e5, 1e6, 4e6}) {
      for (const double lam : {-1e-3, 0.0, 1e-10, 1e-9}) {
        const double p = m.solid.pressure(rho, e, 0.0);
        EXPECT_EQ(m.pressure(rho, e, lam), p);
        EXPECT_EQ(m.energy(rho, p, lam), m.solid.energy(rho, p, 0.0));
        EXPECT_EQ(m.temperature(rho, e, lam), m.solid.temperature(rho, e, 0.0));
        EXPECT_EQ(m.sound_speed2(rho, e, p, lam), m.solid.sound_speed2(rho, e, p, 0.0));
      }
      for (const double lam : {1.0 - 1e-9, 1.0 - 1e-10, 1.0, 1.001}) {
        const double p = m.products.pressure(rho, e + m.q, 1.0);
        EXPECT_EQ(m.pressure(rho, e, lam), p);
        EXPECT_EQ(m.energy(rho, p, lam), m.products.energy(rho, p, 1.0) - m.q);
        EXPECT_EQ(m.temperature(rho, e, lam), m.products.temperature(rho, e + m.q, 1.0));
        EXPECT_EQ(m.sound_speed2(rho, e, p, lam), m.products.sound_speed2(rho, e + m.q, p, 1.0));
      }
    }
}

// At fixed (ρ, e) of a pure phase, the mixture's p and T tend to the phase's
// as the other phase vanishes, linearly in its mass fraction x.
TEST(ReactiveMixture, ContinuousTowardsThePureLimits) {
  const ReactiveMixture m = pbx9501_mixture();
  for (const auto& [p, T] : {std::pair{1e9, 400.0}, {1e10, 900.0}, {3e10, 2300.0}}) {
    const EquilibriumState solid = equilibrium_state(m, p, T, 0.0);
    const EquilibriumState products = equilibrium_state(m, p, T, 1.0);
    double last_dp_s = 0.0, last_dp_g = 0.0;
    for (double x = 1e-2; x > 5e-9; x *= 0.1) {
      const double dp_s = std::fabs(m.pressure(solid.rho, solid.e, x) - p) / p;
      const double dp_g = std::fabs(m.pressure(products.rho, products.e, 1.0 - x) - p) / p;
      const double dT_s = std::fabs(m.temperature(solid.rho, solid.e, x) - T) / T;
      const double dT_g = std::fabs(m.temperature(products.rho, products.e, 1.0 - x) - T) / T;
      if (x < 1e-3) {
        EXPECT_NEAR(dp_s / last_dp_s, 0.1, 0.01) << "p " << p << " x " << x;
        EXPECT_NEAR(dp_g / last_dp_g, 0.1, 0.01) << "p " << p << " x " << x;
      }
      EXPECT_LT(std::max({dp_s, dp_g, dT_s, dT_g}), 100.0 * x);
      last_dp_s = dp_s;
      last_dp_g = dp_g;
    }
  }
}

// States built from (p, T, λ): the equilibrium is found, unique (it is the
// built split), and pressure() and energy() invert each other.
TEST(ReactiveMixture, EquilibriumStatesAndRoundTrips) {
  const ReactiveMixture m = pbx9501_mixture();
  std::mt19937_64 rng(20240611);
  double worst_p = 0.0, worst_T = 0.0, worst_e = 0.0, worst_residual = 0.0;
  constexpr int kStates = 100000;
  for (int k = 0; k < kStates; ++k) {
    const EquilibriumState s = draw_equilibrium_state(m, rng, k);
    const ReactiveMixture::PhaseSplit at_e = m.split_at_energy(s.rho, s.e, s.lam);
    const double residual = std::fabs(m.solid_pressure(at_e) - m.products_pressure(at_e)) / s.p;
    const double dT_split = std::fabs(m.solid_temperature(at_e) - m.products_temperature(at_e));
    const ReactiveMixture::PhaseSplit at_p = m.split_at_pressure(s.rho, s.p, s.lam);
    const double dT_split_p = std::fabs(m.solid_temperature(at_p) - m.products_temperature(at_p));
    const double dp = std::fabs(m.pressure(s.rho, s.e, s.lam) - s.p) / s.p;
    const double dT = std::fabs(m.temperature(s.rho, s.e, s.lam) - s.T);
    const double de = std::fabs(m.energy(s.rho, s.p, s.lam) - s.e) / m.q;
    ASSERT_LT(residual, 1e-10) << "p " << s.p << " T " << s.T << " λ " << s.lam;
    ASSERT_LT(dT_split, 1e-6);
    ASSERT_LT(dT_split_p, 1e-6) << "p " << s.p << " T " << s.T << " λ " << s.lam;
    ASSERT_NEAR(at_e.v_s, s.v_s, 1e-8 * s.v_s);
    ASSERT_NEAR(at_e.v_g, s.v_g, 1e-8 * s.v_g);
    ASSERT_LT(dp, 1e-9) << "p " << s.p << " T " << s.T << " λ " << s.lam;
    ASSERT_LT(dT, 1e-6);
    ASSERT_LT(de, 1e-9);
    const double p_round_trip = m.pressure(s.rho, m.energy(s.rho, s.p, s.lam), s.lam);
    ASSERT_NEAR(p_round_trip, s.p, 1e-9 * s.p);
    worst_p = std::max(worst_p, dp);
    worst_T = std::max(worst_T, dT);
    worst_e = std::max(worst_e, de);
    worst_residual = std::max(worst_residual, residual);
  }
  std::printf("%d states: worst |dp|/p %.2e, |dT| %.2e K, |de|/q %.2e, |p_s - p_g|/p %.2e\n",
              kStates, worst_p, worst_T, worst_e, worst_residual);
}

// c_eq² <= c_Wood² <= c_frozen², the Wood speed positive.
TEST(ReactiveMixture, WoodSpeedBetweenEquilibriumAndFrozenSpeeds) {
  const ReactiveMixture m = pbx9501_mixture();
  std::mt19937_64 rng(7);
  for (int k = 0; k < 2000; ++k) {
    const EquilibriumState s = draw_equilibrium_state(m, rng, k);
    const double c2 = m.sound_speed2(s.rho, s.e, s.p, s.lam);
    ASSERT_GT(c2, 0.0);
    const ReactiveMixture::PhaseSplit ph = m.split_at_energy(s.rho, s.e, s.lam);
    const double c2_s = m.solid.sound_speed2(1.0 / ph.v_s, ph.e_s, s.p, 0.0);
    const double c2_g = m.products.sound_speed2(1.0 / ph.v_g, ph.e_g + m.q, s.p, 1.0);
    const double c2_frozen = (1.0 - s.lam) * c2_s + s.lam * c2_g;
    EXPECT_LE(c2, c2_frozen * (1.0 + 1e-12)) << "p " << s.p << " T " << s.T << " λ " << s.lam;
    EXPECT_LE(equilibrium_sound_speed2(m, s.rho, s.e, s.lam), c2 * (1.0 + 1e-5))
        << "p " << s.p << " T " << s.T << " λ " << s.lam;
  }
  // The pure-phase speeds in the limits.
  const EquilibriumState solid = equilibrium_state(m, 5e9, 500.0, 0.0);
  EXPECT_NEAR(m.sound_speed2(solid.rho, solid.e, 5e9, 1e-8),
              m.solid.sound_speed2(solid.rho, solid.e, 5e9, 0.0),
              1e-6 * m.solid.sound_speed2(solid.rho, solid.e, 5e9, 0.0));
  const EquilibriumState products = equilibrium_state(m, 5e9, 2000.0, 1.0);
  const double c2_g = m.products.sound_speed2(products.rho, products.e + m.q, 5e9, 1.0);
  EXPECT_NEAR(m.sound_speed2(products.rho, products.e, 5e9, 1.0 - 1e-8), c2_g, 1e-6 * c2_g);
}

// The states of the brief's sweep: e = energy(ρ, p, λ) for ρ in [1000, 4000]
// kg/m³, p in [1e5, 5e10] Pa. Most are far from coexistence (many are at
// negative T), so only finiteness and a positive sound speed are asked.
TEST(ReactiveMixture, FiniteAndPositiveOverRandomStates) {
  const ReactiveMixture m = pbx9501_mixture();
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int k = 0; k < 100000; ++k) {
    const double rho = 1000.0 + 3000.0 * u(rng);
    const double lam = k % 10 == 0 ? std::round(u(rng)) : draw_lambda(rng, k);
    const double p = 1e5 * std::pow(5e10 / 1e5, u(rng));
    const double e = m.energy(rho, p, lam);
    const double p_e = m.pressure(rho, e, lam);
    const double c2 = m.sound_speed2(rho, e, p_e, lam);
    ASSERT_TRUE(std::isfinite(e) && std::isfinite(p_e) && std::isfinite(m.temperature(rho, e, lam)))
        << "ρ " << rho << " λ " << lam << " p " << p;
    ASSERT_TRUE(std::isfinite(c2) && c2 > 0.0) << "ρ " << rho << " λ " << lam << " p " << p;
  }
}

// Anything with ρ > 0 and finite e gives finite numbers, in or out of the
// model's domain.
TEST(ReactiveMixture, NeverNanOverWideSweep) {
  const ReactiveMixture m = pbx9501_mixture();
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int k = 0; k < 100000; ++k) {
    const double rho = std::pow(10.0, 1.0 + 4.0 * u(rng));
    const double lam = draw_lambda(rng, k);
    const double e = -1e8 + 2e8 * u(rng);
    const double p = m.pressure(rho, e, lam);
    ASSERT_TRUE(std::isfinite(p) && std::isfinite(m.temperature(rho, e, lam)) &&
                std::isfinite(m.sound_speed2(rho, e, p, lam)) &&
                std::isfinite(m.energy(rho, std::fabs(p), lam)))
        << "ρ " << rho << " λ " << lam << " e " << e;
  }
}

}  // namespace
