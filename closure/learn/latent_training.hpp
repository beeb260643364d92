// The training loop shared by the latent model's two dynamics stages,
// "dynamics" (micro, every evolver) and "meso" (meso, the coupled evolver
// only): multi-step rollouts of the evolvers from sampled encoder latents,
// with a rollout curriculum, a latent-consistency and a decoded-field loss,
// Adam, checkpoints to resume from, and selection of the weights that roll
// out best on the validation runs. Losses and keys: docs/learning.md.
#pragma once

#include "config.hpp"
#include "dataset_tensors.hpp"
#include "latent_dynamics.hpp"
#include "latent_report.hpp"
#include "vae.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ember::learn {

// A data set with its snapshots encoded by the frozen tokenizer.
struct LatentSet {
  DatasetTensors data;
  torch::Tensor mean, logvar;  // [run, time, 3L, h, w]
  torch::Tensor latent_mask;   // [h, w]: 1 where the latent cell covers a real cell
};
LatentSet encode_dataset(Tokenizer& tokenizer, DatasetTensors data);

// The stage keys both stages read (train.*, loss.*), see read_latent_training.
struct LatentTrainingSettings {
  std::uint64_t seed = 0;
  double latent_weight = 1, field_weight = 1;
  std::int64_t epochs = 0, batch_size = 0, checkpoint_every = 0, validate_every = 1;
  std::int64_t samples_per_epoch = 0;  // 0: every (run, window) sample
  std::int64_t rollout_start = 1, rollout_max = 5, curriculum_epochs = 0;
  double learning_rate = 0;
};
LatentTrainingSettings read_latent_training(const Config& c);

// What a stage hands the loop. `trained` are the parameters Adam updates
// (the others stay as they are); the model's file is `file` with the
// selected weights put in.
struct LatentTrainingJob {
  std::string stage;  // "dynamics" or "meso": checkpoint and file names
  const Config* config = nullptr;
  bool resume = false;
  std::filesystem::path out_dir;
  Tokenizer tokenizer{nullptr};
  LatentDynamicsFile file;
  std::vector<torch::Tensor> trained;
  const LatentSet* set = nullptr;
  std::vector<std::int64_t> train, validation, test;
  std::map<std::string, std::string> checkpoint_text;  // recorded in the checkpoint
};

// Trains (from scratch, or with job.resume from <out_dir>/<stage>.pt), writes
// the selected evolvers to <out_dir>/<stage>_model.pt and the rollout errors
// of every part to <out_dir>/<stage>_errors.tsv. Throws ConfigError when an
// existing checkpoint would be overwritten or was made with other settings.
LatentTrainingReport run_latent_training(const LatentTrainingJob& job,
                                         const LatentTrainingSettings& s, std::ostream& log);

// Hex SHA-256 of a module's parameters (float32 values in registration
// order): identifies the trained model a later stage started from.
std::string weights_hash(torch::nn::Module& module);

// Comma-separated names of some runs of a data set.
std::string run_names(const DatasetTensors& d, const std::vector<std::int64_t>& runs);

}  // namespace ember::learn
