#include "dynamics_stage.hpp"

#include "latent_rollout.hpp"
#include "latent_training.hpp"
#include "threads.hpp"

#include <torch/nn/utils/convert_parameters.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

// The tokenizer's part of the split ("split_train", …: comma-separated run
// names) as run indices of data.
std::vector<std::int64_t> split_part(const TrainedTokenizer& t, const std::string& key,
                                     const DatasetTensors& data) {
  std::vector<std::int64_t> out;
  std::istringstream in(t.meta.text.at(key));
  for (std::string name; std::getline(in, name, ',');) {
    const auto it = std::find(data.runs.begin(), data.runs.end(), name);
    if (it == data.runs.end())
      throw std::runtime_error("the tokenizer's run " + name + " is not in " + data.path);
    out.push_back(it - data.runs.begin());
  }
  return out;
}

}  // namespace

LatentTrainingReport train_dynamics(const Config& config, bool resume, std::ostream& log) {
  const int threads = static_cast<int>(config.get_int("run.threads", 1, 1024));
  const fs::path out_dir = config.get_string("run.out_dir");
  const fs::path data_file = config.get_string("data.file");
  const fs::path tokenizer_file = config.get_string("model.tokenizer");
  EvolverOptions options;
  options.channels = config.get_int_array("model.channels", 1, 4096, 2, 3);
  const LatentTrainingSettings settings = read_latent_training(config);
  config.check_all_used();
  set_threads(threads);

  TrainedTokenizer tokenizer;
  try {
    tokenizer = load_trained_tokenizer(tokenizer_file);
  } catch (const std::exception& e) {
    throw config.error("model.tokenizer", "= \"" + tokenizer_file.string() + "\": " + e.what());
  }
  DatasetTensors data;
  try {
    data = load_dataset(data_file);
  } catch (const std::exception& e) {
    throw config.error("data.file", "= \"" + data_file.string() + "\": " + e.what());
  }
  // The tokenizer's split keeps its validation and test runs out of training
  // here too; it needs the same data.
  if (tokenizer.meta.text.at("data_hash") != data.hash)
    throw config.error("data.file", "= \"" + data_file.string() +
                                        "\" is not the data the tokenizer " +
                                        tokenizer_file.string() + " was trained on");
  LatentTrainingJob job;
  job.train = split_part(tokenizer, "split_train", data);
  job.validation = split_part(tokenizer, "split_validation", data);
  job.test = split_part(tokenizer, "split_test", data);
  log << data.set << " set " << data.path << ": " << data.runs.size() << " runs of "
      << data.n_times << " snapshots every " << data.snapshot_dt_s * 1e9 << " ns, " << data.nx
      << "x" << data.ny << " cells; the tokenizer's split: " << job.train.size() << " training, "
      << job.validation.size() << " validation, " << job.test.size() << " test runs (test: "
      << run_names(data, job.test) << ")\n";

  const LatentSet set = encode_dataset(tokenizer.model, std::move(data));
  options.latent_channels = tokenizer.latent_channels;
  torch::manual_seed(settings.seed);  // the initial weights
  job.file.model = LatentDynamics(options);
  log << "latent grid " << set.mean.size(4) << "x" << set.mean.size(3) << ", "
      << set.mean.size(2) << " channels; evolvers with "
      << torch::nn::utils::parameters_to_vector(job.file.model->parameters()).numel()
      << " parameters\n";

  job.stage = "dynamics";
  job.config = &config;
  job.resume = resume;
  job.out_dir = out_dir;
  job.tokenizer = tokenizer.model;
  job.file.stage = job.stage;
  job.file.tokenizer = fs::absolute(tokenizer_file);
  job.file.latent_step_s = set.data.snapshot_dt_s;  // one latent step per micro interval
  job.file.steps_per_snapshot = 1;
  job.file.data_hash = set.data.hash;
  job.trained = job.file.model->parameters();
  job.set = &set;
  job.checkpoint_text = {{"data_hash", set.data.hash},
                         {"tokenizer_weights", weights_hash(*tokenizer.model)}};
  return run_latent_training(job, settings, log);
}

int dynamics_command(const StageArgs& args) {
  const Config config = Config::from_file(args.config, args.overrides);
  train_dynamics(config, args.resume, std::cout);
  return 0;
}

}  // namespace ember::learn
