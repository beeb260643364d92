// Stage "tokenizer" of ember-train: trains the three field VAEs (vae.hpp)
// on the snapshots of the training runs of a data set, checkpointing as it
// goes, then reports their reconstruction error on every part of the split
// against a trivial baseline (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "stage.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ember::learn {

struct TokenizerEpoch {
  double train_loss = 0;       // total loss, mean over the epoch's samples
  double validation_loss = 0;  // with the mean latent; NaN without validation runs
  std::array<double, 3> train_reconstruction{};  // per field (T, P, mu)
};

// Errors of one field on one part of the split, in the field's report unit
// (K, GPa, 1), over the real cells of every snapshot of its runs. The model
// decodes the mean latent; the baseline is the training runs' mean image of
// the field. The edge region of a snapshot is the 10 % of its cells with the
// largest |∇| of the true field (cells with none left out).
struct FieldErrors {
  double rmse = 0, edge_rmse = 0;
  double baseline_rmse = 0, baseline_edge_rmse = 0;
};

struct TokenizerReport {
  std::vector<TokenizerEpoch> history;  // every epoch, including those before a resume
  // "train", "validation", "test" → errors per field; parts without runs are absent.
  std::map<std::string, std::array<FieldErrors, 3>> errors;
  std::filesystem::path checkpoint;
  double train_seconds = 0;  // wall time of the epochs run by this call
};

// Reads every key of the stage from config (then rejects unknown keys), sets
// the thread count, loads the data, trains from scratch or, with resume,
// from the checkpoint in run.out_dir, and evaluates. Progress lines go to log.
// Throws ConfigError for bad settings, std::runtime_error for bad data or a
// checkpoint that does not match the settings.
TokenizerReport train_tokenizer(const Config& config, bool resume, std::ostream& log);

// The subcommand: train_tokenizer on args, logging to stdout.
int tokenizer_command(const StageArgs& args);

}  // namespace ember::learn
