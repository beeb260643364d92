// A hot slab of HMX in cold HMX, with Arrhenius chemistry and heat
// conduction: one much thinner than the Frank-Kamenetskii critical size
// cools by conduction before it reacts (quench); one much thicker runs away
// (growth).
//
// 1D, x ≥ 0 with a symmetry plane (reflecting) at the slab centre x = 0 and
// outflow at the far end. The bulk is HMX shocked to 5 GPa (its Hugoniot
// state, 389 K), at rest; the slab |x| < w is at T_hot = 1400 K and the same
// pressure, at the lower density that puts it in pressure equilibrium, so no
// strong acoustic transient starts. (At 1e5 Pa the HMX Mie–Grüneisen EOS
// cannot hold 1400 K: its temperature at fixed pressure peaks at about 860 K
// near 1500 kg/m³, in tension far outside the fitted Hugoniot.)
//
// Critical size (Frank-Kamenetskii, slab with fixed surface temperature):
// δ = w² ρ Q Z T_a exp(−T_a/T) / (κ T²) = w² / (D t_ad) reaches 0.88, with
// D = κ/(ρ cv) and Menikoff's adiabatic induction time t_ad. At 1400 K,
// t_ad = 1.82 ns and w_c = sqrt(0.88 D t_ad) = 15.5 nm at the hot slab's
// density (16.2 nm at 1900 kg/m³). The estimate holds the surroundings at
// T_hot; a slab in colder surroundings loses heat to them as well, and
// needs to be larger: the solver's threshold (DISABLED_Bracket… below) lies
// between 47 and 50 nm. The slabs here are 5 nm and 100 nm.
#include "field_probe.hpp"
#include "mpi_test.hpp"
#include "hydro/evolve.hpp"
#include "multiphase/five_eq_solver.hpp"
#include "multiphase/materials.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace ember::hydro::testing {
namespace {

constexpr double kTHot = 1400.0;
constexpr double kBulkPressure = 5e9;

// The shocked bulk, at rest.
MixedCell bulk_cell(const HmxGas& mix) {
  MixedCell c = shocked_cell(mix, 1.0, mix.phase1.particle_velocity_for_pressure(kBulkPressure - kAmbientPressure));
  c.u = 0.0;
  return c;
}

// HMX temperature at density ρ and pressure p.
double temperature(const MieGruneisen& h, double rho, double p) { return h.temperature(rho, h.energy(rho, p)); }

// Density of HMX at temperature T on the bulk's pressure, by bisection
// between the reference density (2169 K at 5 GPa) and the bulk's (389 K),
// where T falls as ρ rises.
double hot_density(const HmxGas& mix, double T) {
  const MixedCell bulk = bulk_cell(mix);
  double lo = mix.phase1.rho0, hi = bulk.rho1;
  for (int k = 0; k < 100; ++k) {
    const double mid = 0.5 * (lo + hi);
    (temperature(mix.phase1, mid, bulk.p) > T ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

struct SlabRun {
  double T_end = 0.0, lam_end = 0.0;  // hottest and most reacted cell at the end
  double T_peak = 0.0;                // hottest cell at any step
  double t_half = -1.0;               // when λ first passed 1/2 anywhere, s (−1: never)
  long long steps = 0;
};

// A slab of half-width w on cells of width dx in [0, length], run to the
// last of `times` (or, with stop_at_runaway, to the first of them after λ
// passed 1/2), printing the hottest cell and λ at each.
SlabRun run_slab(double w, double dx, double length, const std::vector<double>& times,
                 bool stop_at_runaway = false) {
  const HmxGas mix = hmx_in_air();
  FiveEqConfig cfg;
  cfg.materials = mix;
  cfg.mesh = {static_cast<int>(std::lround(length / dx)), 1, 0.0, length, 0.0, 1.0};
  cfg.bcs[kXlo].kind = BcKind::Reflect;
  cfg.bcs[kXhi].kind = BcKind::Outflow;
  cfg.cfl = 0.8;
  cfg.reactive = true;
  cfg.conductivity = kHmxConductivity;
  auto s = make_five_eq_solver(MPI_COMM_WORLD, cfg);
  const double rho_hot = hot_density(mix, kTHot);
  s->initialise([&](Real x0, Real x1, Real, Real) {
    MixedCell c = bulk_cell(mix);
    if (0.5 * (x0 + x1) < w) c.rho1 = rho_hot;
    return c;
  });

  FieldProbe probe(*s);
  SlabRun r;
  double t = 0.0;
  for (const double t_out : times) {
    r.steps += evolve(*s, t, t_out, 10000000, [&](const StepInfo& st) {
      probe.update();
      r.T_end = probe.max(F_T1);
      r.lam_end = probe.max(F_LAM);
      r.T_peak = std::max(r.T_peak, r.T_end);
      if (r.t_half < 0.0 && r.lam_end > 0.5) r.t_half = st.t;
    });
    if (world_rank() == 0)
      std::printf("[ w %5.1f nm ] t %6.3f ns: max T %5.0f K, max λ %.2e, max p %5.2f GPa\n", 1e9 * w, 1e9 * t,
                  r.T_end, r.lam_end, 1e-9 * probe.max(F_P));
    if (stop_at_runaway && r.t_half >= 0.0) break;
  }
  return r;
}

// The thermal properties of the hot slab: Menikoff's adiabatic induction
// time and the Frank-Kamenetskii critical half-width.
struct SlabScales {
  double rho_hot, t_ad, D, w_c;
};

SlabScales slab_scales() {
  const HmxGas mix = hmx_in_air();
  SlabScales sc;
  sc.rho_hot = hot_density(mix, kTHot);
  sc.t_ad = Arrhenius{}.induction_time(kTHot, mix.phase1.cv);
  sc.D = kHmxConductivity / (sc.rho_hot * mix.phase1.cv);
  sc.w_c = std::sqrt(0.88 * sc.D * sc.t_ad);
  return sc;
}

TEST(HotspotCriticality, ThinSlabQuenchesThickSlabRunsAway) {
  const HmxGas mix = hmx_in_air();
  const MieGruneisen& h = mix.phase1;
  const MixedCell bulk = bulk_cell(mix);
  const SlabScales sc = slab_scales();
  ASSERT_NEAR(temperature(h, sc.rho_hot, bulk.p), kTHot, 1e-6);
  if (world_rank() == 0)
    std::printf("hot slab %.1f kg/m3 (bulk %.1f kg/m3, %.1f K): D %.3e m2/s, t_ad %.3e s, w_c %.2f nm\n",
                sc.rho_hot, bulk.rho1, temperature(h, bulk.rho1, bulk.p), sc.D, sc.t_ad, 1e9 * sc.w_c);
  std::vector<double> times;
  for (const double f : {0.05, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0}) times.push_back(f * sc.t_ad);
  // 10 cells across each half-width; the far end beyond the reach of
  // conduction over the run (sqrt(D·3t_ad) = 29 nm).
  const SlabRun thin = run_slab(5e-9, 0.5e-9, 80e-9, times);
  const SlabRun thick = run_slab(100e-9, 2e-9, 300e-9, times);
  if (world_rank() != 0) return;
  std::printf("thin: peak T %.0f K; thick: peak T %.0f K, λ passed 1/2 at %.2f t_ad; %lld + %lld steps\n",
              thin.T_peak, thick.T_peak, thick.t_half / sc.t_ad, thin.steps, thick.steps);

  // Quench (w = w_c/3, δ = 0.09): the slab never heats above its start, its
  // burnt fraction stays below 1 % (released heat < 39 K), and after 3 t_ad
  // it is below 600 K, where t_ad is 9 ms.
  EXPECT_LT(thin.T_peak, kTHot + 1.0);
  EXPECT_LT(thin.lam_end, 0.01);
  EXPECT_LT(thin.T_end, 600.0);
  // Growth (w = 6.5 w_c, δ = 37, twice the measured threshold): the slab burns out within 3 t_ad and heats
  // by more than 40 % of Q/cv; it runs away after t_ad (the constant-volume
  // ODE does so at 1.27 t_ad, and the slab expands as it heats) but within
  // 2 t_ad.
  EXPECT_GT(thick.lam_end, 0.99);
  EXPECT_GT(thick.T_peak, kTHot + 0.4 * Arrhenius{}.Q / h.cv);
  EXPECT_GT(thick.t_half, sc.t_ad);
  EXPECT_LT(thick.t_half, 2.0 * sc.t_ad);
}

// Brackets the critical half-width by bisection between the two slabs above:
// a slab is supercritical if λ passes 1/2 within 10 t_ad. Slow (minutes):
// run it with --gtest_also_run_disabled_tests --gtest_filter='*Bracket*'.
TEST(HotspotCriticality, DISABLED_BracketTheCriticalHalfWidth) {
  const SlabScales sc = slab_scales();
  std::vector<double> times;
  for (int k = 1; k <= 10; ++k) times.push_back(k * sc.t_ad);
  const double reach = 6.0 * std::sqrt(sc.D * times.back());
  double lo = 5e-9, hi = 100e-9;
  while (hi / lo > 1.05) {
    const double w = std::sqrt(lo * hi);
    const bool runs_away = run_slab(w, w / 10.0, w + reach, times, true).t_half >= 0.0;
    (runs_away ? hi : lo) = w;
  }
  if (world_rank() == 0)
    std::printf("critical half-width between %.2f and %.2f nm; Frank-Kamenetskii w_c %.2f nm\n", 1e9 * lo,
                1e9 * hi, 1e9 * sc.w_c);
}

}  // namespace
}  // namespace ember::hydro::testing
