#include "vae.hpp"

#include "dataset_tensors.hpp"

#include <torch/nn/functional/conv.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/upsampling.h>

#include <stdexcept>
#include <string>

namespace ember::learn {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

// conv 3×3 → SiLU; stride 2 halves H and W (H, W even). No normalisation
// layer: GroupNorm or InstanceNorm would remove each image's mean level (the
// shock pressure, the ambient temperature), which the decoder must restore.
void add_conv(nn::Sequential& seq, std::int64_t in, std::int64_t out, std::int64_t stride) {
  seq->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1)));
  seq->push_back(nn::SiLU());
}

void check(const VaeOptions& o) {
  if (o.channels.size() != 3)
    throw std::invalid_argument("VAE: 3 channel widths expected, got " +
                                std::to_string(o.channels.size()));
  for (const std::int64_t c : o.channels)
    if (c < 1) throw std::invalid_argument("VAE: channel widths must be positive");
  if (o.latent_channels < 1) throw std::invalid_argument("VAE: latent_channels must be positive");
}

// x + conv(SiLU(conv(SiLU(x)))): the skip lets a deep stack without
// normalisation layers train from the default initialisation.
class ResidualBlockImpl : public nn::Module {
 public:
  explicit ResidualBlockImpl(std::int64_t width)
      : a_(register_module("a", nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1)))),
        b_(register_module("b", nn::Conv2d(nn::Conv2dOptions(width, width, 3).padding(1)))) {}
  torch::Tensor forward(const torch::Tensor& x) {
    return x + b_(torch::silu(a_(torch::silu(x))));
  }

 private:
  nn::Conv2d a_, b_;
};
TORCH_MODULE(ResidualBlock);

// |a − b| with the kink rounded off below kSoftAbsWidth (smooth L1: e²/(2·width)
// there), per cell. A plain |e| on a sparse field (μ: a few per cent of void
// cells) gives every background cell a full-size gradient of random sign once
// the output sits near zero, which drowns the void's signal and leaves the
// output constant.
constexpr double kSoftAbsWidth = 0.05;
torch::Tensor soft_abs(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::smooth_l1_loss(a, b, at::Reduction::None, kSoftAbsWidth);
}

}  // namespace

FieldVaeImpl::FieldVaeImpl(const VaeOptions& o) {
  check(o);
  const std::vector<std::int64_t>& c = o.channels;
  // Encoder: stem at full resolution, then three stages that each halve the
  // grid (stride-2 conv) and refine (residual block), then a 1×1 head giving
  // the latent mean and log-variance side by side.
  nn::Sequential enc;
  add_conv(enc, 1, c[0], 1);
  for (std::size_t s = 0; s < 3; ++s) {
    add_conv(enc, s == 0 ? c[0] : c[s - 1], c[s], 2);
    enc->push_back(ResidualBlock(c[s]));
  }
  enc->push_back(nn::Conv2d(nn::Conv2dOptions(c[2], 2 * o.latent_channels, 1)));
  // Decoder: the mirror image, nearest-neighbour upsampling followed by a
  // conv (no transposed convs: they leave checkerboard patterns); a linear
  // output, since P is not bounded above by its scale.
  nn::Sequential dec;
  add_conv(dec, o.latent_channels, c[2], 1);
  dec->push_back(ResidualBlock(c[2]));
  for (std::size_t s = 3; s-- > 0;) {
    const std::int64_t out = s == 0 ? c[0] : c[s - 1];
    dec->push_back(nn::Upsample(
        nn::UpsampleOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)));
    add_conv(dec, c[s], out, 1);
    dec->push_back(ResidualBlock(out));
  }
  dec->push_back(nn::Conv2d(nn::Conv2dOptions(c[0], 1, 3).padding(1)));
  encoder_ = register_module("encoder", enc);
  decoder_ = register_module("decoder", dec);
}

VaeOutput FieldVaeImpl::encode(const torch::Tensor& field) {
  if (field.dim() != 4 || field.size(1) != 1 || field.size(2) % kSpatialMultiple != 0 ||
      field.size(3) % kSpatialMultiple != 0)
    throw std::invalid_argument("VAE: input must be [B, 1, H, W] with H and W multiples of 8, got " +
                                std::string(c10::str(field.sizes())));
  const std::vector<torch::Tensor> parts = encoder_->forward(field).chunk(2, 1);
  // The clamp keeps exp(logvar) finite early in training.
  return {torch::Tensor(), parts[0], parts[1].clamp(-20.0, 10.0)};
}

torch::Tensor FieldVaeImpl::decode(const torch::Tensor& latent) { return decoder_->forward(latent); }

VaeOutput FieldVaeImpl::forward(const torch::Tensor& field, c10::optional<at::Generator> noise) {
  VaeOutput out = encode(field);
  torch::Tensor z = out.mean;
  if (noise) z = out.mean + torch::exp(0.5 * out.logvar) * at::empty_like(out.mean).normal_(0, 1, noise);
  out.reconstruction = decode(z);
  return out;
}

TokenizerImpl::TokenizerImpl(const VaeOptions& options) {
  for (const FieldScale& s : kFieldScales) vaes_.push_back(register_module(s.symbol, FieldVae(options)));
}

torch::Tensor sobel(const torch::Tensor& field) {
  const auto opts = field.options();
  const torch::Tensor kx =
      torch::tensor({-1.0, 0.0, 1.0, -2.0, 0.0, 2.0, -1.0, 0.0, 1.0}, opts).view({1, 1, 3, 3}) / 8.0;
  const torch::Tensor kernels = torch::cat({kx, kx.transpose(2, 3)}, 0);  // [2, 1, 3, 3]
  const torch::Tensor padded =
      F::pad(field, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
  return F::conv2d(padded, kernels);
}

LossTerms vae_loss(const VaeOutput& output, const torch::Tensor& target, const torch::Tensor& mask,
                   const LossSettings& settings) {
  const torch::Tensor m = mask.view({1, 1, mask.size(0), mask.size(1)});
  const double batch = static_cast<double>(target.size(0));
  const torch::Tensor cells = m.sum() * batch;
  const torch::Tensor error = output.reconstruction - target;
  LossTerms t;
  t.reconstruction = ((settings.mae ? error.abs() : error.square()) * m).sum() / cells;

  // A latent cell counts when any of its 8×8 cells is real.
  const torch::Tensor latent_mask = F::max_pool2d(m, F::MaxPool2dFuncOptions(kSpatialMultiple));
  const torch::Tensor kl_cell =
      -0.5 * (1 + output.logvar - output.mean.square() - output.logvar.exp());
  t.kl = (kl_cell * latent_mask).sum() /
         (latent_mask.sum() * batch * static_cast<double>(output.mean.size(1)));

  t.total = t.reconstruction + settings.beta_kl * t.kl;
  // Gradients only where the Sobel stencil stays on real cells (1 − the
  // padding dilated by one cell), so that padding cannot reach any term.
  const torch::Tensor interior =
      1 - F::max_pool2d(1 - m, F::MaxPool2dFuncOptions(3).stride(1).padding(1));
  const torch::Tensor target_gradient = sobel(target);
  if (settings.edge_weight > 0) {
    const torch::Tensor g = target_gradient.norm(2, 1, true) * interior;  // [B, 1, H, W]
    const torch::Tensor g_max = g.amax({1, 2, 3}, true).clamp_min(1e-12);
    const torch::Tensor w = (1 + settings.edge_gain * g / g_max) * m;
    t.edge = (w * soft_abs(output.reconstruction, target)).sum() / w.sum();
    t.total = t.total + settings.edge_weight * t.edge;
  }
  if (settings.gradient_weight > 0) {
    t.gradient = (soft_abs(sobel(output.reconstruction), target_gradient).sum(1, true) * interior)
                     .sum() /
                 (interior.sum() * batch).clamp_min(1.0);
    t.total = t.total + settings.gradient_weight * t.gradient;
  }
  return t;
}

}  // namespace ember::learn
