#include "dataset_tensors.hpp"

#include "dataset_file.hpp"
#include "random_order.hpp"
#include "sha256.hpp"

#include <torch/nn/functional/padding.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace ember::learn {
namespace {

namespace F = torch::nn::functional;
using torch::indexing::Slice;

int round_up(int n, int multiple) { return (n + multiple - 1) / multiple * multiple; }

bool same(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

template <class T>
void append_bytes(std::string& out, const T* data, std::size_t n) {
  out.append(reinterpret_cast<const char*>(data), n * sizeof(T));
}

}  // namespace

torch::Tensor to_normalised(const torch::Tensor& physical, int field) {
  const FieldScale& s = kFieldScales.at(static_cast<std::size_t>(field));
  const torch::Tensor x = s.clip ? physical.clamp(s.lo, s.hi) : physical;
  return (x - s.lo) / (s.hi - s.lo);
}

torch::Tensor to_physical(const torch::Tensor& normalised, int field) {
  const FieldScale& s = kFieldScales.at(static_cast<std::size_t>(field));
  return normalised * (s.hi - s.lo) + s.lo;
}

DatasetTensors load_dataset(const std::filesystem::path& file) {
  const datagen::DatasetReader reader(file);
  DatasetTensors d;
  d.path = file.string();
  d.runs = reader.runs();
  if (d.runs.empty()) throw std::runtime_error(d.path + ": holds no runs");

  const datagen::RunAttributes first = reader.attributes(d.runs.front());
  d.set = first.set;
  d.nx = first.nx;
  d.ny = first.ny;
  d.n_times = first.n_snapshots;
  d.dx_m = first.dx_m;
  d.snapshot_dt_s = first.snapshot_dt_s;
  const int H = round_up(d.ny, kSpatialMultiple), W = round_up(d.nx, kSpatialMultiple);
  const auto n_runs = static_cast<std::int64_t>(d.runs.size());
  d.fields = torch::empty({n_runs, d.n_times, kNumFields, H, W}, torch::kFloat32);
  d.mask = torch::zeros({H, W}, torch::kFloat32);
  d.mask.index_put_({Slice(0, d.ny), Slice(0, d.nx)}, 1.0);

  std::string run_hashes;
  for (std::int64_t r = 0; r < n_runs; ++r) {
    const std::string& name = d.runs[static_cast<std::size_t>(r)];
    const std::string where = d.path + ": run " + name;
    const datagen::RunAttributes a = reader.attributes(name);
    if (!a.complete) throw std::runtime_error(where + " is not complete");
    if (a.set != d.set || a.nx != d.nx || a.ny != d.ny || a.n_snapshots != d.n_times ||
        !same(a.dx_m, d.dx_m) || !same(a.snapshot_dt_s, d.snapshot_dt_s))
      throw std::runtime_error(where + " differs from run " + d.runs.front() +
                               " in set, grid, cell size, snapshot count or spacing; "
                               "one data set must hold runs of one kind");
    d.shock_pressure_Pa.push_back(a.shock_pressure_Pa);

    std::string bytes = name;
    append_bytes(bytes, &a.shock_pressure_Pa, 1);
    std::array<torch::Tensor, kNumFields> normalised;
    for (int f = 0; f < kNumFields; ++f) {
      const FieldScale& s = kFieldScales[static_cast<std::size_t>(f)];
      datagen::Field field = reader.field(name, s.dataset);
      if (field.unit != s.unit)
        throw std::runtime_error(where + ": " + s.dataset + " is in '" + field.unit +
                                 "', expected '" + s.unit + "'");
      const torch::Tensor raw =
          torch::from_blob(field.values.data(), {d.n_times, d.ny, d.nx}, torch::kFloat32);
      if (!torch::isfinite(raw).all().item<bool>())
        throw std::runtime_error(where + ": " + s.dataset + " holds NaN or Inf values");
      append_bytes(bytes, field.values.data(), field.values.size());
      normalised[static_cast<std::size_t>(f)] = to_normalised(raw, f);
    }
    run_hashes += kit::sha256_hex(bytes);
    // T is the HMX temperature: void cells get the bottom of its range (μ is
    // its own normalised value).
    normalised[kTemperature].masked_fill_(normalised[kVoidFraction] > kVoidCell, 0.0);
    for (int f = 0; f < kNumFields; ++f) {
      // Replicate padding needs a channel dimension: [time, 1, y, x].
      const torch::Tensor padded =
          F::pad(normalised[static_cast<std::size_t>(f)].unsqueeze(1),
                 F::PadFuncOptions({0, W - d.nx, 0, H - d.ny}).mode(torch::kReplicate));
      d.fields.index_put_({r, Slice(), f}, padded.squeeze(1));
    }
  }
  d.hash = kit::sha256_hex(run_hashes);
  d.shock_pressure =
      to_normalised(torch::tensor(d.shock_pressure_Pa, torch::kFloat64), kPressure).to(torch::kFloat32);
  return d;
}

Split split_runs(std::int64_t n_runs, double validation_fraction, double test_fraction,
                 std::uint64_t seed) {
  const auto count = [n_runs](double fraction) -> std::int64_t {
    if (fraction <= 0) return 0;
    return std::max<std::int64_t>(1, std::llround(fraction * static_cast<double>(n_runs)));
  };
  const std::int64_t n_test = count(test_fraction), n_validation = count(validation_fraction);
  if (n_test + n_validation >= n_runs)
    throw std::invalid_argument(std::to_string(n_runs) + " runs split into " +
                                std::to_string(n_test) + " test and " +
                                std::to_string(n_validation) +
                                " validation runs leave none for training");
  const std::vector<std::int64_t> order = shuffled(n_runs, seed);
  Split s;
  s.test.assign(order.begin(), order.begin() + n_test);
  s.validation.assign(order.begin() + n_test, order.begin() + n_test + n_validation);
  s.train.assign(order.begin() + n_test + n_validation, order.end());
  for (auto* part : {&s.train, &s.validation, &s.test}) std::sort(part->begin(), part->end());
  return s;
}

}  // namespace ember::learn
