// The latent model as its users see it: a trained tokenizer (frozen) and
// latent evolvers, fields in and fields out. Encoding and decoding of the
// three fields at once, the loading of trained files, and the rollouts the
// evaluation compares with the DNS: one from the encoder mean, and an
// ensemble from latents sampled from the encoder's distribution, whose
// spread is the model's uncertainty on the hotspot curves.
#pragma once

#include "checkpoint.hpp"
#include "latent_dynamics.hpp"
#include "vae.hpp"

#include <cstdint>
#include <filesystem>

namespace ember::learn {

// The tokenizer of a checkpoint of stage "tokenizer", built with the
// model.* settings recorded in it, in eval mode and with every parameter
// frozen (gradients still flow through it to its input). meta is the
// checkpoint's (settings, data hash, split).
struct TrainedTokenizer {
  Tokenizer model{nullptr};
  CheckpointMeta meta;
  std::int64_t latent_channels = 0;  // per field
};
TrainedTokenizer load_trained_tokenizer(const std::filesystem::path& checkpoint);

// The three fields' latent grids side by side, [B, 3L, h, w] each (channels
// T first, then P, then μ, as LatentDynamics expects).
struct LatentGrid {
  torch::Tensor mean, logvar;
};
// fields: [B, 3, H, W] normalised.
LatentGrid encode_fields(Tokenizer& tokenizer, const torch::Tensor& fields);
// z: [B, 3L, h, w] → [B, 3, H, W] normalised.
torch::Tensor decode_fields(Tokenizer& tokenizer, const torch::Tensor& z);

// A trained latent model (the micro dynamics stage's or the meso stage's
// file) with the tokenizer it names.
struct LatentModel {
  Tokenizer tokenizer{nullptr};
  LatentDynamicsFile dynamics;  // steps_per_snapshot: latent steps per snapshot interval
};
LatentModel load_latent_model(const std::filesystem::path& dynamics_file);

// Decoded fields of a rollout, normalised, [*, snapshots + 1, 3, H, W]:
// index 0 is the given snapshot itself (as parc_rollout), index k the
// prediction of the snapshot k intervals later.
struct ProbabilisticRollout {
  torch::Tensor mean;      // [snapshots + 1, 3, H, W]: started from the encoder mean
  torch::Tensor ensemble;  // [members, snapshots + 1, 3, H, W]: each started from
                           // z = mean + exp(logvar / 2)·ε, ε ~ N(0, 1) drawn with seed;
                           // undefined when members is 0
};

// Rolls the model out without gradients from one snapshot [3, H, W] (H, W
// multiples of 8) under the normalised shock pressure, `snapshots`
// snapshot intervals of model.dynamics.steps_per_snapshot latent steps.
// The same (model, input, seed) gives the same ensemble on every call.
ProbabilisticRollout latent_rollout(LatentModel& model, const torch::Tensor& first_snapshot,
                                    double pressure, std::int64_t snapshots, std::int64_t members,
                                    std::uint64_t seed);

}  // namespace ember::learn
