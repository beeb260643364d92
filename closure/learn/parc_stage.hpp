// Stage "parc" of ember-train: trains the PARC baseline (parc.hpp) on the
// training runs of the meso set alone, on windows of multi-step rollouts with
// a growing length, keeps the weights that roll out best on the validation
// runs, and reports the field RMSE of full rollouts on every part of the split
// against persistence (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "stage.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ember::learn {

struct ParcEpoch {
  std::int64_t rollout_length = 0;  // window length (steps) of this epoch
  double train_loss = 0;            // mean over the epoch's batches
  double validation_score = 0;      // mean normalised MSE of T and P; NaN without validation runs
};

// Field RMSE of full rollouts from snapshot 0 over snapshots 1 … n − 1 and the
// real cells, in the field's report unit (K, GPa, 1); persistence holds
// snapshot 0.
struct RolloutErrors {
  double rmse = 0, persistence_rmse = 0;
};

struct ParcReport {
  std::vector<ParcEpoch> history;  // every epoch, including those before a resume
  std::int64_t best_epoch = 0;     // 1-based epoch of the selected weights
  std::vector<std::string> train_runs;
  // "train", "validation", "test" → errors per field; parts without runs are absent.
  std::map<std::string, std::array<RolloutErrors, 3>> errors;
  std::filesystem::path checkpoint;  // model, optimizer and history (resume)
  std::filesystem::path model_file;  // the selected weights (load_parc)
  double train_seconds = 0;          // wall time of the epochs run by this call
};

// Reads every key of the stage from config (then rejects unknown keys), sets
// the thread count, loads the data, trains from scratch or, with resume,
// from the checkpoint in run.out_dir, and evaluates. Progress lines go to log.
// Throws ConfigError for bad settings, std::runtime_error for bad data or a
// checkpoint that does not match the settings.
ParcReport train_parc(const Config& config, bool resume, std::ostream& log);

// The subcommand: train_parc on args, logging to stdout.
int parc_command(const StageArgs& args);

}  // namespace ember::learn
