// Hotspot metrics (hotspot_metrics.hpp) against analytic fields.
//
// The Gaussian hot spot T = T0 + ΔT exp(−r²/2σ²) has closed forms for both
// metrics: T(r_c) = θ gives r_c² = 2σ² ln(ΔT/(θ − T0)), so A_hs = π r_c², and
//   ∫_disc T dA = T0 π r_c² + ΔT 2πσ² (1 − exp(−r_c²/2σ²))
//              = T0 π r_c² + 2πσ² (ΔT − (θ − T0)),
// so T_hs = T0 + 2σ² (ΔT − θ + T0) / r_c². Hot-pixel counting converges to
// these as the grid refines; the other tests use small hand-built fields whose
// answers are exact.
#include "hotspot_metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <vector>

namespace {

using ember::metrics::compare;
using ember::metrics::field_rmse;
using ember::metrics::Grid;
using ember::metrics::hotspot_series;
using ember::metrics::hotspot_snapshot;
using ember::metrics::HotspotOptions;
using ember::metrics::HotspotSeries;
using ember::metrics::HotspotSnapshot;
using ember::metrics::mean_over_runs;
using ember::metrics::SeriesErrors;

constexpr double kPi = 3.14159265358979323846;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------
// Gaussian hot spot

struct Gaussian {
  double sigma = 1e-6;  // m
  double T0 = 300.0, dT = 3000.0;
  double threshold = 875.0;
  double rc2() const { return 2.0 * sigma * sigma * std::log(dT / (threshold - T0)); }
  double area_um2() const { return kPi * rc2() * 1e12; }
  double mean_T() const { return T0 + 2.0 * sigma * sigma * (dT - threshold + T0) / rc2(); }
};

// The spot centred at (x0, y0) on [−L, L]² sampled at cell centres, n × n cells.
std::vector<double> sample(const Gaussian& G, const Grid& g, double L, double x0, double y0) {
  std::vector<double> T(g.cells());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double x = -L + (i + 0.5) * g.dx - x0;
      const double y = -L + (j + 0.5) * g.dy - y0;
      T[static_cast<std::size_t>(j * g.nx + i)] =
          G.T0 + G.dT * std::exp(-(x * x + y * y) / (2.0 * G.sigma * G.sigma));
    }
  return T;
}

TEST(HotspotGaussian, ClosedFormsAreSelfConsistent) {
  // r_c is where T crosses the threshold, and the disc mean lies between the
  // threshold and the peak: guards the closed forms the next test relies on.
  const Gaussian G;
  const double rc = std::sqrt(G.rc2());
  EXPECT_NEAR(G.T0 + G.dT * std::exp(-rc * rc / (2.0 * G.sigma * G.sigma)), 875.0, 1e-9);
  EXPECT_GT(G.mean_T(), 875.0);
  EXPECT_LT(G.mean_T(), G.T0 + G.dT);
  // Numerical radial quadrature of the disc mean (midpoint, 1e5 rings).
  const int m = 100000;
  double num = 0.0, den = 0.0;
  for (int k = 0; k < m; ++k) {
    const double r = (k + 0.5) * rc / m;
    const double T = G.T0 + G.dT * std::exp(-r * r / (2.0 * G.sigma * G.sigma));
    num += T * r;
    den += r;
  }
  EXPECT_NEAR(num / den, G.mean_T(), 1e-6);
}

// Pixel counting is a lattice-point count in a disc: the error at one grid is
// erratic (Gauss circle problem, typically ~h^1.5 relative) and can briefly
// grow under refinement for one centre. So each level uses 8 centres at
// generic sub-pixel positions, each must meet the rigorous bound below, and
// the RMS over centres must fall at every refinement with order > 1.25.
// Rigorous bound: a pixel is hot iff its centre is inside the disc, so the hot
// pixels and the disc differ only within h/√2 of the circle, an annulus of
// area 4π r_c h/√2: |ΔA|/A ≤ 2√2 h/r_c.
TEST(HotspotGaussian, AreaAndMeanTemperatureConvergeToClosedForm) {
  const Gaussian G;
  const double L = 5.0 * G.sigma;  // T(L) − T0 < 1e-2 K: the domain holds the spot
  const double A = G.area_um2(), Tm = G.mean_T(), rc = std::sqrt(G.rc2());
  const int levels[] = {64, 128, 256, 512, 1024, 2048};
  constexpr int kCentres = 8;
  std::vector<double> rms_area, rms_temp, hs;
  std::printf("  Gaussian hot spot: A = %.6f um^2, T_hs = %.6f K (closed form)\n", A, Tm);
  std::printf("  %6s %8s %12s %12s %12s %12s\n", "n", "h/r_c", "rms dA/A", "max dA/A",
              "rms dT/T", "max dT/T");
  for (int n : levels) {
    const Grid g{n, n, 2.0 * L / n, 2.0 * L / n};
    const double bound = 2.0 * std::sqrt(2.0) * g.dx / rc;
    double sa = 0.0, st = 0.0, ma = 0.0, mt = 0.0;
    for (int k = 1; k <= kCentres; ++k) {
      // Golden-ratio sequences: centres spread over [0, σ/2)² without lattice alignment.
      const double x0 = std::fmod(0.6180339887 * k, 1.0) * 0.5 * G.sigma;
      const double y0 = std::fmod(0.7548776662 * k, 1.0) * 0.5 * G.sigma;
      const std::vector<double> T = sample(G, g, L, x0, y0);
      const HotspotSnapshot s = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr);
      const double ea = (s.hot_area_um2 - A) / A;
      const double et = (s.mean_hot_temperature_K - Tm) / Tm;
      EXPECT_LE(std::abs(ea), bound) << "n=" << n << " centre " << k;
      // The T_hs error comes from the same boundary pixels (each near 875 K
      // instead of the ~1768 K mean), so it is about half the area error.
      EXPECT_LE(std::abs(et), bound) << "n=" << n << " centre " << k;
      // The whole domain is HMX: the fraction is the area over the domain.
      EXPECT_NEAR(s.hot_area_fraction, s.hot_area_um2 / (4.0 * L * L * 1e12), 1e-14);
      sa += ea * ea;
      st += et * et;
      ma = std::max(ma, std::abs(ea));
      mt = std::max(mt, std::abs(et));
    }
    rms_area.push_back(std::sqrt(sa / kCentres));
    rms_temp.push_back(std::sqrt(st / kCentres));
    hs.push_back(g.dx / rc);
    std::printf("  %6d %8.4f %12.3e %12.3e %12.3e %12.3e\n", n, g.dx / rc, rms_area.back(), ma,
                rms_temp.back(), mt);
  }
  for (std::size_t i = 1; i < rms_area.size(); ++i) {
    EXPECT_LT(rms_area[i], rms_area[i - 1]) << "area error grew at n=" << levels[i];
    EXPECT_LT(rms_temp[i], rms_temp[i - 1]) << "T_hs error grew at n=" << levels[i];
  }
  const double doublings = std::log2(hs.front() / hs.back());
  const double order_area = std::log2(rms_area.front() / rms_area.back()) / doublings;
  const double order_temp = std::log2(rms_temp.front() / rms_temp.back()) / doublings;
  std::printf("  observed order: area %.2f, T_hs %.2f\n", order_area, order_temp);
  EXPECT_GT(order_area, 1.25);
  EXPECT_GT(order_temp, 1.25);
  EXPECT_LT(rms_area.back(), 1e-4);
  EXPECT_LT(rms_temp.back(), 1e-4);
}

// ---------------------------------------------------------------------------
// Threshold, units, HMX weighting

TEST(HotspotSnapshot, ThresholdIsStrict) {
  // One row of four 1 µm × 1 µm cells; 875 exactly is cold, 875 + 1e-7 is hot.
  const Grid g{4, 1, 1e-6, 1e-6};
  const std::vector<double> T{874.0, 875.0, 875.0000001, 876.0};
  const HotspotSnapshot s = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr);
  EXPECT_DOUBLE_EQ(s.hot_area_um2, 2.0);
  EXPECT_DOUBLE_EQ(s.hot_area_fraction, 0.5);
  EXPECT_DOUBLE_EQ(s.mean_hot_temperature_K, (875.0000001 + 876.0) / 2.0);

  // PARCv2's 850 K makes all four hot.
  HotspotOptions v2;
  v2.threshold_K = 850.0;
  const HotspotSnapshot s2 = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr, v2);
  EXPECT_DOUBLE_EQ(s2.hot_area_um2, 4.0);
  EXPECT_DOUBLE_EQ(s2.mean_hot_temperature_K, (874.0 + 875.0 + 875.0000001 + 876.0) / 4.0);

  // Threshold at the hottest value: nothing is hot, T_hs is NaN (not 0).
  HotspotOptions top;
  top.threshold_K = 876.0;
  const HotspotSnapshot s3 = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr, top);
  EXPECT_EQ(s3.hot_area_um2, 0.0);
  EXPECT_EQ(s3.hot_area_fraction, 0.0);
  EXPECT_TRUE(std::isnan(s3.mean_hot_temperature_K));
}

TEST(HotspotSnapshot, AreaUsesBothCellSizes) {
  // 3 × 2 cells of 2 µm × 0.5 µm, all hot: 6 µm².
  const Grid g{3, 2, 2e-6, 0.5e-6};
  const std::vector<double> T(6, 1000.0);
  const HotspotSnapshot s = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr);
  EXPECT_NEAR(s.hot_area_um2, 6.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.hot_area_fraction, 1.0);
  EXPECT_DOUBLE_EQ(s.mean_hot_temperature_K, 1000.0);
}

TEST(HotspotSnapshot, HmxFractionWeightsAreaAndTemperature) {
  // Cells: hot void (w=0), hot HMX 1000 K (w=1), hot half-HMX 2000 K (w=0.5), cold HMX.
  const Grid g{4, 1, 1e-6, 1e-6};
  const std::vector<double> T{3000.0, 1000.0, 2000.0, 500.0};
  const std::vector<double> w{0.0, 1.0, 0.5, 1.0};
  const HotspotSnapshot s = hotspot_snapshot(g, T.data(), w.data(), nullptr, nullptr);
  EXPECT_DOUBLE_EQ(s.hot_area_um2, 1.5);                    // void does not count, half counts half
  EXPECT_DOUBLE_EQ(s.hot_area_fraction, 1.5 / 2.5);         // of the HMX area, not the domain
  EXPECT_DOUBLE_EQ(s.mean_hot_temperature_K, (1000.0 * 1.0 + 2000.0 * 0.5) / 1.5);

  // Without the fraction the void cell would count: the weighting matters.
  const HotspotSnapshot all = hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr);
  EXPECT_DOUBLE_EQ(all.hot_area_um2, 3.0);
  EXPECT_DOUBLE_EQ(all.mean_hot_temperature_K, 2000.0);
}

TEST(HotspotSnapshot, VoidCellsAreNotReadAndFractionsAreClamped) {
  const Grid g{3, 1, 1e-6, 1e-6};
  // The phase temperature is undefined where there is no HMX: NaN is allowed there.
  const std::vector<double> T{kNaN, 1000.0, 900.0};
  // Round-off overshoot of a diffuse interface: −1e-12 → 0, 1 + 1e-12 → 1.
  const std::vector<double> w{-1e-12, 1.0 + 1e-12, 1.0};
  const HotspotSnapshot s = hotspot_snapshot(g, T.data(), w.data(), nullptr, nullptr);
  EXPECT_DOUBLE_EQ(s.hot_area_um2, 2.0);
  EXPECT_DOUBLE_EQ(s.hot_area_fraction, 1.0);
  EXPECT_DOUBLE_EQ(s.mean_hot_temperature_K, 950.0);

  // A NaN temperature where there is HMX is a broken field: refuse it.
  const std::vector<double> w_all(3, 1.0);
  EXPECT_THROW(hotspot_snapshot(g, T.data(), w_all.data(), nullptr, nullptr),
               std::invalid_argument);
  EXPECT_THROW(hotspot_snapshot(g, T.data(), nullptr, nullptr, nullptr), std::invalid_argument);
  // So is a NaN fraction.
  const std::vector<double> w_nan{kNaN, 1.0, 1.0};
  const std::vector<double> T_ok{300.0, 300.0, 300.0};
  EXPECT_THROW(hotspot_snapshot(g, T_ok.data(), w_nan.data(), nullptr, nullptr),
               std::invalid_argument);

  // Only void is hot: no hotspot, NaN T_hs.
  const std::vector<double> T_void_hot{2000.0, 300.0, 300.0};
  const std::vector<double> w_void{0.0, 1.0, 1.0};
  const HotspotSnapshot v = hotspot_snapshot(g, T_void_hot.data(), w_void.data(), nullptr, nullptr);
  EXPECT_EQ(v.hot_area_um2, 0.0);
  EXPECT_TRUE(std::isnan(v.mean_hot_temperature_K));
  // No HMX at all: the fraction is undefined.
  const std::vector<double> w_none(3, 0.0);
  EXPECT_TRUE(std::isnan(hotspot_snapshot(g, T_ok.data(), w_none.data(), nullptr, nullptr)
                             .hot_area_fraction));
}

TEST(HotspotSnapshot, RejectsBadInput) {
  const std::vector<double> T(4, 300.0);
  EXPECT_THROW(hotspot_snapshot(Grid{0, 4, 1e-6, 1e-6}, T.data(), nullptr, nullptr, nullptr),
               std::invalid_argument);
  EXPECT_THROW(hotspot_snapshot(Grid{2, 2, 0.0, 1e-6}, T.data(), nullptr, nullptr, nullptr),
               std::invalid_argument);
  EXPECT_THROW(hotspot_snapshot(Grid{2, 2, 1e-6, 1e-6}, nullptr, nullptr, nullptr, nullptr),
               std::invalid_argument);
  HotspotOptions bad;
  bad.threshold_K = kNaN;
  EXPECT_THROW(hotspot_snapshot(Grid{2, 2, 1e-6, 1e-6}, T.data(), nullptr, nullptr, nullptr, bad),
               std::invalid_argument);
}

TEST(HotspotSnapshot, ReactedMassFractionIsMassWeighted) {
  // Σ w ρ λ / Σ w ρ: the void cell (w = 0) carries λ = 0.9 and must not count.
  const Grid g{2, 2, 1e-6, 1e-6};
  const std::vector<double> T(4, 300.0);
  const std::vector<double> w{1.0, 1.0, 0.5, 0.0};
  const std::vector<double> rho{1800.0, 1900.0, 2000.0, 1000.0};
  const std::vector<double> lam{0.0, 0.5, 1.0, 0.9};
  const HotspotSnapshot s = hotspot_snapshot(g, T.data(), w.data(), rho.data(), lam.data());
  const double expected = (1900.0 * 0.5 + 0.5 * 2000.0 * 1.0) / (1800.0 + 1900.0 + 0.5 * 2000.0);
  EXPECT_NEAR(s.reacted_mass_fraction, expected, 1e-15);
  // Not the volume-weighted mean (0 + 0.5 + 0.5)/2.5 = 0.4: the density matters.
  EXPECT_GT(std::abs(s.reacted_mass_fraction - 0.4), 1e-3);

  // Uniform progress gives itself back whatever the densities.
  const std::vector<double> lam_u(4, 0.25);
  EXPECT_NEAR(hotspot_snapshot(g, T.data(), w.data(), rho.data(), lam_u.data())
                  .reacted_mass_fraction,
              0.25, 1e-15);
  // Missing density or progress: NaN, not a guess.
  EXPECT_TRUE(std::isnan(
      hotspot_snapshot(g, T.data(), w.data(), nullptr, lam.data()).reacted_mass_fraction));
  EXPECT_TRUE(std::isnan(
      hotspot_snapshot(g, T.data(), w.data(), rho.data(), nullptr).reacted_mass_fraction));
}

// ---------------------------------------------------------------------------
// Series and errors

// Snapshots whose A_hs and T_hs are linear in t: forward differences are exact.
constexpr double kA0 = 2.0, kAdot = 5e9;       // µm², µm²/s
constexpr double kT0 = 1000.0, kTdot = 3e11;   // K, K/s
const std::vector<double> kTimes{0.0, 1e-9, 3e-9, 3.5e-9, 7e-9};  // non-uniform on purpose

std::vector<HotspotSnapshot> linear_snapshots(double area_offset = 0.0, double temp_offset = 0.0) {
  std::vector<HotspotSnapshot> v;
  for (double t : kTimes) {
    HotspotSnapshot s;
    s.hot_area_um2 = kA0 + kAdot * t + area_offset;
    s.hot_area_fraction = s.hot_area_um2 / 100.0;
    s.mean_hot_temperature_K = kT0 + kTdot * t + temp_offset;
    s.reacted_mass_fraction = 0.1 * t / 7e-9;
    v.push_back(s);
  }
  return v;
}

TEST(HotspotSeries, ForwardDifferencesAreExactForLinearCurves) {
  const HotspotSeries s = hotspot_series(kTimes, linear_snapshots());
  ASSERT_EQ(s.t.size(), kTimes.size());
  ASSERT_EQ(s.area_rate.size(), kTimes.size());
  ASSERT_EQ(s.temperature_rate.size(), kTimes.size());
  for (std::size_t k = 0; k < kTimes.size(); ++k) {
    EXPECT_NEAR(s.area_rate[k], kAdot, 1e-9 * kAdot) << "k=" << k;
    EXPECT_NEAR(s.temperature_rate[k], kTdot, 1e-9 * kTdot) << "k=" << k;
    EXPECT_DOUBLE_EQ(s.area_um2[k], kA0 + kAdot * kTimes[k]);
    EXPECT_DOUBLE_EQ(s.area_fraction[k], s.area_um2[k] / 100.0);
  }
}

TEST(HotspotSeries, LastRateRepeatsThePreviousOne) {
  // Quadratic area: forward differences differ per interval, so the
  // convention is visible. A = t² (t in ns), so rate_k = t_k + t_{k+1}.
  const std::vector<double> t{0.0, 1.0, 3.0, 4.0};
  std::vector<HotspotSnapshot> snaps(t.size());
  for (std::size_t k = 0; k < t.size(); ++k) {
    snaps[k].hot_area_um2 = t[k] * t[k];
    snaps[k].mean_hot_temperature_K = 900.0;
  }
  const HotspotSeries s = hotspot_series(t, snaps);
  EXPECT_DOUBLE_EQ(s.area_rate[0], 1.0);
  EXPECT_DOUBLE_EQ(s.area_rate[1], 4.0);
  EXPECT_DOUBLE_EQ(s.area_rate[2], 7.0);
  EXPECT_DOUBLE_EQ(s.area_rate[3], 7.0);  // repeated, not a backward difference
  EXPECT_DOUBLE_EQ(s.temperature_rate[3], 0.0);
}

TEST(HotspotSeries, UndefinedTemperatureGivesUndefinedRates) {
  std::vector<HotspotSnapshot> snaps = linear_snapshots();
  snaps[2].mean_hot_temperature_K = kNaN;  // nothing hot at t_2
  const HotspotSeries s = hotspot_series(kTimes, snaps);
  EXPECT_NEAR(s.temperature_rate[0], kTdot, 1e-9 * kTdot);
  EXPECT_TRUE(std::isnan(s.temperature_rate[1]));  // into the gap
  EXPECT_TRUE(std::isnan(s.temperature_rate[2]));  // out of it
  EXPECT_NEAR(s.temperature_rate[3], kTdot, 1e-9 * kTdot);
  EXPECT_NEAR(s.area_rate[2], kAdot, 1e-9 * kAdot);  // area is always defined

  // One snapshot: no rate.
  const HotspotSeries one = hotspot_series({0.0}, {snaps[0]});
  EXPECT_TRUE(std::isnan(one.area_rate[0]));
  EXPECT_TRUE(std::isnan(one.temperature_rate[0]));
}

TEST(HotspotSeries, RejectsBadTimes) {
  const std::vector<HotspotSnapshot> snaps = linear_snapshots();
  EXPECT_THROW(hotspot_series({0.0, 1.0}, snaps), std::invalid_argument);
  std::vector<double> t = kTimes;
  t[3] = t[2];  // repeated time
  EXPECT_THROW(hotspot_series(t, snaps), std::invalid_argument);
  t = kTimes;
  t[4] = kNaN;
  EXPECT_THROW(hotspot_series(t, snaps), std::invalid_argument);
}

TEST(HotspotCompare, IdenticalSeriesHaveZeroError) {
  const HotspotSeries s = hotspot_series(kTimes, linear_snapshots());
  const SeriesErrors e = compare(s, s);
  EXPECT_EQ(e.area_rmse, 0.0);
  EXPECT_EQ(e.area_rate_rmse, 0.0);
  EXPECT_EQ(e.temperature_rmse, 0.0);
  EXPECT_EQ(e.temperature_rate_rmse, 0.0);
  EXPECT_EQ(e.reacted_rmse, 0.0);
  EXPECT_EQ(e.temperature_samples, static_cast<int>(kTimes.size()));
  EXPECT_EQ(e.hot_mismatch_samples, 0);
}

TEST(HotspotCompare, ConstantOffsetGivesItsMagnitude) {
  const HotspotSeries ref = hotspot_series(kTimes, linear_snapshots());
  const HotspotSeries model = hotspot_series(kTimes, linear_snapshots(-12.5, 40.0));
  const SeriesErrors e = compare(model, ref);
  EXPECT_NEAR(e.area_rmse, 12.5, 1e-9);
  EXPECT_NEAR(e.temperature_rmse, 40.0, 1e-9);
  // An offset does not change the rates (up to round-off of the differences).
  EXPECT_NEAR(e.area_rate_rmse, 0.0, 1e-6 * kAdot);
  EXPECT_NEAR(e.temperature_rate_rmse, 0.0, 1e-6 * kTdot);
  EXPECT_EQ(e.reacted_rmse, 0.0);
}

TEST(HotspotCompare, RmseOfVaryingErrors) {
  // Area errors +3 and −4 at two times: sqrt((9 + 16)/2).
  const std::vector<double> t{0.0, 1e-9};
  std::vector<HotspotSnapshot> r(2), m(2);
  r[0].hot_area_um2 = 10.0;
  r[1].hot_area_um2 = 20.0;
  m[0].hot_area_um2 = 13.0;
  m[1].hot_area_um2 = 16.0;
  for (auto* v : {&r, &m})
    for (auto& s : *v) s.mean_hot_temperature_K = 1000.0;
  const SeriesErrors e = compare(hotspot_series(t, m), hotspot_series(t, r));
  EXPECT_NEAR(e.area_rmse, std::sqrt(12.5), 1e-12);
  // Rates 10/1e-9 (ref) and 3/1e-9 (model) at both points: error 7e9.
  EXPECT_NEAR(e.area_rate_rmse, 7e9, 1e-3);
}

TEST(HotspotCompare, MissingHotspotIsCountedNotAveraged) {
  // The reference has no hotspot at t_0 (T_hs NaN), the model has one at 900 K.
  std::vector<HotspotSnapshot> r = linear_snapshots(), m = linear_snapshots(0.0, 10.0);
  r[0].mean_hot_temperature_K = kNaN;
  m[0].mean_hot_temperature_K = 900.0;
  const SeriesErrors e = compare(hotspot_series(kTimes, m), hotspot_series(kTimes, r));
  EXPECT_EQ(e.temperature_samples, static_cast<int>(kTimes.size()) - 1);
  EXPECT_EQ(e.hot_mismatch_samples, 1);
  EXPECT_NEAR(e.temperature_rmse, 10.0, 1e-9);  // over the times both define
  EXPECT_FALSE(std::isnan(e.temperature_rate_rmse));

  // Never hot in either: temperature errors are undefined, not 0.
  for (auto* v : {&r, &m})
    for (auto& s : *v) s.mean_hot_temperature_K = kNaN;
  const SeriesErrors none = compare(hotspot_series(kTimes, m), hotspot_series(kTimes, r));
  EXPECT_TRUE(std::isnan(none.temperature_rmse));
  EXPECT_TRUE(std::isnan(none.temperature_rate_rmse));
  EXPECT_EQ(none.temperature_samples, 0);
  EXPECT_EQ(none.area_rmse, 0.0);
}

TEST(HotspotCompare, MismatchedTimesThrow) {
  const HotspotSeries ref = hotspot_series(kTimes, linear_snapshots());
  std::vector<double> t = kTimes;
  t[2] *= 1.0 + 1e-6;  // a different time
  EXPECT_THROW(compare(hotspot_series(t, linear_snapshots()), ref), std::invalid_argument);
  // A different number of times.
  std::vector<double> t4(kTimes.begin(), kTimes.end() - 1);
  std::vector<HotspotSnapshot> s4 = linear_snapshots();
  s4.pop_back();
  EXPECT_THROW(compare(hotspot_series(t4, s4), ref), std::invalid_argument);
  // Times equal to round-off (e.g. written to a file and read back) are the same.
  t = kTimes;
  t[2] *= 1.0 + 1e-14;
  EXPECT_NO_THROW(compare(hotspot_series(t, linear_snapshots()), ref));
  // Empty series.
  EXPECT_THROW(compare(HotspotSeries{}, HotspotSeries{}), std::invalid_argument);
}

TEST(HotspotCompare, MeanOverRunsSkipsUndefinedEntries) {
  SeriesErrors a, b;
  a.area_rmse = 1.0;
  b.area_rmse = 3.0;
  a.temperature_rmse = 10.0;
  b.temperature_rmse = kNaN;  // run b never had a hotspot
  a.temperature_samples = 5;
  b.hot_mismatch_samples = 2;
  const SeriesErrors m = mean_over_runs({a, b});
  EXPECT_DOUBLE_EQ(m.area_rmse, 2.0);
  EXPECT_DOUBLE_EQ(m.temperature_rmse, 10.0);
  EXPECT_EQ(m.temperature_samples, 5);
  EXPECT_EQ(m.hot_mismatch_samples, 2);
  EXPECT_THROW(mean_over_runs({}), std::invalid_argument);
}

// ---------------------------------------------------------------------------
// Field RMSE

TEST(FieldRmse, ConstantOffset) {
  const Grid g{5, 3, 1e-6, 2e-6};
  std::vector<double> a(g.cells()), b(g.cells());
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = 300.0 + 7.0 * static_cast<double>(i);
    b[i] = a[i] - 25.0;
  }
  EXPECT_NEAR(field_rmse(g, a.data(), b.data()), 25.0, 1e-12);
  EXPECT_NEAR(field_rmse(g, b.data(), a.data()), 25.0, 1e-12);
  EXPECT_EQ(field_rmse(g, a.data(), a.data()), 0.0);
  // Uniform weights of any size give the unweighted value.
  const std::vector<double> w(g.cells(), 0.3);
  EXPECT_NEAR(field_rmse(g, a.data(), b.data(), w.data()), 25.0, 1e-12);
}

TEST(FieldRmse, WeightsSelectAndMix) {
  // Left half offset by 2 with weight 1, right half offset by 6 with weight 3,
  // plus a masked-out column holding NaN.
  const Grid g{5, 2, 1e-6, 1e-6};
  std::vector<double> a(g.cells(), 0.0), b(g.cells()), w(g.cells());
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const std::size_t c = static_cast<std::size_t>(j * g.nx + i);
      if (i < 2) {
        b[c] = 2.0;
        w[c] = 1.0;
      } else if (i < 4) {
        b[c] = -6.0;
        w[c] = 3.0;
      } else {
        a[c] = kNaN;
        b[c] = 1e30;
        w[c] = 0.0;
      }
    }
  EXPECT_NEAR(field_rmse(g, a.data(), b.data(), w.data()),
              std::sqrt((1.0 * 4.0 + 3.0 * 36.0) / (1.0 + 3.0)), 1e-12);
  // Unweighted, the NaN column is read and refused.
  EXPECT_THROW(field_rmse(g, a.data(), b.data()), std::invalid_argument);
  // All weights zero: undefined.
  const std::vector<double> zero(g.cells(), 0.0);
  EXPECT_TRUE(std::isnan(field_rmse(g, a.data(), b.data(), zero.data())));
  // A negative weight is an error, not a subtraction.
  w[0] = -1.0;
  EXPECT_THROW(field_rmse(g, a.data(), b.data(), w.data()), std::invalid_argument);
  EXPECT_THROW(field_rmse(Grid{0, 2, 1e-6, 1e-6}, a.data(), b.data()), std::invalid_argument);
}

}  // namespace
