// The PARC baseline (Nguyen et al., Sci. Adv. 2023, "PARC: physics-aware
// recurrent convolutional neural networks"): the full-resolution rival of the
// latent model, trained on meso fields alone. Three networks:
//   descriptor  a U-Net over the initial microstructure μ(t = 0), giving
//               feature maps that say where voids are and how they are shaped;
//   derivative  (state F = [T, P, μ], descriptor features, shock pressure) → Ḟ;
//   integral    ResNet blocks mapping Ḟ to the increment ∫Ḟ over one
//               snapshot interval;
// and the recurrent update F_{k+1} = F_k + ∫Ḟ. All three fields are evolved
// (voids collapse, so μ changes). As PARC v1 (which pooled its DNS fields to
// 240×240), the model may work on a coarser grid than the data: fields are
// averaged over pool × pool cells on the way in and bilinearly interpolated
// on the way out. Widths, layers and where we depart from PARC v1:
// docs/learning.md.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace ember::learn {

struct ParcOptions {
  // Widths of the descriptor's U-Net levels, full resolution first; each
  // further level halves the grid (2 to 4 levels; H and W multiples of
  // 2^(levels − 1)).
  std::vector<std::int64_t> descriptor_channels{8, 16, 32};
  std::int64_t features = 8;  // descriptor feature maps fed to the derivative network
  std::int64_t hidden = 24;   // width of the derivative and integral networks
  std::int64_t pool = 2;      // cells of the data per cell of the model's grid, each way (1 or 2)
};

// One recurrent step of a batch.
struct ParcStep {
  torch::Tensor derivative;  // Ḟ  [B, 3, h, w], per snapshot interval
  torch::Tensor increment;   // ∫Ḟ [B, 3, h, w]
  torch::Tensor next;        // F_k + ∫Ḟ
};

// Predicted states F̂_{k+1} … F̂_{k+steps} and their Ḟ, [B, steps, 3, h, w] each.
struct ParcTrajectory {
  torch::Tensor states, derivatives;
};

class ParcImpl : public torch::nn::Module {
 public:
  explicit ParcImpl(const ParcOptions& options);

  // Fields [B, C, H, W] on the model's grid [B, C, H/pool, W/pool] (H and W
  // multiples of pool · 2^(levels − 1)), and back to H × W.
  torch::Tensor to_grid(const torch::Tensor& fields) const;
  torch::Tensor from_grid(const torch::Tensor& fields, std::int64_t H, std::int64_t W) const;

  // On the model's grid from here on.
  // Descriptor features [B, features, h, w] of the initial void fraction
  // [B, 1, h, w].
  torch::Tensor describe(const torch::Tensor& microstructure);
  // Ḟ from the state [B, 3, h, w], the features and the normalised shock
  // pressure [B] (broadcast to a constant channel).
  torch::Tensor derivative(const torch::Tensor& state, const torch::Tensor& features,
                           const torch::Tensor& pressure);
  torch::Tensor integral(const torch::Tensor& derivative);
  ParcStep step(const torch::Tensor& state, const torch::Tensor& features,
                const torch::Tensor& pressure);
  // `steps` recurrent steps from state, each fed its own prediction.
  ParcTrajectory unroll(const torch::Tensor& state, const torch::Tensor& features,
                        const torch::Tensor& pressure, std::int64_t steps);

  const ParcOptions& options() const { return options_; }

 private:
  ParcOptions options_;
  torch::nn::ModuleList down_, up_;  // U-Net: encoder and decoder stages
  torch::nn::Conv2d features_head_{nullptr};
  torch::nn::Sequential derivative_net_{nullptr}, integral_net_{nullptr};
};
TORCH_MODULE(Parc);

// The rollout the evaluation compares with the DNS: from one snapshot
// [3, H, W] (normalised T, P, μ; its μ is the microstructure the descriptor
// sees) under the normalised shock pressure, `steps` steps without gradients.
// Returns [steps + 1, 3, H, W]: the given snapshot, then the predictions
// brought back to H × W, so that index k is snapshot k of a run started at
// snapshot 0.
torch::Tensor parc_rollout(Parc& model, const torch::Tensor& first_snapshot, double pressure,
                           std::int64_t steps);

// A trained model as one file: its options and weights (the checkpoint of
// the stage holds the optimizer besides). load_parc throws
// std::runtime_error naming the file when it is not one.
void save_parc(const std::filesystem::path& path, Parc& model);
Parc load_parc(const std::filesystem::path& path);

}  // namespace ember::learn
