// Evaluation of meso models on held-out runs (docs/learning.md): every model
// rolls out from snapshot 0 of a run over the whole run and is scored against
// the data by the field RMSE of T and P and by the hotspot curves of
// closure/metrics (A_hs, T_hs and their rates); a model with an ensemble also
// gets the spread of its curves. A model is only a rollout function, so the
// latent model, PARC and persistence are scored by one piece of code.
#pragma once

#include "dataset_tensors.hpp"
#include "hotspot_metrics.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ember::learn {

// A rollout from one snapshot, normalised fields: mean [steps + 1, 3, H, W]
// with index 0 the given snapshot, index k the prediction k snapshot
// intervals later; ensemble [members, steps + 1, 3, H, W], undefined for a
// deterministic model.
struct ModelRollout {
  torch::Tensor mean, ensemble;
};

// (first snapshot [3, H, W] normalised, normalised shock pressure, snapshot
// intervals) → the rollout.
using RolloutFunction =
    std::function<ModelRollout(const torch::Tensor& first, double pressure, std::int64_t steps)>;

struct EvaluatedModel {
  std::string name;  // "latent", "parc", "persistence": a column of the results
  RolloutFunction rollout;
};

// The trivial baseline: snapshot 0 held for every later snapshot.
ModelRollout persistence_rollout(const torch::Tensor& first, std::int64_t steps);

// Scores of one model on one run. Field RMSEs run over snapshots 1 … n − 1
// and the real cells (the mask), in K and GPa; the hotspot errors compare
// the model's curves with the data's over every snapshot (metrics::compare).
struct RunScores {
  std::string run;
  bool finite = true;  // false: the rollout left the finite numbers, every score is NaN
  double temperature_rmse_K = 0, pressure_rmse_GPa = 0;
  metrics::HotspotSeries series;  // the model's curves
  metrics::SeriesErrors hotspot;  // against the data's
  // Standard deviation over the ensemble members per snapshot (T_hs over the
  // members with a hotspot, NaN with fewer than two); empty without ensemble.
  std::vector<double> temperature_spread_K, area_spread_um2;
  double rollout_seconds = 0;  // wall time of the model's rollout
};

struct ModelScores {
  std::string name;
  std::vector<RunScores> runs;
  // Over every run's cells and snapshots (runs of one set have the same size).
  double temperature_rmse_K = 0, pressure_rmse_GPa = 0;
  metrics::SeriesErrors hotspot;  // metrics::mean_over_runs of the runs' errors
  // Mean over the runs of each run's mean spread over the snapshots where it
  // is defined; NaN without ensemble.
  double temperature_spread_K = 0, area_spread_um2 = 0;
  int diverged_runs = 0;       // runs whose rollout was not finite (left out of the means)
  double rollout_seconds = 0;  // wall time of the rollouts
};

struct Evaluation {
  std::string data_file, data_hash;
  std::vector<std::string> runs;  // the runs scored
  std::vector<double> shock_pressure_GPa;
  std::vector<metrics::HotspotSeries> reference;  // the data's curves, per run
  std::vector<ModelScores> models;
};

// The hotspot curves of a rollout or a run's snapshots [time, 3, H, W]
// (normalised), snapshot k at k·snapshot_dt_s: T is the field's temperature
// in K, the HMX fraction 1 − μ, on the real cells only. The data's curves are
// computed this way from its own tensors (not read from the file), so that a
// model and the data are measured with one definition.
metrics::HotspotSeries hotspot_curves(const DatasetTensors& data, const torch::Tensor& fields);

// Rolls every model out from snapshot 0 of each run in `runs` over the
// whole run and scores it. Throws std::invalid_argument when runs is empty
// or a rollout has the wrong shape.
Evaluation evaluate_models(const DatasetTensors& data, const std::vector<std::int64_t>& runs,
                           const std::vector<EvaluatedModel>& models);

// Throws std::runtime_error naming `checkpoint` unless the training stage
// that wrote it used none of `held_out` (run names) for training or
// selection and trained on `data` (same hash): its text entries
// "train_runs" and "split_validation" (where recorded) are checked, and its
// recorded data.split_seed against split_seed.
void check_held_out(const std::filesystem::path& checkpoint, const std::string& stage,
                    const DatasetTensors& data, const std::vector<std::string>& held_out,
                    std::uint64_t split_seed);

// Writes <dir>/evaluation.csv (a row per model and run, and a row "mean" per
// model: the ModelScores) and <dir>/evaluation_curves.csv (per model, run
// and snapshot the hotspot curves, with the data as model "data" and the
// ensemble spread where there is one). NaN is written as "nan".
void write_evaluation(const std::filesystem::path& dir, const Evaluation& evaluation);

// The mean rows as a readable table, one line per model.
std::string evaluation_table(const Evaluation& evaluation);

// The columns of evaluation.csv after "model,run", in order; the study reads
// its cells' results back by these names.
const std::vector<std::string>& evaluation_columns();
// Values of a ModelScores' mean row in the order of evaluation_columns().
std::vector<double> mean_row(const ModelScores& scores);

}  // namespace ember::learn
