#include "parc.hpp"

#include "dataset_tensors.hpp"

#include <torch/nn/functional/upsampling.h>
#include <torch/nn/modules/activation.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ember::learn {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

constexpr const char* kFormat = "ember parc model";
constexpr std::int64_t kFormatVersion = 1;

// The descriptor's kernels are 5×5 as in PARC v1: it runs once per rollout,
// so its wider view of neighbouring voids is cheap. The recurrent networks,
// run every step, use 3×3.
constexpr std::int64_t kDescriptorKernel = 5;

nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kernel) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).padding(kernel / 2));
}

// Two ReLU convs: one U-Net stage.
nn::Sequential unet_stage(std::int64_t in, std::int64_t out) {
  return nn::Sequential(conv(in, out, kDescriptorKernel), nn::ReLU(),
                        conv(out, out, kDescriptorKernel), nn::ReLU());
}

// PARC's residual block: a = ReLU(conv(x)) changes the width, then
// ReLU(a + conv(ReLU(conv(a)))).
class ResBlockImpl : public nn::Module {
 public:
  ResBlockImpl(std::int64_t in, std::int64_t out)
      : entry_(register_module("entry", conv(in, out, 3))),
        a_(register_module("a", conv(out, out, 3))),
        b_(register_module("b", conv(out, out, 3))) {}
  torch::Tensor forward(const torch::Tensor& x) {
    const torch::Tensor a = torch::relu(entry_(x));
    return torch::relu(a + b_(torch::relu(a_(a))));
  }

 private:
  nn::Conv2d entry_, a_, b_;
};
TORCH_MODULE(ResBlock);

// Two residual blocks, a 1×1 bottleneck and a tanh head of 3 channels: the
// shape of both of PARC's recurrent networks (tanh bounds Ḟ and ∫Ḟ to
// [−1, 1] per snapshot interval, the fields' whole normalised range).
nn::Sequential recurrent_net(std::int64_t in, std::int64_t hidden) {
  const std::int64_t narrow = std::max<std::int64_t>(1, hidden / 2);
  return nn::Sequential(ResBlock(in, hidden), ResBlock(hidden, hidden), conv(hidden, narrow, 1),
                        nn::ReLU(), conv(narrow, kNumFields, 3), nn::Tanh());
}

void check(const ParcOptions& o) {
  const std::size_t levels = o.descriptor_channels.size();
  if (levels < 2 || levels > 4)
    throw std::invalid_argument("PARC: 2 to 4 descriptor levels expected, got " +
                                std::to_string(levels));
  for (const std::int64_t c : o.descriptor_channels)
    if (c < 1) throw std::invalid_argument("PARC: descriptor widths must be positive");
  if (o.features < 1 || o.hidden < 1)
    throw std::invalid_argument("PARC: features and hidden must be positive");
  if (o.pool != 1 && o.pool != 2)
    throw std::invalid_argument("PARC: pool must be 1 or 2, got " + std::to_string(o.pool));
}

}  // namespace

ParcImpl::ParcImpl(const ParcOptions& o) : options_(o) {
  check(o);
  const std::vector<std::int64_t>& c = o.descriptor_channels;
  down_ = register_module("down", nn::ModuleList());
  up_ = register_module("up", nn::ModuleList());
  for (std::size_t l = 0; l < c.size(); ++l)
    down_->push_back(unet_stage(l == 0 ? 1 : c[l - 1], c[l]));
  // up_[l] joins the upsampled level l + 1 with the skip of level l.
  for (std::size_t l = 0; l + 1 < c.size(); ++l) up_->push_back(unet_stage(c[l + 1] + c[l], c[l]));
  features_head_ = register_module("features_head", conv(c[0], o.features, 1));
  derivative_net_ =
      register_module("derivative", recurrent_net(kNumFields + o.features + 1, o.hidden));
  integral_net_ = register_module("integral", recurrent_net(kNumFields, o.hidden));
}

torch::Tensor ParcImpl::to_grid(const torch::Tensor& fields) const {
  const std::int64_t multiple = options_.pool << (options_.descriptor_channels.size() - 1);
  if (fields.size(2) % multiple != 0 || fields.size(3) % multiple != 0)
    throw std::invalid_argument("PARC: H and W must be multiples of " + std::to_string(multiple) +
                                ", got " + std::to_string(fields.size(2)) + " x " +
                                std::to_string(fields.size(3)));
  return options_.pool == 1 ? fields : torch::avg_pool2d(fields, options_.pool);
}

torch::Tensor ParcImpl::from_grid(const torch::Tensor& fields, std::int64_t H,
                                  std::int64_t W) const {
  if (options_.pool == 1) return fields;
  return F::interpolate(fields, F::InterpolateFuncOptions()
                                    .size(std::vector<std::int64_t>{H, W})
                                    .mode(torch::kBilinear)
                                    .align_corners(false));
}

torch::Tensor ParcImpl::describe(const torch::Tensor& microstructure) {
  const std::size_t levels = down_->size();
  std::vector<torch::Tensor> skips;
  torch::Tensor x = microstructure;
  for (std::size_t l = 0; l < levels; ++l) {
    if (l > 0) x = torch::max_pool2d(x, 2);
    x = down_[l]->as<nn::Sequential>()->forward(x);
    skips.push_back(x);
  }
  for (std::size_t l = levels - 1; l-- > 0;) {
    const torch::Tensor& skip = skips[l];
    const torch::Tensor up =
        F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{skip.size(2), skip.size(3)})
                              .mode(torch::kNearest));
    x = up_[l]->as<nn::Sequential>()->forward(torch::cat({up, skip}, 1));
  }
  return torch::relu(features_head_(x));
}

torch::Tensor ParcImpl::derivative(const torch::Tensor& state, const torch::Tensor& features,
                                   const torch::Tensor& pressure) {
  const torch::Tensor p =
      pressure.view({-1, 1, 1, 1}).expand({state.size(0), 1, state.size(2), state.size(3)});
  return derivative_net_->forward(torch::cat({state, features, p}, 1));
}

torch::Tensor ParcImpl::integral(const torch::Tensor& derivative) {
  return integral_net_->forward(derivative);
}

ParcStep ParcImpl::step(const torch::Tensor& state, const torch::Tensor& features,
                        const torch::Tensor& pressure) {
  ParcStep s;
  s.derivative = derivative(state, features, pressure);
  s.increment = integral(s.derivative);
  s.next = state + s.increment;
  return s;
}

ParcTrajectory ParcImpl::unroll(const torch::Tensor& state, const torch::Tensor& features,
                                const torch::Tensor& pressure, std::int64_t steps) {
  if (steps < 1) throw std::invalid_argument("PARC: unroll needs at least one step");
  std::vector<torch::Tensor> states, derivatives;
  torch::Tensor current = state;
  for (std::int64_t k = 0; k < steps; ++k) {
    ParcStep s = step(current, features, pressure);
    current = s.next;
    states.push_back(s.next);
    derivatives.push_back(s.derivative);
  }
  return {torch::stack(states, 1), torch::stack(derivatives, 1)};
}

torch::Tensor parc_rollout(Parc& model, const torch::Tensor& first_snapshot, double pressure,
                           std::int64_t steps) {
  if (first_snapshot.dim() != 3 || first_snapshot.size(0) != kNumFields)
    throw std::invalid_argument("parc_rollout: the first snapshot must be [3, H, W]");
  torch::NoGradGuard no_grad;
  const bool was_training = model->is_training();
  model->eval();
  const torch::Tensor x = first_snapshot.unsqueeze(0);
  const std::int64_t H = x.size(2), W = x.size(3);
  const torch::Tensor coarse = model->to_grid(x);
  const torch::Tensor features = model->describe(coarse.narrow(1, kVoidFraction, 1));
  const torch::Tensor p = torch::full({1}, pressure, x.options());
  torch::Tensor out = x;
  if (steps > 0) {
    // [steps, 3, h, w]: the steps as a batch of fields to interpolate.
    const torch::Tensor states = model->unroll(coarse, features, p, steps).states[0];
    out = torch::cat({x, model->from_grid(states, H, W)}, 0);
  }
  model->train(was_training);
  return out;
}

void save_parc(const std::filesystem::path& path, Parc& model) {
  const ParcOptions& o = model->options();
  torch::serialize::OutputArchive archive, weights;
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("format_version", c10::IValue(kFormatVersion));
  archive.write("descriptor_channels", torch::tensor(o.descriptor_channels, torch::kInt64));
  archive.write("features", c10::IValue(o.features));
  archive.write("hidden", c10::IValue(o.hidden));
  archive.write("pool", c10::IValue(o.pool));
  model->save(weights);
  archive.write("model", weights);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  archive.save_to(tmp.string());
  std::filesystem::rename(tmp, path);
}

Parc load_parc(const std::filesystem::path& path) {
  const std::string where = path.string();
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(where);
  } catch (const c10::Error&) {
    throw std::runtime_error(where + ": not a PARC model file (unreadable archive)");
  }
  c10::IValue v;
  if (!archive.try_read("format", v) || !v.isString() || v.toStringRef() != kFormat)
    throw std::runtime_error(where + ": not a PARC model file");
  archive.read("format_version", v);
  if (v.toInt() != kFormatVersion)
    throw std::runtime_error(where + ": PARC model format " + std::to_string(v.toInt()) +
                             ", this program reads " + std::to_string(kFormatVersion));
  ParcOptions o;
  torch::Tensor channels;
  archive.read("descriptor_channels", channels);
  o.descriptor_channels.assign(channels.data_ptr<std::int64_t>(),
                               channels.data_ptr<std::int64_t>() + channels.numel());
  archive.read("features", v);
  o.features = v.toInt();
  archive.read("hidden", v);
  o.hidden = v.toInt();
  archive.read("pool", v);
  o.pool = v.toInt();
  Parc model(o);
  torch::serialize::InputArchive weights;
  archive.read("model", weights);
  try {
    model->load(weights);
  } catch (const c10::Error& e) {
    throw std::runtime_error(where + ": weights do not fit the model (" +
                             e.what_without_backtrace() + ")");
  }
  return model;
}

}  // namespace ember::learn
