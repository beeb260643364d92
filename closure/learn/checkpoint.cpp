#include "checkpoint.hpp"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <stdexcept>

namespace ember::learn {
namespace {

constexpr const char* kFormat = "ember-train checkpoint";
constexpr std::int64_t kFormatVersion = 1;

}  // namespace

void save_checkpoint(const std::filesystem::path& path, const CheckpointMeta& meta,
                     torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                     const at::Generator& noise) {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("format_version", c10::IValue(kFormatVersion));
  archive.write("stage", c10::IValue(meta.stage));
  archive.write("epoch", c10::IValue(meta.epoch));
  torch::serialize::OutputArchive text, tensors, model_archive, optimizer_archive;
  for (const auto& [key, value] : meta.text) text.write(key, c10::IValue(value));
  for (const auto& [key, value] : meta.tensors) tensors.write(key, value);
  model.save(model_archive);
  optimizer.save(optimizer_archive);
  archive.write("text", text);
  archive.write("tensors", tensors);
  archive.write("model", model_archive);
  archive.write("optimizer", optimizer_archive);
  archive.write("noise_state", noise.get_state());

  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  archive.save_to(tmp.string());
  std::filesystem::rename(tmp, path);
}

CheckpointMeta load_checkpoint(const std::filesystem::path& path, const std::string& stage,
                               torch::nn::Module& model, torch::optim::Optimizer* optimizer,
                               at::Generator* noise) {
  const std::string where = path.string();
  if (!std::filesystem::is_regular_file(path))
    throw std::runtime_error(where + ": no such checkpoint");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(where);
  } catch (const c10::Error&) {
    throw std::runtime_error(where + ": not an ember-train checkpoint (unreadable archive)");
  }
  c10::IValue v;
  if (!archive.try_read("format", v) || !v.isString() || v.toStringRef() != kFormat)
    throw std::runtime_error(where + ": not an ember-train checkpoint");
  archive.read("format_version", v);
  if (v.toInt() != kFormatVersion)
    throw std::runtime_error(where + ": checkpoint format " + std::to_string(v.toInt()) +
                             ", this program reads " + std::to_string(kFormatVersion));
  CheckpointMeta meta;
  archive.read("stage", v);
  meta.stage = v.toStringRef();
  if (meta.stage != stage)
    throw std::runtime_error(where + ": a checkpoint of stage '" + meta.stage + "', not '" +
                             stage + "'");
  archive.read("epoch", v);
  meta.epoch = v.toInt();

  torch::serialize::InputArchive text, tensors, model_archive, optimizer_archive;
  archive.read("text", text);
  for (const std::string& key : text.keys()) {
    text.read(key, v);
    meta.text[key] = v.toStringRef();
  }
  archive.read("tensors", tensors);
  for (const std::string& key : tensors.keys()) tensors.read(key, meta.tensors[key]);
  try {
    archive.read("model", model_archive);
    model.load(model_archive);
    if (optimizer != nullptr) {
      archive.read("optimizer", optimizer_archive);
      optimizer->load(optimizer_archive);
    }
  } catch (const c10::Error& e) {
    throw std::runtime_error(where + ": does not fit this model (" + e.what_without_backtrace() +
                             ")");
  }
  if (noise != nullptr) {
    torch::Tensor state;
    archive.read("noise_state", state);
    noise->set_state(state);
  }
  return meta;
}

}  // namespace ember::learn
