// The micro tokenizer: one fully convolutional variational autoencoder per
// field (T, P, μ), as in the seed (arXiv 2506.12996). Each maps a normalised
// field [B, 1, H, W] to a latent grid [B, L, H/8, W/8] (mean and
// log-variance) by three stride-2 stages, and decodes a latent grid back to
// the field. Architecture and losses: docs/learning.md.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <vector>

namespace ember::learn {

struct VaeOptions {
  // Widths of the three resolution stages (H/2, H/4, H/8); the full-resolution
  // stem has the first width.
  std::vector<std::int64_t> channels{16, 32, 64};
  std::int64_t latent_channels = 4;
};

struct VaeOutput {
  torch::Tensor reconstruction;  // [B, 1, H, W]
  torch::Tensor mean, logvar;    // [B, L, H/8, W/8]
};

class FieldVaeImpl : public torch::nn::Module {
 public:
  explicit FieldVaeImpl(const VaeOptions& options);
  // Mean and log-variance of the latent grid; H and W must be multiples of 8.
  VaeOutput encode(const torch::Tensor& field);
  torch::Tensor decode(const torch::Tensor& latent);
  // Encodes, samples z = mean + exp(logvar/2)·ε with ε ~ N(0, 1) drawn from
  // noise, decodes z. With noise undefined (no generator) z is the mean: the
  // deterministic reconstruction used for evaluation.
  VaeOutput forward(const torch::Tensor& field, c10::optional<at::Generator> noise);

 private:
  torch::nn::Sequential encoder_{nullptr}, decoder_{nullptr};
};
TORCH_MODULE(FieldVae);

// The three field VAEs, registered as submodules "T", "P" and "mu".
class TokenizerImpl : public torch::nn::Module {
 public:
  explicit TokenizerImpl(const VaeOptions& options);
  FieldVae& field(int index) { return vaes_.at(static_cast<std::size_t>(index)); }

 private:
  std::vector<FieldVae> vaes_;
};
TORCH_MODULE(Tokenizer);

struct LossSettings {
  bool mae = false;            // reconstruction as mean absolute instead of squared error
  double beta_kl = 1e-4;       // weight of the KL divergence to N(0, 1)
  double edge_weight = 0;      // weight of the edge-weighted MAE
  double edge_gain = 4;        // edge pixels count up to 1 + edge_gain times
  double gradient_weight = 0;  // weight of the Sobel gradient-difference term
};

struct LossTerms {
  torch::Tensor total, reconstruction, kl, edge, gradient;  // scalars
};

// The tokenizer's loss for one field and batch; mask [H, W] is 1 on the
// data's cells and 0 on padding, which no term sees:
//   reconstruction  mean over real cells of (x̂ − x)² (or |x̂ − x|)
//   kl              mean over latent cells with a real cell and channels of
//                   −½ (1 + log σ² − μ² − σ²)
//   edge            Σ w |x̂ − x|~ / Σ w, w = 1 + edge_gain · |∇x| / max |∇x|
//                   per image: keeps hotspot and shock fronts sharp
//   gradient        mean over the real cells whose 3×3 neighbourhood is real
//                   of |∂x x̂ − ∂x x|~ + |∂y x̂ − ∂y x|~, ∂ by Sobel: stands in
//                   for the seed's perceptual (ImageNet) term, which cannot
//                   be shipped
//   total = reconstruction + beta_kl·kl + edge_weight·edge + gradient_weight·gradient
// |e|~ is |e| rounded below 0.05 (Huber: e²/0.1 there), so that the L1 terms
// do not pin the sparse μ field to a constant; |∇x| counts 0 where the Sobel
// stencil reaches padding.
LossTerms vae_loss(const VaeOutput& output, const torch::Tensor& target, const torch::Tensor& mask,
                   const LossSettings& settings);

// Per-cell gradient (∂/∂x, ∂/∂y) of [B, 1, H, W] by the Sobel operator
// (divided by 8, so a ramp of slope s per cell gives s), edges replicated:
// [B, 2, H, W].
torch::Tensor sobel(const torch::Tensor& field);

}  // namespace ember::learn
