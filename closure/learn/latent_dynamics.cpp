#include "latent_dynamics.hpp"

#include "dataset_tensors.hpp"

#include <torch/nn/functional/upsampling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ember::learn {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

constexpr const char* kFormat = "ember latent dynamics";
constexpr std::int64_t kFormatVersion = 1;

// conv 3×3 → SiLU, twice; the first conv may halve the grid. No
// normalisation layer: it would remove the latent grid's mean level, which
// carries the state (the shock pressure, the ambient temperature).
nn::Sequential conv_pair(std::int64_t in, std::int64_t out, std::int64_t stride) {
  nn::Sequential s;
  s->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1)));
  s->push_back(nn::SiLU());
  s->push_back(nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1)));
  s->push_back(nn::SiLU());
  return s;
}

void check(const EvolverOptions& o) {
  if (o.channels.size() < 2 || o.channels.size() > 3)
    throw std::invalid_argument("latent evolver: 2 or 3 level widths expected, got " +
                                std::to_string(o.channels.size()));
  for (const std::int64_t c : o.channels)
    if (c < 1) throw std::invalid_argument("latent evolver: level widths must be positive");
  if (o.latent_channels < 1) throw std::invalid_argument("latent evolver: latent_channels must be positive");
}

std::vector<torch::Tensor> parameters_of(const std::vector<LatentUNet>& nets) {
  std::vector<torch::Tensor> out;
  for (const LatentUNet& n : nets)
    for (const torch::Tensor& p : n->parameters()) out.push_back(p);
  return out;
}

}  // namespace

LatentUNetImpl::LatentUNetImpl(std::int64_t in, std::int64_t out,
                               const std::vector<std::int64_t>& channels) {
  const std::size_t levels = channels.size();
  for (std::size_t i = 0; i < levels; ++i)
    down_.push_back(register_module(
        "down" + std::to_string(i),
        conv_pair(i == 0 ? in + 1 : channels[i - 1], channels[i], i == 0 ? 1 : 2)));
  for (std::size_t i = 0; i + 1 < levels; ++i)
    up_.push_back(register_module("up" + std::to_string(i),
                                  conv_pair(channels[i + 1] + channels[i], channels[i], 1)));
  head_ = register_module("head", nn::Conv2d(nn::Conv2dOptions(channels[0], out, 1)));
  nn::init::zeros_(head_->weight);
  nn::init::zeros_(head_->bias);
}

torch::Tensor LatentUNetImpl::forward(const torch::Tensor& x, const torch::Tensor& pressure) {
  const torch::Tensor p =
      pressure.to(x.dtype()).view({x.size(0), 1, 1, 1}).expand({x.size(0), 1, x.size(2), x.size(3)});
  std::vector<torch::Tensor> skips;
  torch::Tensor y = torch::cat({x, p}, 1);
  for (nn::Sequential& d : down_) {
    y = d->forward(y);
    skips.push_back(y);
  }
  for (std::size_t i = up_.size(); i-- > 0;) {
    const torch::Tensor& skip = skips[i];
    y = F::interpolate(y, F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{skip.size(2), skip.size(3)})
                              .mode(torch::kNearest));
    y = up_[i]->forward(torch::cat({y, skip}, 1));
  }
  return head_(y);
}

LatentDynamicsImpl::LatentDynamicsImpl(const EvolverOptions& options) : options_(options) {
  check(options_);
  const std::int64_t L = options_.latent_channels;
  for (const FieldScale& f : kFieldScales)
    decoupled_.push_back(
        register_module(std::string("decoupled_") + f.symbol, LatentUNet(L, L, options_.channels)));
  coupled_ = register_module("coupled", LatentUNet(kNumFields * L, kNumFields * L, options_.channels));
}

torch::Tensor LatentDynamicsImpl::decoupled(const torch::Tensor& z, const torch::Tensor& pressure) {
  const std::vector<torch::Tensor> parts = z.split(options_.latent_channels, 1);
  if (z.size(1) != kNumFields * options_.latent_channels)
    throw std::invalid_argument("latent evolver: expected " +
                                std::to_string(kNumFields * options_.latent_channels) +
                                " latent channels, got " + std::to_string(z.size(1)));
  std::vector<torch::Tensor> next;
  for (std::size_t f = 0; f < parts.size(); ++f)
    next.push_back(parts[f] + decoupled_[f]->forward(parts[f], pressure));
  return torch::cat(next, 1);
}

torch::Tensor LatentDynamicsImpl::coupled(const torch::Tensor& z, const torch::Tensor& pressure) {
  return z + coupled_->forward(z, pressure);
}

torch::Tensor LatentDynamicsImpl::step(const torch::Tensor& z, const torch::Tensor& pressure) {
  return coupled(decoupled(z, pressure), pressure);
}

torch::Tensor LatentDynamicsImpl::rollout(const torch::Tensor& z, const torch::Tensor& pressure,
                                          std::int64_t snapshots, std::int64_t steps_per_snapshot) {
  std::vector<torch::Tensor> out;
  torch::Tensor state = z;
  for (std::int64_t s = 0; s < snapshots; ++s) {
    for (std::int64_t k = 0; k < steps_per_snapshot; ++k) state = step(state, pressure);
    out.push_back(state);
  }
  return torch::stack(out, 1);
}

std::vector<torch::Tensor> LatentDynamicsImpl::decoupled_parameters() const {
  return parameters_of(decoupled_);
}

std::vector<torch::Tensor> LatentDynamicsImpl::coupled_parameters() const {
  return parameters_of({coupled_});
}

std::int64_t latent_steps_per_snapshot(double snapshot_dt_s, double latent_step_s) {
  const double ratio = snapshot_dt_s / latent_step_s;
  const double whole = std::round(ratio);
  if (!(snapshot_dt_s > 0 && latent_step_s > 0) || whole < 1 ||
      std::abs(ratio - whole) > 1e-6 * whole) {
    std::ostringstream os;
    os << "the snapshot interval " << snapshot_dt_s * 1e9 << " ns is not a whole number (>= 1) "
       << "of latent steps of " << latent_step_s * 1e9 << " ns (the micro set's snapshot "
       << "interval); their ratio is " << ratio;
    throw std::invalid_argument(os.str());
  }
  return static_cast<std::int64_t>(whole);
}

void save_latent_dynamics(const std::filesystem::path& path, const LatentDynamicsFile& file) {
  const EvolverOptions& o = file.model->options();
  torch::serialize::OutputArchive archive, weights;
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("format_version", c10::IValue(kFormatVersion));
  archive.write("channels", torch::tensor(o.channels, torch::kInt64));
  archive.write("latent_channels", c10::IValue(o.latent_channels));
  archive.write("stage", c10::IValue(file.stage));
  archive.write("tokenizer", c10::IValue(file.tokenizer.string()));
  archive.write("latent_step_s", c10::IValue(file.latent_step_s));
  archive.write("steps_per_snapshot", c10::IValue(file.steps_per_snapshot));
  archive.write("data_hash", c10::IValue(file.data_hash));
  file.model->save(weights);
  archive.write("model", weights);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  archive.save_to(tmp.string());
  std::filesystem::rename(tmp, path);
}

LatentDynamicsFile load_latent_dynamics(const std::filesystem::path& path) {
  const std::string where = path.string();
  if (!std::filesystem::is_regular_file(path))
    throw std::runtime_error(where + ": no such latent dynamics file");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(where);
  } catch (const c10::Error&) {
    throw std::runtime_error(where + ": not a latent dynamics file (unreadable archive)");
  }
  c10::IValue v;
  if (!archive.try_read("format", v) || !v.isString() || v.toStringRef() != kFormat)
    throw std::runtime_error(where + ": not a latent dynamics file");
  archive.read("format_version", v);
  if (v.toInt() != kFormatVersion)
    throw std::runtime_error(where + ": latent dynamics format " + std::to_string(v.toInt()) +
                             ", this program reads " + std::to_string(kFormatVersion));
  EvolverOptions o;
  torch::Tensor channels;
  archive.read("channels", channels);
  o.channels.assign(channels.data_ptr<std::int64_t>(),
                    channels.data_ptr<std::int64_t>() + channels.numel());
  archive.read("latent_channels", v);
  o.latent_channels = v.toInt();
  LatentDynamicsFile file;
  file.model = LatentDynamics(o);
  archive.read("stage", v);
  file.stage = v.toStringRef();
  archive.read("tokenizer", v);
  file.tokenizer = v.toStringRef();
  archive.read("latent_step_s", v);
  file.latent_step_s = v.toDouble();
  archive.read("steps_per_snapshot", v);
  file.steps_per_snapshot = v.toInt();
  archive.read("data_hash", v);
  file.data_hash = v.toStringRef();
  torch::serialize::InputArchive weights;
  archive.read("model", weights);
  file.model->load(weights);
  return file;
}

}  // namespace ember::learn
