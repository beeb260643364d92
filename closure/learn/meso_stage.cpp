#include "meso_stage.hpp"

#include "latent_rollout.hpp"
#include "latent_training.hpp"
#include "meso_split.hpp"
#include "threads.hpp"

#include <iostream>

namespace ember::learn {
namespace {

namespace fs = std::filesystem;

// data.train_runs: a positive integer or "all" (0 here).
std::int64_t read_train_runs(const Config& c) {
  const std::string key = "data.train_runs";
  try {
    return c.get_int(key, 1, 1000000);
  } catch (const ConfigError& as_int) {
    try {
      c.get_choice(key, {"all"});
    } catch (const ConfigError&) {
      throw as_int;
    }
    return 0;
  }
}

}  // namespace

LatentTrainingReport train_meso(const Config& config, bool resume, std::ostream& log) {
  const int threads = static_cast<int>(config.get_int("run.threads", 1, 1024));
  const fs::path out_dir = config.get_string("run.out_dir");
  const fs::path data_file = config.get_string("data.file");
  const auto split_seed =
      static_cast<std::uint64_t>(config.get_int("data.split_seed", 0, std::int64_t{1} << 62));
  const std::int64_t train_runs = read_train_runs(config);
  const fs::path micro_file = config.get_string("model.dynamics");
  const LatentTrainingSettings settings = read_latent_training(config);
  config.check_all_used();
  set_threads(threads);

  LatentModel micro;
  try {
    micro = load_latent_model(micro_file);
  } catch (const std::exception& e) {
    throw config.error("model.dynamics", "= \"" + micro_file.string() + "\": " + e.what());
  }
  if (micro.dynamics.stage != "dynamics")
    throw config.error("model.dynamics", "= \"" + micro_file.string() + "\" holds evolvers of stage '" +
                                             micro.dynamics.stage +
                                             "'; the meso stage starts from the micro stage's "
                                             "(dynamics_model.pt)");
  DatasetTensors data;
  try {
    data = load_dataset(data_file);
  } catch (const std::exception& e) {
    throw config.error("data.file", "= \"" + data_file.string() + "\": " + e.what());
  }
  LatentTrainingJob job;
  try {
    job.file.steps_per_snapshot =
        latent_steps_per_snapshot(data.snapshot_dt_s, micro.dynamics.latent_step_s);
  } catch (const std::invalid_argument& e) {
    throw config.error("data.file", "= \"" + data_file.string() + "\": " + e.what());
  }
  Split split;
  try {
    split = meso_split(static_cast<std::int64_t>(data.runs.size()), split_seed);
    job.train = meso_training_runs(split, train_runs, settings.seed);
  } catch (const std::invalid_argument& e) {
    throw config.error("data.train_runs", std::string("with data.file = \"") + data_file.string() +
                                              "\": " + e.what());
  }
  job.validation = split.validation;
  job.test = split.test;
  log << data.set << " set " << data.path << ": " << data.runs.size() << " runs of "
      << data.n_times << " snapshots every " << data.snapshot_dt_s * 1e9 << " ns ("
      << job.file.steps_per_snapshot << (job.file.steps_per_snapshot == 1 ? " latent step" : " latent steps")
      << " each), " << data.nx << "x" << data.ny
      << " cells; training on " << job.train.size() << " of " << split.train.size()
      << " training runs (" << run_names(data, job.train) << "), " << job.validation.size()
      << " validation, " << job.test.size() << " test runs (test: " << run_names(data, job.test)
      << ")\n";

  const LatentSet set = encode_dataset(micro.tokenizer, std::move(data));
  // The seed's meso model: the micro decoupled evolvers frozen, the coupled
  // one fine-tuned.
  for (torch::Tensor& p : micro.dynamics.model->decoupled_parameters()) p.requires_grad_(false);

  job.stage = "meso";
  job.config = &config;
  job.resume = resume;
  job.out_dir = out_dir;
  job.tokenizer = micro.tokenizer;
  job.file.model = micro.dynamics.model;
  job.file.stage = job.stage;
  job.file.tokenizer = micro.dynamics.tokenizer;
  job.file.latent_step_s = micro.dynamics.latent_step_s;
  job.file.data_hash = set.data.hash;
  job.trained = micro.dynamics.model->coupled_parameters();
  job.set = &set;
  job.checkpoint_text = {{"data_hash", set.data.hash},
                         {"micro_evolvers", weights_hash(*micro.dynamics.model)},
                         {"train_runs", run_names(set.data, job.train)}};
  return run_latent_training(job, settings, log);
}

int meso_command(const StageArgs& args) {
  const Config config = Config::from_file(args.config, args.overrides);
  train_meso(config, args.resume, std::cout);
  return 0;
}

}  // namespace ember::learn
