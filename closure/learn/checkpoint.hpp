// Checkpoints of a training stage, so that an interrupted run resumes where
// it stopped and ends with the same weights as an uninterrupted one: the
// model, the optimizer's state, the epochs done and the state of the noise
// generator (the sample order is a function of seed and epoch), plus what the
// stage needs to recognise its settings and data (text) and to report its
// history (tensors). Written atomically: to <path>.tmp, then renamed.
#pragma once

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace ember::learn {

struct CheckpointMeta {
  std::string stage;       // "tokenizer", …: a checkpoint is loaded only by its stage
  std::int64_t epoch = 0;  // epochs completed
  std::map<std::string, std::string> text;
  std::map<std::string, torch::Tensor> tensors;
};

void save_checkpoint(const std::filesystem::path& path, const CheckpointMeta& meta,
                     torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                     const at::Generator& noise);

// Loads into model and, where not null, into optimizer and noise (a later
// stage that only uses the trained model passes null); returns the rest.
// Throws std::runtime_error naming the file when it is not an ember-train
// checkpoint, is one of another stage, or does not fit the model.
CheckpointMeta load_checkpoint(const std::filesystem::path& path, const std::string& stage,
                               torch::nn::Module& model, torch::optim::Optimizer* optimizer,
                               at::Generator* noise);

}  // namespace ember::learn
