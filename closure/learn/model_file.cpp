#include "model_file.hpp"

#include "sha256.hpp"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>
#include <torch/version.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

std::string exact(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string list(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::vector<std::int64_t> to_vector(const torch::Tensor& t) {
  const torch::Tensor c = t.to(torch::kInt64).contiguous();
  return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}

torch::Tensor to_tensor(const std::vector<std::int64_t>& v) { return torch::tensor(v, torch::kInt64); }

void append_bytes(std::string& out, const torch::Tensor& t) {
  const torch::Tensor c = t.detach().to(torch::kFloat32).contiguous();
  out.append(static_cast<const char*>(c.data_ptr()), static_cast<std::size_t>(c.numel()) * sizeof(float));
}

// SHA-256 over the metadata text, every named parameter and buffer of both
// modules (names and float32 values, in registration order) and the golden
// pair: any change of the content changes it.
std::string content_hash(const ModelFile& m) {
  std::string bytes = describe(m);

  for (const torch::nn::Module* module :
       {static_cast<const torch::nn::Module*>(m.tokenizer.get()),
        static_cast<const torch::nn::Module*>(m.dynamics.get())}) {
    for (const auto& p : module->named_parameters()) {
      bytes += p.key() + "\n";
      append_bytes(bytes, p.value());
    }
    for (const auto& b : module->named_buffers()) {
      bytes += b.key() + "\n";
      append_bytes(bytes, b.value());
    }
  }
  append_bytes(bytes, m.golden.input);
  append_bytes(bytes, m.golden.output);
  return kit::sha256_hex(bytes);
}

// The golden rollout replayed; throws naming the largest difference.
void self_test(ModelFile& m, const std::string& where) {
  const torch::Tensor& expected = m.golden.output;
  const torch::Tensor got = model_rollout(m, m.golden.input, m.golden.pressure, expected.size(0) - 1);
  const torch::Tensor diff = (got - expected).abs();
  const double largest = diff.max().item<double>();
  if (largest <= m.golden.tolerance) return;  // NaN fails too
  const std::int64_t at = diff.flatten().argmax().item<std::int64_t>();
  const std::int64_t per_snapshot = diff[0].numel(), per_field = diff[0][0].numel();
  std::ostringstream os;
  os << where << ": golden self-test failed: the rollout differs from the one stored at export by "
     << largest << " (normalised units; tolerance " << m.golden.tolerance << ") at snapshot "
     << at / per_snapshot << ", field " << m.normalisation[static_cast<std::size_t>((at % per_snapshot) / per_field)].symbol
     << "; exported by ember " << m.code_version << " with LibTorch " << m.torch_version
     << ", loaded with LibTorch " << TORCH_VERSION;
  throw std::runtime_error(os.str());
}

}  // namespace

std::string describe(const ModelFile& m) {
  std::ostringstream os;
  os << "format = " << kModelFileFormat << "\n"
     << "format_version = " << kModelFileVersion << "\n"
     << "tokenizer.channels = " << list(m.tokenizer_options.channels) << "\n"
     << "tokenizer.latent_channels = " << m.tokenizer_options.latent_channels << "\n"
     << "dynamics.channels = " << list(m.dynamics->options().channels) << "\n"
     << "dynamics.latent_channels = " << m.dynamics->options().latent_channels << "\n";
  for (const FieldNormalisation& f : m.normalisation)
    os << "normalisation." << f.symbol << " = " << exact(f.lo) << " .. " << exact(f.hi) << " "
       << f.unit << (f.clip ? ", clipped" : "") << "\n";
  os << "void_cell = " << exact(m.void_cell) << "\n"
     << "grid = " << m.nx << " x " << m.ny << " cells of " << exact(m.dx_m) << " m, padded to "
     << m.width << " x " << m.height << "\n"
     << "latent_shape = " << list(m.latent_shape) << "\n"
     << "snapshot_dt_s = " << exact(m.snapshot_dt_s) << "\n"
     << "latent_step_s = " << exact(m.latent_step_s) << "\n"
     << "steps_per_snapshot = " << m.steps_per_snapshot << "\n"
     << "data_hash = " << m.data_hash << "\n"
     << "tokenizer_data_hash = " << m.tokenizer_data_hash << "\n"
     << "code_version = " << m.code_version << "\n"
     << "torch_version = " << m.torch_version << "\n"
     << "golden.pressure = " << exact(m.golden.pressure) << "\n"
     << "golden.snapshots = " << (m.golden.output.defined() ? m.golden.output.size(0) - 1 : 0) << "\n"
     << "golden.tolerance = " << exact(m.golden.tolerance) << "\n";
  return os.str();
}

torch::Tensor model_rollout(ModelFile& m, const torch::Tensor& first, double pressure,
                            std::int64_t snapshots) {
  if (first.dim() != 3 || first.size(0) != 3 || first.size(1) % 8 != 0 || first.size(2) % 8 != 0)
    throw std::invalid_argument("model_rollout: the first snapshot must be [3, H, W] with H and W "
                                "multiples of 8, got " + std::string(c10::str(first.sizes())));
  torch::NoGradGuard no_grad;
  m.tokenizer->eval();
  m.dynamics->eval();
  const torch::Tensor x = first.to(torch::kFloat32).unsqueeze(0);
  std::vector<torch::Tensor> means;
  for (int f = 0; f < 3; ++f) means.push_back(m.tokenizer->field(f)->encode(x.narrow(1, f, 1)).mean);
  if (snapshots == 0) return x;
  const torch::Tensor p = torch::full({1}, pressure, torch::kFloat32);
  const torch::Tensor z =
      m.dynamics->rollout(torch::cat(means, 1), p, snapshots, m.steps_per_snapshot)[0];
  const std::vector<torch::Tensor> parts = z.chunk(3, 1);
  std::vector<torch::Tensor> fields;
  for (int f = 0; f < 3; ++f)
    fields.push_back(m.tokenizer->field(f)->decode(parts[static_cast<std::size_t>(f)]));
  return torch::cat({x, torch::cat(fields, 1)}, 0);
}

void save_model_file(const fs::path& path, const ModelFile& m) {
  torch::serialize::OutputArchive archive, tokenizer, dynamics;
  archive.write("format", c10::IValue(std::string(kModelFileFormat)));
  archive.write("format_version", c10::IValue(kModelFileVersion));
  archive.write("tokenizer_channels", to_tensor(m.tokenizer_options.channels));
  archive.write("tokenizer_latent_channels", c10::IValue(m.tokenizer_options.latent_channels));
  archive.write("dynamics_channels", to_tensor(m.dynamics->options().channels));
  archive.write("dynamics_latent_channels", c10::IValue(m.dynamics->options().latent_channels));
  for (std::size_t f = 0; f < m.normalisation.size(); ++f) {
    const FieldNormalisation& n = m.normalisation[f];
    const std::string key = "normalisation_" + std::to_string(f) + "_";
    archive.write(key + "symbol", c10::IValue(n.symbol));
    archive.write(key + "unit", c10::IValue(n.unit));
    archive.write(key + "lo", c10::IValue(n.lo));
    archive.write(key + "hi", c10::IValue(n.hi));
    archive.write(key + "clip", c10::IValue(n.clip));
  }
  archive.write("void_cell", c10::IValue(m.void_cell));
  archive.write("grid", to_tensor({m.nx, m.ny, m.width, m.height}));
  archive.write("dx_m", c10::IValue(m.dx_m));
  archive.write("latent_shape", to_tensor(m.latent_shape));
  archive.write("snapshot_dt_s", c10::IValue(m.snapshot_dt_s));
  archive.write("latent_step_s", c10::IValue(m.latent_step_s));
  archive.write("steps_per_snapshot", c10::IValue(m.steps_per_snapshot));
  archive.write("data_hash", c10::IValue(m.data_hash));
  archive.write("tokenizer_data_hash", c10::IValue(m.tokenizer_data_hash));
  archive.write("code_version", c10::IValue(m.code_version));
  archive.write("torch_version", c10::IValue(m.torch_version));
  archive.write("golden_input", m.golden.input);
  archive.write("golden_pressure", c10::IValue(m.golden.pressure));
  archive.write("golden_output", m.golden.output);
  archive.write("golden_tolerance", c10::IValue(m.golden.tolerance));
  m.tokenizer->save(tokenizer);
  m.dynamics->save(dynamics);
  archive.write("tokenizer", tokenizer);
  archive.write("dynamics", dynamics);
  archive.write("content_sha256", c10::IValue(content_hash(m)));
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  fs::path tmp = path;
  tmp += ".tmp";
  archive.save_to(tmp.string());
  fs::rename(tmp, path);
}

ModelFile load_model_file(const fs::path& path) {
  const std::string where = path.string();
  if (!fs::is_regular_file(path)) throw std::runtime_error(where + ": no such model file");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(where);
  } catch (const c10::Error& e) {
    throw std::runtime_error(where + ": not a model file, or truncated or damaged (unreadable "
                                     "archive: " + e.what_without_backtrace() + ")");
  }
  c10::IValue v;
  if (!archive.try_read("format", v) || !v.isString() || v.toStringRef() != kModelFileFormat)
    throw std::runtime_error(where + ": not an " + kModelFileFormat + " file (no format entry '" +
                             kModelFileFormat + "')");
  if (!archive.try_read("format_version", v) || !v.isInt())
    throw std::runtime_error(where + ": no format version");
  if (v.toInt() != kModelFileVersion)
    throw std::runtime_error(where + ": model file format version " + std::to_string(v.toInt()) +
                             ", this program reads version " + std::to_string(kModelFileVersion) +
                             " only; export the model again with this version of ember");

  ModelFile m;
  std::string stored_hash;
  try {
    auto read = [&](const char* key) -> const c10::IValue& {
      archive.read(key, v);
      return v;
    };
    // A new tensor each time: InputArchive::read into a defined tensor
    // reinterprets the stored bytes as that tensor's type.
    auto read_tensor = [&](const char* key) {
      torch::Tensor t;
      archive.read(key, t);
      return t;
    };
    m.tokenizer_options.channels = to_vector(read_tensor("tokenizer_channels"));
    m.tokenizer_options.latent_channels = read("tokenizer_latent_channels").toInt();
    EvolverOptions evolver;
    evolver.channels = to_vector(read_tensor("dynamics_channels"));
    evolver.latent_channels = read("dynamics_latent_channels").toInt();
    for (std::size_t f = 0; f < m.normalisation.size(); ++f) {
      FieldNormalisation& n = m.normalisation[f];
      const std::string key = "normalisation_" + std::to_string(f) + "_";
      n.symbol = read((key + "symbol").c_str()).toStringRef();
      n.unit = read((key + "unit").c_str()).toStringRef();
      n.lo = read((key + "lo").c_str()).toDouble();
      n.hi = read((key + "hi").c_str()).toDouble();
      n.clip = read((key + "clip").c_str()).toBool();
    }
    m.void_cell = read("void_cell").toDouble();
    const std::vector<std::int64_t> grid = to_vector(read_tensor("grid"));
    if (grid.size() != 4) throw std::runtime_error("a grid of 4 numbers expected");
    m.nx = grid[0];
    m.ny = grid[1];
    m.width = grid[2];
    m.height = grid[3];
    m.dx_m = read("dx_m").toDouble();
    m.latent_shape = to_vector(read_tensor("latent_shape"));
    m.snapshot_dt_s = read("snapshot_dt_s").toDouble();
    m.latent_step_s = read("latent_step_s").toDouble();
    m.steps_per_snapshot = read("steps_per_snapshot").toInt();
    m.data_hash = read("data_hash").toStringRef();
    m.tokenizer_data_hash = read("tokenizer_data_hash").toStringRef();
    m.code_version = read("code_version").toStringRef();
    m.torch_version = read("torch_version").toStringRef();
    m.golden.input = read_tensor("golden_input");
    m.golden.pressure = read("golden_pressure").toDouble();
    m.golden.output = read_tensor("golden_output");
    m.golden.tolerance = read("golden_tolerance").toDouble();
    stored_hash = read("content_sha256").toStringRef();

    m.tokenizer = Tokenizer(m.tokenizer_options);
    m.dynamics = LatentDynamics(evolver);
    torch::serialize::InputArchive tokenizer, dynamics;
    archive.read("tokenizer", tokenizer);
    archive.read("dynamics", dynamics);
    m.tokenizer->load(tokenizer);
    m.dynamics->load(dynamics);
  } catch (const c10::Error& e) {
    throw std::runtime_error(where + ": damaged or incomplete model file (" +
                             e.what_without_backtrace() + ")");
  } catch (const std::exception& e) {
    throw std::runtime_error(where + ": damaged or incomplete model file (" + e.what() + ")");
  }
  for (torch::Tensor& p : m.tokenizer->parameters()) p.requires_grad_(false);
  for (torch::Tensor& p : m.dynamics->parameters()) p.requires_grad_(false);
  const std::string hash = content_hash(m);
  if (hash != stored_hash)
    throw std::runtime_error(where + ": damaged model file: its content hashes to " + hash +
                             ", the file says " + stored_hash);
  try {
    self_test(m, where);
  } catch (const c10::Error& e) {
    throw std::runtime_error(where + ": golden self-test could not run (" + e.what_without_backtrace() + ")");
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(where + ": golden self-test could not run (" + e.what() + ")");
  }
  return m;
}

}  // namespace ember::learn
