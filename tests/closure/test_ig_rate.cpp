// The Lee–Tarver Ignition & Growth rate law (ig::rate) and its sub-stepped
// Heun integration over one host step (ig::integrate).
//
// Expected rates are written out term by term with literal numbers: the
// shipped PBX 9501 constants converted to SI by hand, so that these tests
// check the formula and the cut-offs independently of the model-file reader.
#include "ig_rate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

using ember::ig::integrate;
using ember::ig::Params;
using ember::ig::rate;
using ember::ig::StepResult;

constexpr double kRho0 = 1844.0;   // kg/m³
constexpr double kRho13 = 2397.2;  // 1.3·ρ0, so η = ρ/ρ0 - 1 = 0.3
constexpr double kEta13 = 0.3;

// The shipped model file (inputs/closure/pbx9501_ignition_growth.toml) in SI.
Params pbx9501_si() {
  Params P;
  P.rho0 = kRho0;
  P.q = 5.558e6;
  P.I = 7.43e11 / 1e-6;  // 7.43e11 µs^-1 = 7.43e17 s^-1
  P.a = 0.0;
  P.b = 0.667;
  P.x = 20.0;
  P.lambda_ig_max = 0.02;
  P.G1 = 175.0 / (1e11 * 1e11) / 1e-6;  // 175 Mbar^-2 µs^-1 = 1.75e-14 Pa^-2 s^-1
  P.c = 0.667;
  P.d = 0.111;
  P.y = 2.0;
  P.lambda_g1_max = 0.8;
  P.G2 = 10.0 / 1e11 / 1e-6;  // 10 Mbar^-1 µs^-1 = 1e-4 Pa^-1 s^-1
  P.e = 0.667;
  P.g = 0.667;
  P.z = 1.0;
  P.lambda_g2_min = 0.8;
  P.max_dlambda_substep = 0.01;
  P.max_dlambda_step = 0.25;
  P.p_max = 100e9;
  P.rho_max = 5000.0;
  return P;
}

// Ignition term only, and allowed over the whole burn, so that dλ/dt has a
// closed-form solution.
Params ignition_only() {
  Params P = pbx9501_si();
  P.G1 = 0.0;
  P.G2 = 0.0;
  P.lambda_ig_max = 1.0;
  return P;
}

void expect_rel(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::fabs(expected))
      << "relative error " << (actual - expected) / expected;
}

// ---- rate(): hand-computed states ------------------------------------------

TEST(IgRate, IgnitionPlusGrowth1EarlyInTheBurn) {
  // λ = 0.01, ρ = 1.3 ρ0 (η = 0.3), p = 10 GPa: λ < 0.02 and η > 0, so the
  // ignition term is on; λ < 0.8, so G1 is on; λ ≤ 0.8, so G2 is off.
  const auto r = rate(pbx9501_si(), 0.01, kRho13, 1e10);
  // I (1-λ)^b η^x = 7.43e17 · 0.99^0.667 · 0.3^20
  //               = 7.43e17 · 0.99331884 · 3.486784401e-11 = 2.5733721e7 s^-1
  const double ignition = 7.43e17 * std::pow(0.99, 0.667) * std::pow(0.3, 20.0);
  // G1 (1-λ)^c λ^d p^y = 1.75e-14 · 0.99^0.667 · 0.01^0.111 · (1e10)^2
  //                    = 1.75e-14 · 0.99331884 · 0.59979108 · 1e20 = 1.0426216e6 s^-1
  const double growth1 = 1.75e-14 * std::pow(0.99, 0.667) * std::pow(0.01, 0.111) * 1e20;
  expect_rel(r.ignition, ignition, 1e-12);
  expect_rel(r.growth, growth1, 1e-12);
  // total = 2.6776342e7 s^-1
  expect_rel(r.total(), ignition + growth1, 1e-12);
}

TEST(IgRate, IgnitionStillOnJustBelowLambdaIgMax) {
  // λ = 0.0199 < λ_ig,max = 0.02.
  const auto r = rate(pbx9501_si(), 0.0199, kRho13, 1e10);
  // 7.43e17 · 0.9801^0.667 · 0.3^20 = 7.43e17 · 0.98668233 · 3.486784401e-11 = 2.5561790e7
  const double ignition = 7.43e17 * std::pow(0.9801, 0.667) * std::pow(0.3, 20.0);
  // 1.75e-14 · 0.9801^0.667 · 0.0199^0.111 · 1e20
  //   = 1.75e-14 · 0.98668233 · 0.64739999 · 1e20 = 1.1178617e6
  const double growth1 = 1.75e-14 * std::pow(0.9801, 0.667) * std::pow(0.0199, 0.111) * 1e20;
  expect_rel(r.ignition, ignition, 1e-12);
  expect_rel(r.growth, growth1, 1e-12);
}

TEST(IgRate, IgnitionOffAtLambdaIgMax) {
  // λ = 0.02 = λ_ig,max: the hot-spot term stops (λ < λ_ig,max is required),
  // however strong the compression; only G1 remains.
  const auto r = rate(pbx9501_si(), 0.02, kRho13, 1e10);
  EXPECT_EQ(r.ignition, 0.0);
  // 1.75e-14 · 0.98^0.667 · 0.02^0.111 · 1e20 = 1.75e-14 · 0.98661518 · 0.64776030 · 1e20
  //   = 1.1184078e6 s^-1
  const double growth1 = 1.75e-14 * std::pow(0.98, 0.667) * std::pow(0.02, 0.111) * 1e20;
  expect_rel(r.growth, growth1, 1e-12);
  expect_rel(r.total(), growth1, 1e-12);
  // and further into the burn the term stays off
  EXPECT_EQ(rate(pbx9501_si(), 0.5, kRho13, 1e10).ignition, 0.0);
}

TEST(IgRate, IgnitionOffWithoutCompression) {
  // ρ = ρ0 gives η = 0 and ρ < ρ0 gives η < 0: no hot spots form without
  // compression, at any λ below the cut-off. G1 is unaffected by ρ.
  // 1.75e-14 · 0.99^0.667 · 0.01^0.111 · 1e20 = 1.0426216e6 s^-1
  const double growth1 = 1.75e-14 * std::pow(0.99, 0.667) * std::pow(0.01, 0.111) * 1e20;
  for (const double rho : {kRho0, 1800.0, 1.0}) {
    SCOPED_TRACE(rho);
    const auto r = rate(pbx9501_si(), 0.01, rho, 1e10);
    EXPECT_EQ(r.ignition, 0.0);
    expect_rel(r.growth, growth1, 1e-12);
  }
}

TEST(IgRate, IgnitionThresholdShiftsWithA) {
  // η = ρ/ρ0 - 1 - a: with a = 0.1 a 5 % compression is below threshold and
  // 1.3 ρ0 gives η = 0.2.
  Params P = pbx9501_si();
  P.a = 0.1;
  EXPECT_EQ(rate(P, 0.0, 1.05 * kRho0, 0.0).ignition, 0.0);
  // 7.43e17 · 1^0.667 · 0.2^20 = 7.43e17 · 1.048576e-14 = 7790.9197 s^-1
  expect_rel(rate(P, 0.0, kRho13, 0.0).ignition, 7.43e17 * std::pow(0.2, 20.0), 1e-12);
}

TEST(IgRate, PureIgnitionAtLambdaZero) {
  // λ = 0: λ^d = 0 switches G1 off, leaving I (1)^b η^x = 7.43e17 · 0.3^20
  //   = 7.43e17 · 3.486784401e-11 = 2.5906808e7 s^-1.
  const auto r = rate(pbx9501_si(), 0.0, kRho13, 1e10);
  expect_rel(r.ignition, 7.43e17 * std::pow(0.3, 20.0), 1e-12);
  EXPECT_EQ(r.growth, 0.0);
}

TEST(IgRate, ZeroAtLambdaZeroWithoutCompression) {
  // Neither compression nor products: nothing can start the reaction, even
  // at high pressure.
  for (const double rho : {kRho0, 1800.0}) {
    SCOPED_TRACE(rho);
    const auto r = rate(pbx9501_si(), 0.0, rho, 5e10);
    EXPECT_EQ(r.ignition, 0.0);
    EXPECT_EQ(r.growth, 0.0);
    EXPECT_EQ(r.total(), 0.0);
  }
}

TEST(IgRate, Growth1AtMidBurn) {
  // λ = 0.5, ρ = ρ0, p = 30 GPa.
  // 1.75e-14 · 0.5^0.667 · 0.5^0.111 · (3e10)^2
  //   = 1.75e-14 · 0.62981499 · 0.92594602 · 9e20 = 9.1850013e6 s^-1
  const double growth1 = 1.75e-14 * std::pow(0.5, 0.667) * std::pow(0.5, 0.111) * (3e10 * 3e10);
  const auto r = rate(pbx9501_si(), 0.5, kRho0, 3e10);
  EXPECT_EQ(r.ignition, 0.0);
  expect_rel(r.growth, growth1, 1e-12);
}

TEST(IgRate, Growth1OnJustBelowLambdaG1Max) {
  // λ = 0.79 < λ_G1,max and not above λ_G2,min: G1 only.
  // 1.75e-14 · 0.21^0.667 · 0.79^0.111 · (2e10)^2
  //   = 1.75e-14 · 0.35311834 · 0.97417416 · 4e20 = 2.4079913e6 s^-1
  const double growth1 = 1.75e-14 * std::pow(0.21, 0.667) * std::pow(0.79, 0.111) * (2e10 * 2e10);
  const auto r = rate(pbx9501_si(), 0.79, kRho13, 2e10);
  EXPECT_EQ(r.ignition, 0.0);
  expect_rel(r.growth, growth1, 1e-12);
}

TEST(IgRate, Growth1IncludesLambdaG1MaxSoNoStateStalls) {
  // G1 acts while λ ≤ λ_G1,max and G2 while λ > λ_G2,min = λ_G1,max: at λ = 0.8
  // G1 alone acts, so a burn held there does not stall.
  // G1 (1-λ)^c λ^d p^y = 1.75e-14 · 0.2^0.667 · 0.8^0.111 · (2e10)^2
  const double g1_08 = 1.75e-14 * std::pow(0.2, 0.667) * std::pow(0.8, 0.111) * 4e20;
  const auto r = rate(pbx9501_si(), 0.8, kRho13, 2e10);
  EXPECT_EQ(r.ignition, 0.0);
  expect_rel(r.growth, g1_08, 1e-12);
}

TEST(IgRate, Growth2OnlyAboveLambdaG2Min) {
  // λ = 0.81 > λ_G2,min = λ_G1,max: G2 only.
  // G2 (1-λ)^e λ^g p^z = 1e-4 · 0.19^0.667 · 0.81^0.667 · 2e10
  //   = 1e-4 · 0.33031527 · 0.86887941 · 2e10 = 5.7400828e5 s^-1
  const double g2_081 = 1e-4 * std::pow(0.19, 0.667) * std::pow(0.81, 0.667) * 2e10;
  const auto r = rate(pbx9501_si(), 0.81, kRho13, 2e10);
  EXPECT_EQ(r.ignition, 0.0);
  expect_rel(r.growth, g2_081, 1e-12);

  // λ = 0.95, p = 50 GPa:
  // 1e-4 · 0.05^0.667 · 0.95^0.667 · 5e10 = 1e-4 · 0.13558542 · 0.96636601 · 5e10
  //   = 6.5512571e5 s^-1
  const double g2_095 = 1e-4 * std::pow(0.05, 0.667) * std::pow(0.95, 0.667) * 5e10;
  expect_rel(rate(pbx9501_si(), 0.95, kRho13, 5e10).growth, g2_095, 1e-12);
}

TEST(IgRate, EachExponentActsOnItsOwnFactor) {
  // The shipped set has b = c = e = g; here every exponent differs and all
  // three terms are on, so a swapped exponent or constant shows.
  Params P = pbx9501_si();
  P.I = 1e4;
  P.a = 0.05;
  P.b = 0.5;
  P.x = 3.0;
  P.lambda_ig_max = 0.5;
  P.G1 = 1e-14;
  P.c = 0.6;
  P.d = 0.2;
  P.y = 1.5;
  P.lambda_g1_max = 0.9;
  P.G2 = 5e-11;
  P.e = 0.7;
  P.g = 0.9;
  P.z = 1.2;
  P.lambda_g2_min = 0.3;
  // λ = 0.4, ρ = 1.25 ρ0 = 2305 (η = 1.25 - 1 - 0.05 = 0.2), p = 20 GPa
  const auto r = rate(P, 0.4, 2305.0, 2e10);
  // 1e4 · 0.6^0.5 · 0.2^3 = 1e4 · 0.77459667 · 0.008 = 61.967734
  const double ignition = 1e4 * std::pow(0.6, 0.5) * std::pow(0.2, 3.0);
  // 1e-14 · 0.6^0.6 · 0.4^0.2 · (2e10)^1.5 = 1e-14 · 0.73602192 · 0.83255321 · 2.8284271e15
  //   = 17.331963
  const double growth1 = 1e-14 * std::pow(0.6, 0.6) * std::pow(0.4, 0.2) * std::pow(2e10, 1.5);
  // 5e-11 · 0.6^0.7 · 0.4^0.9 · (2e10)^1.2 = 5e-11 · 0.69936819 · 0.43838329 · 2.2973967e12
  //   = 35.218095
  const double growth2 = 5e-11 * std::pow(0.6, 0.7) * std::pow(0.4, 0.9) * std::pow(2e10, 1.2);
  expect_rel(r.ignition, ignition, 1e-12);
  expect_rel(r.growth, growth1 + growth2, 1e-12);
}

TEST(IgRate, ZeroWhenFullyBurnt) {
  // λ = 1: (1-λ)^e = 0, nothing left to burn whatever ρ and p.
  const auto r = rate(pbx9501_si(), 1.0, kRho13, 5e10);
  EXPECT_EQ(r.ignition, 0.0);
  EXPECT_EQ(r.growth, 0.0);
}

// ---- integrate() -------------------------------------------------------------

// Closed form of dλ/dt = k (1-λ)^b with k = I η^x:
//   (1-λ)^(1-b) = (1-λ0)^(1-b) - (1-b) k t.
double ignition_closed_form(double lambda0, double t) {
  const double k = 7.43e17 * std::pow(kEta13, 20.0);  // 2.5906808e7 s^-1
  const double one_minus_b = 1.0 - 0.667;
  const double u = std::pow(1.0 - lambda0, one_minus_b) - one_minus_b * k * t;
  return 1.0 - std::pow(u, 1.0 / one_minus_b);
}

struct ClosedFormCase {
  double lambda0;
  double dt;  // s; the burn-out time from λ = 0 is 1.16e-7 s
};

const std::vector<ClosedFormCase> kClosedFormCases = {
    {0.0, 2e-9}, {0.0, 1.3e-8}, {0.0, 3e-8}, {0.0, 6e-8}, {0.2, 5e-9}, {0.2, 2e-8}, {0.2, 5e-8},
};

double ignition_only_error(double lambda0, double dt, double max_dlambda_substep) {
  Params P = ignition_only();
  P.max_dlambda_substep = max_dlambda_substep;
  const double exact = ignition_closed_form(lambda0, dt);
  return std::fabs(integrate(P, lambda0, kRho13, 1e10, dt).lambda - exact) / exact;
}

TEST(IgIntegrate, IgnitionOnlyMatchesClosedForm) {
  for (const auto& c : kClosedFormCases) {
    SCOPED_TRACE(::testing::Message() << "lambda0 = " << c.lambda0 << ", dt = " << c.dt);
    // the case must burn a fair fraction, or the test would say little
    ASSERT_GT(ignition_closed_form(c.lambda0, c.dt) - c.lambda0, 0.04);
    EXPECT_LT(ignition_only_error(c.lambda0, c.dt, 0.01), 1e-4);
  }
}

TEST(IgIntegrate, IgnitionOnlyConvergesAtSecondOrder) {
  // Heun's method: halving the λ step should cut the error by ~4.
  for (const auto& c : kClosedFormCases) {
    SCOPED_TRACE(::testing::Message() << "lambda0 = " << c.lambda0 << ", dt = " << c.dt);
    const double e1 = ignition_only_error(c.lambda0, c.dt, 0.01);
    const double e2 = ignition_only_error(c.lambda0, c.dt, 0.005);
    const double e4 = ignition_only_error(c.lambda0, c.dt, 0.0025);
    EXPECT_GE(e1 / e2, 3.0) << e1 << " -> " << e2;
    EXPECT_GE(e2 / e4, 3.0) << e2 << " -> " << e4;
  }
}

// Parameters with every rate constant scaled up by 1e20: rates of 1e26 s^-1
// and more, far stiffer than any real explosive.
Params very_stiff() {
  Params P = pbx9501_si();
  P.I *= 1e20;
  P.G1 *= 1e20;
  P.G2 *= 1e20;
  return P;
}

struct State {
  double lambda0, rho, p;
};

const std::vector<State> kStiffStates = {
    {0.0, 5000.0, 1e11}, {0.0, kRho13, 1e11}, {0.01, kRho0, 1e11},
    {0.3, kRho0, 5e10},  {0.81, kRho0, 1e11}, {0.999, kRho13, 1e11},
};

TEST(IgIntegrate, StaysInUnitIntervalForHugeStepsAndRates) {
  for (const Params& P : {pbx9501_si(), very_stiff()}) {
    for (const auto& s : kStiffStates) {
      for (const double dt : {1e-9, 1e-6, 1.0, 1e6}) {
        SCOPED_TRACE(::testing::Message() << "lambda0 = " << s.lambda0 << ", rho = " << s.rho
                                          << ", p = " << s.p << ", dt = " << dt);
        const StepResult r = integrate(P, s.lambda0, s.rho, s.p, dt);
        EXPECT_GE(r.lambda, s.lambda0);
        EXPECT_LE(r.lambda, 1.0);
        EXPECT_GE(r.ignited, 0.0);
        EXPECT_LE(r.ignited, r.lambda - s.lambda0);
      }
    }
  }
}

TEST(IgIntegrate, StrongGrowthBurnsToExactlyOne) {
  // At 50 GPa the growth terms burn the rest within ~1 µs; a 1 ms step must
  // end fully burnt, at exactly 1 (not 0.99999...), so the host sees λ = 1.
  for (const Params& P : {pbx9501_si(), very_stiff()}) {
    for (const double lambda0 : {0.0, 0.01, 0.5, 0.9}) {
      SCOPED_TRACE(lambda0);
      EXPECT_EQ(integrate(P, lambda0, kRho13, 5e10, 1e-3).lambda, 1.0);
    }
  }
  // ignition alone also burns out in finite time ((1-λ)^b with b < 1)
  EXPECT_EQ(integrate(ignition_only(), 0.0, kRho13, 0.0, 1e-3).lambda, 1.0);
}

TEST(IgIntegrate, SubstepCountBoundedForVeryStiffStates) {
  for (const double bound : {0.01, 0.001}) {
    Params P = very_stiff();
    P.max_dlambda_substep = bound;
    const double max_substeps = 2.0 / bound + 2.0;
    for (const auto& s : kStiffStates) {
      SCOPED_TRACE(::testing::Message() << "bound = " << bound << ", lambda0 = " << s.lambda0);
      const StepResult r = integrate(P, s.lambda0, s.rho, s.p, 1.0);
      EXPECT_EQ(r.lambda, 1.0);  // the whole remaining burn happened in this step
      EXPECT_GE(r.substeps, 1);
      EXPECT_LE(r.substeps, max_substeps);
    }
  }
}

TEST(IgIntegrate, IgnitedEqualsBurntWithoutGrowth) {
  const Params P = ignition_only();
  for (const auto& c : kClosedFormCases) {
    SCOPED_TRACE(::testing::Message() << "lambda0 = " << c.lambda0 << ", dt = " << c.dt);
    const StepResult r = integrate(P, c.lambda0, kRho13, 1e10, c.dt);
    expect_rel(r.ignited, r.lambda - c.lambda0, 1e-12);
  }
  // including a step that burns out and is clamped at λ = 1
  const StepResult r = integrate(P, 0.2, kRho13, 1e10, 1e-3);
  ASSERT_EQ(r.lambda, 1.0);
  expect_rel(r.ignited, 0.8, 1e-12);
}

TEST(IgIntegrate, IgnitedIsAPartOfTheBurnWithGrowth) {
  // λ0 = 0.005 at 1.3 ρ0 and 10 GPa: ignition (2.6e7 s^-1) and G1 (~1e6 s^-1)
  // both act until λ = 0.02, then only G1.
  const Params P = pbx9501_si();
  for (const double dt : {1e-10, 1e-9, 1e-8, 1e-6}) {
    SCOPED_TRACE(dt);
    const StepResult r = integrate(P, 0.005, kRho13, 1e10, dt);
    const double burnt = r.lambda - 0.005;
    EXPECT_GT(r.ignited, 0.0);
    EXPECT_LT(r.ignited, burnt);
    // ignition stops at λ_ig,max = 0.02, so it burns at most 0.02 - λ0, plus
    // the overshoot of the one sub-step that crosses 0.02 (≤ 0.01)
    EXPECT_LE(r.ignited, 0.02 - 0.005 + 0.01);
  }
}

TEST(IgIntegrate, NothingHappensWhereTheRateIsZero) {
  const Params P = pbx9501_si();
  // unshocked: no compression, no products
  StepResult r = integrate(P, 0.0, kRho0, 1e10, 1.0);
  EXPECT_EQ(r.lambda, 0.0);
  EXPECT_EQ(r.ignited, 0.0);
  EXPECT_EQ(r.substeps, 0);
  // fully burnt
  r = integrate(P, 1.0, kRho13, 1e10, 1.0);
  EXPECT_EQ(r.lambda, 1.0);
  EXPECT_EQ(r.ignited, 0.0);
  EXPECT_EQ(r.substeps, 0);
}

}  // namespace
