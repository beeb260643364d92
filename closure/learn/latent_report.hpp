// What the latent model's dynamics stages ("dynamics", "meso") report:
// their loss history, the epoch selected, and the field errors of full
// rollouts. Free of LibTorch's headers, for ember-train's stage table.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ember::learn {

struct LatentEpoch {
  std::int64_t rollout_length = 0;  // snapshot intervals per window in this epoch
  double loss = 0, latent_loss = 0, field_loss = 0;  // means over the epoch's batches
  double validation_score = 0;  // NaN when not validated (no runs, or not this epoch)
};

// Field RMSE of full rollouts from snapshot 0 (mean latent) over snapshots
// 1 … n − 1 and the real cells, in the field's report unit (K, GPa, 1);
// persistence holds snapshot 0.
struct LatentRolloutErrors {
  double rmse = 0, persistence_rmse = 0;
};

struct LatentTrainingReport {
  std::vector<LatentEpoch> history;  // every epoch, including those before a resume
  std::int64_t best_epoch = 0;       // 1-based epoch of the selected weights
  // "train", "validation", "test" → errors per field; parts without runs are absent.
  std::map<std::string, std::array<LatentRolloutErrors, 3>> errors;
  std::filesystem::path checkpoint;  // evolvers, optimizer, history (resume)
  std::filesystem::path model_file;  // the selected evolvers (load_latent_dynamics)
  double train_seconds = 0;          // wall time of the epochs run by this call
};

}  // namespace ember::learn
