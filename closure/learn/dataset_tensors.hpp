// A resolved-void data set (docs/dataset_schema.md) as the tensors every
// ember-train stage learns from: the fields T, P, μ of every run and
// snapshot, normalised to about [0, 1], padded to a multiple of 8 cells, a
// mask of the real cells, the shock pressure of each run, and a split of the
// runs into training, validation and test sets (docs/learning.md).
#pragma once

#include <torch/types.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ember::learn {

// Channel order of every field tensor.
inline constexpr int kNumFields = 3;
enum FieldIndex : int { kTemperature = 0, kPressure = 1, kVoidFraction = 2 };

// normalised = (x − lo) / (hi − lo), x in the file's unit, first clipped to
// [lo, hi] where clip is set. The ranges are fixed, not taken from the data,
// so that the micro and meso sets (and any new set) share one normalisation
// and a trained model carries it unchanged into the plugin.
struct FieldScale {
  const char* dataset;  // name in the file
  const char* symbol;   // short name in logs and reports
  const char* unit;     // of lo and hi: the file's unit
  double lo, hi;
  bool clip;
  const char* report_unit;  // errors are reported in this unit …
  double report_factor;     // … = file unit × report_factor
};

// T over 300–5000 K as the seed, clipped, and taken as the HMX temperature:
// in void cells (μ > 1/2) the file holds the gas temperature, which in a
// collapsing void reaches 1e6 K (clipped, it would still dominate every T
// loss with 5000 K spikes), so T is set to 300 K there; the hotspot metrics
// weigh T by the HMX fraction and never see it. A few interface cells with
// negative T are clipped to 300 K. P over 0–60 GPa, not clipped (shocks of
// 5–30 GPa and their void-collapse peaks). μ is the void fraction, in [0, 1].
inline constexpr std::array<FieldScale, kNumFields> kFieldScales = {{
    {"temperature", "T", "K", 300.0, 5000.0, true, "K", 1.0},
    {"pressure", "P", "Pa", 0.0, 60e9, false, "GPa", 1e-9},
    {"void_fraction", "mu", "1", 0.0, 1.0, false, "1", 1.0},
}};

// Cells with a void fraction above this are void cells (as the dataset's
// microstructure mask).
inline constexpr double kVoidCell = 0.5;

// Fields are padded at their high-x and high-y edges to a multiple of this
// (the tokenizer downsamples three times by 2).
inline constexpr int kSpatialMultiple = 8;

struct DatasetTensors {
  std::string path;
  std::string set;                 // "micro" or "meso" (the runs' set attribute)
  std::vector<std::string> runs;   // run names, sorted as in the file
  torch::Tensor fields;            // [run, time, field, H, W] float32, normalised
  torch::Tensor mask;              // [H, W] float32: 1 on the data's cells, 0 on padding
  torch::Tensor shock_pressure;    // [run] float32: shock pressure on the P scale
  std::vector<double> shock_pressure_Pa;
  int nx = 0, ny = 0;              // the data's grid; W, H ≥ these
  std::int64_t n_times = 0;
  double dx_m = 0, snapshot_dt_s = 0;
  std::string hash;  // SHA-256 over run names, shock pressures and raw field values
};

// Reads every run of a per-run or merged file. Padding replicates the last
// real row and column (a zero-gradient extension, as an outflow boundary).
// Throws std::runtime_error naming the file and run if a run is incomplete
// or its grid, snapshot count or spacing differs from the first run's.
DatasetTensors load_dataset(const std::filesystem::path& file);

// normalised → physical (the file's unit), and back; field is a FieldIndex.
torch::Tensor to_physical(const torch::Tensor& normalised, int field);
torch::Tensor to_normalised(const torch::Tensor& physical, int field);

// Runs (indices into DatasetTensors::runs) per part of the split.
struct Split {
  std::vector<std::int64_t> train, validation, test;
};

// Shuffles the runs with seed, then takes round(test_fraction · n) test runs
// and round(validation_fraction · n) validation runs (at least one of each
// when its fraction is > 0), the rest training; each part sorted. Throws
// std::invalid_argument if no training run is left. Deterministic: the same
// (n, fractions, seed) gives the same split on every machine.
Split split_runs(std::int64_t n_runs, double validation_fraction, double test_fraction,
                 std::uint64_t seed);

}  // namespace ember::learn
