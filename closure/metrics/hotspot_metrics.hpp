// Hotspot metrics of 2D void-collapse fields, defined as in the PARC line of
// work (PARC v1, LatentPARC, PARCv2), so that the data generator, the trainer
// and the tests score runs the same way.
//
// Definitions (one snapshot; a 2D planar field of cells dx × dy):
//   w_i   HMX-phase volume fraction of cell i, clamped to [0, 1] (the weight)
//   hot   T_i > threshold, strictly (a cell exactly at the threshold is cold)
//   A_hs  = Σ_hot w_i dx dy                       (µm²)
//   f_hs  = Σ_hot w_i / Σ_all w_i                 (fraction of the HMX area)
//   T_hs  = Σ_hot w_i T_i / Σ_hot w_i             (K; NaN when nothing is hot)
//   λ_m   = Σ w_i ρ_i λ_i / Σ w_i ρ_i             (reacted mass fraction)
// T is the HMX-phase temperature. Weighting by w makes a mixed cell with
// w = 0.3 contribute 0.3 of its area to A_hs and weight 0.3 to T_hs: at a
// diffuse interface only the HMX part of a cell is explosive, and a hot gas or
// void cell (w = 0) must not count as a hotspot at all. Cells with w = 0 are
// skipped before their values are read, so they may hold NaN (phase
// temperatures are undefined where the phase is absent).
//
// Time series and errors: rates by forward differences (PARC convention); a
// model is scored against a reference by the RMSE of each curve over the
// snapshot times. See hotspot_series and compare for the edge cases.
//
// Plain C++17, no dependencies: fields are row-major arrays [ny][nx] of
// nx·ny doubles passed by pointer.
#pragma once

#include <cstddef>
#include <vector>

namespace ember::metrics {

// A row-major field [ny][nx] (x varies fastest) of cells dx × dy, in metres.
struct Grid {
  int nx = 0, ny = 0;
  double dx = 0.0, dy = 0.0;
  std::size_t cells() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
  }
};

struct HotspotOptions {
  // K. 875 K in PARC v1 and LatentPARC, 850 K in PARCv2. A cell is hot when
  // T > threshold_K strictly, as PARC's `T > threshold` mask.
  double threshold_K = 875.0;
};

struct HotspotSnapshot {
  double hot_area_um2 = 0.0;           // A_hs, µm²
  double hot_area_fraction = 0.0;      // A_hs / HMX area; NaN if there is no HMX
  double mean_hot_temperature_K = 0.0; // T_hs; NaN when no HMX is hot (see below)
  double reacted_mass_fraction = 0.0;  // NaN unless density and progress are given
};

// Metrics of one snapshot.
//   temperature   [ny][nx] HMX-phase temperature, K (required)
//   hmx_fraction  [ny][nx] HMX volume fraction; nullptr = every cell is HMX.
//                 Clamped to [0, 1] because diffuse-interface solvers overshoot
//                 by round-off, and a negative weight would subtract area.
//   density       [ny][nx] HMX-phase density, kg/m³ (w·ρ is then the HMX mass
//                 per volume); progress [ny][nx] reaction progress λ in [0, 1].
//                 Either nullptr → reacted_mass_fraction = NaN.
// When nothing is hot T_hs is NaN, not 0 or the threshold: any number would
// be a temperature no cell has, and would enter the RMSE as if it were data.
// Throws std::invalid_argument on a bad grid, a non-finite threshold, a null
// temperature, or a NaN/inf value read from a cell with w > 0.
HotspotSnapshot hotspot_snapshot(const Grid& grid, const double* temperature,
                                 const double* hmx_fraction, const double* density,
                                 const double* progress,
                                 const HotspotOptions& options = {});

// Curves of one run over time. t in seconds (rates are then per second).
struct HotspotSeries {
  std::vector<double> t;                 // s
  std::vector<double> area_um2;          // A_hs, µm²
  std::vector<double> area_fraction;     // A_hs / HMX area
  std::vector<double> area_rate;         // dA_hs/dt, µm²/s
  std::vector<double> temperature;       // T_hs, K (NaN where nothing is hot)
  std::vector<double> temperature_rate;  // dT_hs/dt, K/s
  std::vector<double> reacted;           // reacted mass fraction
};

// Builds the series from snapshots at strictly increasing times.
// Rates: rate_k = (q_{k+1} − q_k)/(t_{k+1} − t_k) for k < n−1, and the last
// rate repeats rate_{n−2} (PARC), so every curve has n points. With a single
// snapshot the rates are NaN. A temperature rate touching a NaN T_hs is NaN:
// the rate of a hotspot that does not exist at one end is undefined.
// Throws std::invalid_argument if the sizes differ or times do not increase.
HotspotSeries hotspot_series(const std::vector<double>& times,
                             const std::vector<HotspotSnapshot>& snapshots);

// RMSE of each model curve against the reference one over the snapshot times.
struct SeriesErrors {
  double area_rmse = 0.0;              // µm²
  double area_rate_rmse = 0.0;         // µm²/s
  double temperature_rmse = 0.0;       // K
  double temperature_rate_rmse = 0.0;  // K/s
  double reacted_rmse = 0.0;           // NaN unless both runs carry it at every time
  // Temperature curves are NaN where nothing is hot. Their RMSE runs over the
  // times where both curves are defined (NaN if there is none); a model that
  // misses (or invents) a hotspot is already penalised by area_rmse, and the
  // number of such times is reported here so that it cannot pass unnoticed.
  int temperature_samples = 0;         // times entering temperature_rmse
  int hot_mismatch_samples = 0;        // times where exactly one curve is NaN
};

// Model-vs-reference errors. The two series must have the same times (equal
// to 1e-9 of the largest |t|, so times that went through a file compare
// equal); otherwise, or if either is empty, throws std::invalid_argument.
// reacted_rmse is NaN if any reacted value of either series is NaN.
SeriesErrors compare(const HotspotSeries& model, const HotspotSeries& reference);

// Mean over held-out runs of the per-run errors: each run weighs equally
// whatever its length. A NaN entry (a run with no defined temperature
// sample, or no reacted fraction) is left out of that field's mean; the
// sample counts are summed. Throws std::invalid_argument if runs is empty.
SeriesErrors mean_over_runs(const std::vector<SeriesErrors>& runs);

// sqrt(Σ w_i (a_i − b_i)² / Σ w_i), w_i = 1 when weight is nullptr: the RMSE
// between two fields (T, P over a rollout), optionally restricted by a mask
// (e.g. the HMX fraction). Cells with w_i = 0 are skipped, so they may hold
// NaN. NaN if Σ w_i = 0. Throws std::invalid_argument on a bad grid, a null
// field, a negative or non-finite weight, or a non-finite a_i, b_i with w_i > 0.
double field_rmse(const Grid& grid, const double* a, const double* b,
                  const double* weight = nullptr);

}  // namespace ember::metrics
