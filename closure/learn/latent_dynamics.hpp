// Latent dynamics of the seed model (arXiv 2506.12996): evolvers that advance
// the tokenizer's latent grids of T, P and μ by one latent step, conditioned
// on the shock pressure. One step of the state z = [z_T, z_P, z_μ] (the three
// fields' latent channels concatenated, [B, 3L, h, w]) is
//
//   z'  = z  + [D_T(z_T, p), D_P(z_P, p), D_μ(z_μ, p)]   decoupled: per field
//   z'' = z' + C(z', p)                                   coupled: all fields
//
// where D_f and C are small U-Nets over the latent grid predicting the
// increment, p the normalised shock pressure fed as a constant extra input
// channel. The coupled U-Net's convolutions over the latent grid are what
// correlate neighbouring building blocks and the fields with each other.
// Micro: one latent step per micro snapshot interval; meso: several
// (latent_steps_per_snapshot). Architecture: docs/learning.md.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ember::learn {

struct EvolverOptions {
  // Widths of the U-Net levels, latent resolution first; each further level
  // halves the grid by a stride-2 conv (2 or 3 entries: 1 or 2 down levels).
  std::vector<std::int64_t> channels{32, 64};
  std::int64_t latent_channels = 4;  // per field (T, P, μ): the tokenizer's
};

// A U-Net from [B, in, h, w] plus a pressure channel to [B, out, h, w], for
// any h, w ≥ 1: a stride-2 conv gives ⌈n/2⌉ cells and the way up resamples
// to the skip connection's exact size, so odd latent grids (micro tiny 6×4,
// meso 20×12 → 10×6 → 5×3) need no padding. Its output layer starts at
// zero, so an untrained evolver is the identity step (persistence).
class LatentUNetImpl : public torch::nn::Module {
 public:
  LatentUNetImpl(std::int64_t in, std::int64_t out, const std::vector<std::int64_t>& channels);
  // pressure: [B] normalised shock pressure.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& pressure);

 private:
  std::vector<torch::nn::Sequential> down_, up_;  // up_[i] merges level i + 1 into i
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(LatentUNet);

class LatentDynamicsImpl : public torch::nn::Module {
 public:
  explicit LatentDynamicsImpl(const EvolverOptions& options);

  // z + D(z, p): each field's channels advanced by its own evolver.
  torch::Tensor decoupled(const torch::Tensor& z, const torch::Tensor& pressure);
  // z + C(z, p).
  torch::Tensor coupled(const torch::Tensor& z, const torch::Tensor& pressure);
  // One latent step: coupled(decoupled(z)).
  torch::Tensor step(const torch::Tensor& z, const torch::Tensor& pressure);
  // `snapshots` snapshot intervals of `steps_per_snapshot` latent steps each
  // from z [B, 3L, h, w]: the latent at the end of every interval,
  // [B, snapshots, 3L, h, w].
  torch::Tensor rollout(const torch::Tensor& z, const torch::Tensor& pressure,
                        std::int64_t snapshots, std::int64_t steps_per_snapshot);

  // The parameters of the per-field evolvers, and of the coupled one (the
  // meso stage freezes the first and fine-tunes the second).
  std::vector<torch::Tensor> decoupled_parameters() const;
  std::vector<torch::Tensor> coupled_parameters() const;

  const EvolverOptions& options() const { return options_; }

 private:
  EvolverOptions options_;
  std::vector<LatentUNet> decoupled_;  // "decoupled_T", "decoupled_P", "decoupled_mu"
  LatentUNet coupled_{nullptr};
};
TORCH_MODULE(LatentDynamics);

// Latent steps per snapshot interval of a data set: snapshot_dt_s /
// latent_step_s, which must be a whole number ≥ 1 (to a relative 1e-6);
// throws std::invalid_argument saying both intervals otherwise. The micro
// set defines the latent step (its snapshot interval), so the micro set maps
// to 1 and the full meso preset (0.2 ns against 0.1 ns) to 2.
std::int64_t latent_steps_per_snapshot(double snapshot_dt_s, double latent_step_s);

// A trained evolver set as one file: its options and weights, and what a
// user of it needs besides.
struct LatentDynamicsFile {
  LatentDynamics model{nullptr};
  std::string stage;                  // "dynamics" (micro) or "meso"
  std::filesystem::path tokenizer;    // the tokenizer checkpoint it works on (absolute)
  double latent_step_s = 0;           // physical time of one latent step
  std::int64_t steps_per_snapshot = 1;  // of the data set it was trained on
  std::string data_hash;              // of that data set
};

void save_latent_dynamics(const std::filesystem::path& path, const LatentDynamicsFile& file);
// Throws std::runtime_error naming the file when it is not one.
LatentDynamicsFile load_latent_dynamics(const std::filesystem::path& path);

}  // namespace ember::learn
