// The CJ state of the PBX 9501 products against published and independently
// estimated values and against the CJ conditions (Rayleigh line tangent to
// the Hugoniot, sonic flow behind the front); the unreacted shock against the
// linear Us–up Hugoniot and the Rankine–Hugoniot relations.
#include "eos/chapman_jouguet.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace {

using ember::hydro::chapman_jouguet;
using ember::hydro::CjState;
using ember::hydro::pbx9501_mixture;
using ember::hydro::ReactiveMixture;
using ember::hydro::ShockState;
using ember::hydro::unreacted_shock;

double cj_temperature(const ReactiveMixture& m, const CjState& cj) {
  return m.products.temperature(cj.rho, cj.e + m.q, 1.0);
}

// Pressure on the products' Hugoniot from (v0, e0 = 0, p0), from the EOS
// alone: p = P(v, e) with e = (p + p0)(v0 - v)/2 is linear in p at fixed v,
// so two evaluations of P give it.
double hugoniot_pressure(const ReactiveMixture& m, double v0, double p0, double v) {
  const auto excess = [&](double p) {
    return m.products.pressure(1.0 / v, 0.5 * (p + p0) * (v0 - v) + m.q, 1.0) - p;
  };
  const double f0 = excess(0.0), f1 = excess(1e10);
  return -f0 * 1e10 / (f1 - f0);
}

TEST(ChapmanJouguet, Pbx9501NearPublishedDetonationSpeed) {
  const ReactiveMixture m = pbx9501_mixture();
  for (const double rho0 : {1835.0, 1844.0}) {
    const CjState cj = chapman_jouguet(m, rho0);
    std::printf(
        "rho0 %.0f: D_CJ %.2f m/s, P_CJ %.3f GPa, T_CJ %.1f K, rho_CJ %.2f kg/m3, u_CJ %.2f m/s\n",
        rho0, cj.D, cj.p * 1e-9, cj_temperature(m, cj), cj.rho, cj.u);
    // EOSlib HOM.data: D = 8.826 km/s for PBX 9501.
    EXPECT_NEAR(cj.D, 8800.0, 0.05 * 8800.0);
  }
  // An independent estimate with the same JWL set: D = 8799 m/s, P = 34.0 GPa
  // at ρ0 = 1835.
  const CjState cj = chapman_jouguet(m, 1835.0);
  EXPECT_NEAR(cj.D, 8799.0, 1e-3 * 8799.0);
  EXPECT_NEAR(cj.p, 34.0e9, 1e-3 * 34.0e9);
  // T_s was set to put T_CJ at ρ0 = 1844 on the published 2316 K.
  EXPECT_NEAR(cj_temperature(m, chapman_jouguet(m, 1844.0)), 2316.0, 1.0);
}

TEST(ChapmanJouguet, RayleighLineTangentAndSonicFlow) {
  const ReactiveMixture m = pbx9501_mixture();
  for (const double rho0 : {1835.0, 1844.0})
    for (const double p0 : {0.0, 1e8}) {
      const CjState cj = chapman_jouguet(m, rho0, p0);
      const double v0 = 1.0 / rho0, v = 1.0 / cj.rho;
      // On the Hugoniot and on the Rayleigh line, with the jump conditions.
      EXPECT_NEAR(m.products.pressure(cj.rho, cj.e + m.q, 1.0), cj.p, 1e-12 * cj.p);
      EXPECT_NEAR(cj.e, 0.5 * (cj.p + p0) * (v0 - v), 1e-12 * cj.e);
      EXPECT_NEAR(cj.D * cj.D, v0 * v0 * (cj.p - p0) / (v0 - v), 1e-12 * cj.D * cj.D);
      EXPECT_NEAR(rho0 * cj.D, cj.rho * (cj.D - cj.u), 1e-12 * rho0 * cj.D);
      EXPECT_NEAR(cj.p - p0, rho0 * cj.D * cj.u, 1e-12 * cj.p);
      // Tangency: dp/dv along the Hugoniot is the Rayleigh line's slope.
      const double h = 1e-5 * v;
      const double dp_dv =
          (hugoniot_pressure(m, v0, p0, v + h) - hugoniot_pressure(m, v0, p0, v - h)) / (2.0 * h);
      const double slope = -(cj.D / v0) * (cj.D / v0);
      EXPECT_NEAR(dp_dv, slope, 1e-4 * std::fabs(slope)) << "rho0 " << rho0 << " p0 " << p0;
      // D is the minimum over the Hugoniot.
      for (const double dv : {-1e-3 * v, 1e-3 * v}) {
        const double p = hugoniot_pressure(m, v0, p0, v + dv);
        EXPECT_GT(v0 * v0 * (p - p0) / (v0 - v - dv), cj.D * cj.D);
      }
      // Sonic: the flow leaves the front at the products' sound speed.
      const double c = std::sqrt(m.products.sound_speed2(cj.rho, cj.e + m.q, cj.p, 1.0));
      EXPECT_NEAR(cj.D - cj.u, c, 1e-3 * c) << "rho0 " << rho0 << " p0 " << p0;
    }
}

TEST(ChapmanJouguet, RejectsAHugoniotWithoutCjPoint) {
  EXPECT_THROW(chapman_jouguet(pbx9501_mixture(), 1835.0, 1e12), std::invalid_argument);
}

// The MG's reference curve is the linear Us–up Hugoniot through its
// reference state, so the shock from that state lies on Us = c0 + s up.
TEST(UnreactedShock, LinearUsUpHugoniot) {
  const ReactiveMixture m = pbx9501_mixture();
  for (const double p : {2e9, 5e9, 10e9}) {
    const ShockState s = unreacted_shock(m, m.solid.rho0, p);
    std::printf("p %.0f GPa: Us %.3f m/s, up %.3f m/s, rho %.3f kg/m3\n", p * 1e-9, s.us, s.up,
                s.rho);
    EXPECT_NEAR(s.us, m.solid.c0 + m.solid.s * s.up, 1e-10 * s.us);
    EXPECT_NEAR(m.solid.rho0 * s.us * s.up, p, 1e-12 * p);
  }
}

TEST(UnreactedShock, RankineHugoniotFromAnotherDensity) {
  const ReactiveMixture m = pbx9501_mixture();
  const double rho0 = 1835.0, v0 = 1.0 / rho0;
  for (const double p : {1e9, 5e9, 20e9}) {
    const ShockState s = unreacted_shock(m, rho0, p);
    EXPECT_NEAR(rho0 * s.us, s.rho * (s.us - s.up), 1e-12 * rho0 * s.us);
    EXPECT_NEAR(rho0 * s.us * s.up, p, 1e-12 * p);
    EXPECT_NEAR(s.e, 0.5 * p * (v0 - 1.0 / s.rho), 1e-12 * s.e);
    EXPECT_NEAR(m.solid.pressure(s.rho, s.e, 0.0), p, 1e-10 * p);
  }
}

TEST(UnreactedShock, RejectsNonPositivePressure) {
  EXPECT_THROW(unreacted_shock(pbx9501_mixture(), 1844.0, 0.0), std::invalid_argument);
}

}  // namespace
