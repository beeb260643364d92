// The exported latent meso model (docs/learning.md, "Export"): one versioned
// file that a closure plugin loads without the training code. It holds the
// tokenizer (encoder and decoder of each field), the latent evolvers, the
// normalisation of the fields, the grid and latent shapes, the time step
// mapping, provenance (the training data's hashes, the code and LibTorch
// versions) and a golden input/output pair that load_model_file replays, so
// that a LibTorch or platform that computes another result is caught at load
// time rather than in a simulation (the lesson of FTorch #316,
// ../shared/design/closure_abi.md). Depends on the model classes only.
#pragma once

#include "latent_dynamics.hpp"
#include "vae.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ember::learn {

// A LibTorch archive (zip) whose entry "format" is kModelFileFormat and
// "format_version" kModelFileVersion; a change of the content bumps it.
inline constexpr const char* kModelFileFormat = "ember latent closure model";
inline constexpr std::int64_t kModelFileVersion = 1;

// normalised = (x − lo)/(hi − lo), x in `unit`, first clipped to [lo, hi]
// where clip is set (kFieldScales at export).
struct FieldNormalisation {
  std::string symbol, unit;
  double lo = 0, hi = 1;
  bool clip = false;
};

// The self-test: the mean rollout of `output.size(0) − 1` snapshot intervals
// from `input` under `pressure` must reproduce `output` to `tolerance`
// (largest absolute difference, normalised units).
struct GoldenPair {
  torch::Tensor input;   // [3, H, W] normalised T, P, μ
  double pressure = 0;   // normalised shock pressure
  torch::Tensor output;  // [snapshots + 1, 3, H, W]
  double tolerance = 0;
};

struct ModelFile {
  Tokenizer tokenizer{nullptr};
  VaeOptions tokenizer_options;
  LatentDynamics dynamics{nullptr};  // its options() are stored too
  std::array<FieldNormalisation, 3> normalisation;  // T, P, μ
  // T is the HMX temperature: cells with μ above this read 300 K (lo of T).
  double void_cell = 0.5;
  std::int64_t nx = 0, ny = 0;          // the trained grid's real cells
  std::int64_t height = 0, width = 0;   // padded to multiples of 8 (high edges)
  double dx_m = 0;
  std::vector<std::int64_t> latent_shape;  // [3L, H/8, W/8]
  double snapshot_dt_s = 0;                // meso snapshot interval
  double latent_step_s = 0;                // one latent step (the micro interval)
  std::int64_t steps_per_snapshot = 1;
  std::string data_hash;            // of the meso set the evolvers were fine-tuned on
  std::string tokenizer_data_hash;  // of the micro set the tokenizer (and micro evolvers) saw
  std::string code_version;         // ember's, of the program that exported the file
  std::string torch_version;        // LibTorch's, of that program
  GoldenPair golden;
};

// The mean rollout (encoder mean, latent evolvers, decoder), normalised,
// [snapshots + 1, 3, H, W] with index 0 the given snapshot [3, H, W].
torch::Tensor model_rollout(ModelFile& model, const torch::Tensor& first, double pressure,
                            std::int64_t snapshots);

// Writes atomically (<path>.tmp, then a rename), with a SHA-256 of the
// content (metadata, weights, golden pair) that the loader checks.
void save_model_file(const std::filesystem::path& path, const ModelFile& model);

// Reads a model file, in this order: the format and its version (another
// version is refused before anything else is read), the metadata and
// weights, the content hash, then the golden self-test. Every failure throws
// std::runtime_error beginning with the path and saying what did not match
// (a truncated or damaged file, a version, the largest golden difference).
ModelFile load_model_file(const std::filesystem::path& path);

// The metadata as "key = value" lines (numbers exact), for logs and for the
// content hash.
std::string describe(const ModelFile& model);

}  // namespace ember::learn
