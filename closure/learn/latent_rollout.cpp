#include "latent_rollout.hpp"

#include "config.hpp"
#include "dataset_tensors.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/utils.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace ember::learn {
namespace {

// Images decoded at once: bounds the decoder's activations (a meso image of
// 160×96 cells has ~1 MB per 16-channel activation).
constexpr std::int64_t kDecodeChunk = 64;

// The tokenizer's model.* settings as a config ("model.channels = [8, 16, 16]"
// lines of the checkpoint's settings text, under a [model] table).
Config model_settings(const TrainedTokenizer& t, const std::filesystem::path& checkpoint) {
  const auto it = t.meta.text.find("settings");
  if (it == t.meta.text.end())
    throw std::runtime_error(checkpoint.string() + ": the tokenizer checkpoint records no settings");
  std::istringstream in(it->second);
  std::string toml = "[model]\n";
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model.", 0) == 0) toml += line.substr(6) + "\n";
  return Config::from_string(toml, checkpoint.string() + " (settings)");
}

}  // namespace

TrainedTokenizer load_trained_tokenizer(const std::filesystem::path& checkpoint) {
  // A first pass with an empty module reads the settings, which say how to
  // build the tokenizer; the second loads its weights.
  TrainedTokenizer t;
  torch::nn::Module empty;
  t.meta = load_checkpoint(checkpoint, "tokenizer", empty, nullptr, nullptr);
  const Config settings = model_settings(t, checkpoint);
  VaeOptions options;
  options.channels = settings.get_int_array("model.channels", 1, 4096, 3, 3);
  options.latent_channels = settings.get_int("model.latent_channels", 1, 64);
  t.latent_channels = options.latent_channels;
  t.model = Tokenizer(options);
  load_checkpoint(checkpoint, "tokenizer", *t.model, nullptr, nullptr);
  t.model->eval();
  for (torch::Tensor& p : t.model->parameters()) p.requires_grad_(false);
  return t;
}

LatentGrid encode_fields(Tokenizer& tokenizer, const torch::Tensor& fields) {
  std::vector<torch::Tensor> means, logvars;
  for (int f = 0; f < kNumFields; ++f) {
    const VaeOutput e = tokenizer->field(f)->encode(fields.narrow(1, f, 1));
    means.push_back(e.mean);
    logvars.push_back(e.logvar);
  }
  return {torch::cat(means, 1), torch::cat(logvars, 1)};
}

torch::Tensor decode_fields(Tokenizer& tokenizer, const torch::Tensor& z) {
  const std::vector<torch::Tensor> parts = z.chunk(kNumFields, 1);
  std::vector<torch::Tensor> fields;
  for (int f = 0; f < kNumFields; ++f)
    fields.push_back(tokenizer->field(f)->decode(parts[static_cast<std::size_t>(f)]));
  return torch::cat(fields, 1);
}

LatentModel load_latent_model(const std::filesystem::path& dynamics_file) {
  LatentModel m;
  m.dynamics = load_latent_dynamics(dynamics_file);
  const TrainedTokenizer t = load_trained_tokenizer(m.dynamics.tokenizer);
  if (t.latent_channels != m.dynamics.model->options().latent_channels)
    throw std::runtime_error(dynamics_file.string() + ": evolvers of " +
                             std::to_string(m.dynamics.model->options().latent_channels) +
                             " latent channels per field, but its tokenizer " +
                             m.dynamics.tokenizer.string() + " has " +
                             std::to_string(t.latent_channels));
  m.tokenizer = t.model;
  m.dynamics.model->eval();
  return m;
}

ProbabilisticRollout latent_rollout(LatentModel& model, const torch::Tensor& first_snapshot,
                                    double pressure, std::int64_t snapshots, std::int64_t members,
                                    std::uint64_t seed) {
  if (first_snapshot.dim() != 3 || first_snapshot.size(0) != kNumFields)
    throw std::invalid_argument("latent_rollout: the first snapshot must be [3, H, W], got " +
                                std::string(c10::str(first_snapshot.sizes())));
  if (snapshots < 0 || members < 0)
    throw std::invalid_argument("latent_rollout: snapshots and members must be >= 0");
  torch::NoGradGuard no_grad;
  const torch::Tensor x = first_snapshot.to(torch::kFloat32).unsqueeze(0);
  const LatentGrid e = encode_fields(model.tokenizer, x);
  // Row 0 the mean, rows 1 … members the samples: one batch.
  torch::Tensor z = e.mean;
  if (members > 0) {
    at::Generator noise = at::make_generator<at::CPUGeneratorImpl>(seed);
    const torch::Tensor eps =
        at::empty({members, e.mean.size(1), e.mean.size(2), e.mean.size(3)}).normal_(0, 1, noise);
    z = torch::cat({e.mean, e.mean + torch::exp(0.5 * e.logvar) * eps}, 0);
  }
  const std::int64_t B = z.size(0), H = x.size(2), W = x.size(3);
  const torch::Tensor p = torch::full({B}, pressure, torch::kFloat32);
  const torch::Tensor latents =
      model.dynamics.model->rollout(z, p, snapshots, model.dynamics.steps_per_snapshot)
          .flatten(0, 1);  // [B·snapshots, 3L, h, w]
  std::vector<torch::Tensor> decoded;
  for (std::int64_t b = 0; b < latents.size(0); b += kDecodeChunk)
    decoded.push_back(decode_fields(model.tokenizer,
                                    latents.narrow(0, b, std::min(kDecodeChunk, latents.size(0) - b))));
  torch::Tensor fields = x.unsqueeze(1).expand({B, 1, kNumFields, H, W});
  if (snapshots > 0)
    fields = torch::cat({fields, torch::cat(decoded, 0).view({B, snapshots, kNumFields, H, W})}, 1);
  ProbabilisticRollout out;
  out.mean = fields[0].contiguous();
  if (members > 0) out.ensemble = fields.narrow(0, 1, members).contiguous();
  return out;
}

}  // namespace ember::learn
