// Stage "dynamics" of ember-train: trains the latent evolvers (decoupled and
// coupled, latent_dynamics.hpp) on the micro set, encoded by the trained
// tokenizer, which stays frozen; the split of the runs is the tokenizer's.
// Keeps the weights that roll out best on the validation runs and reports
// the field RMSE of full rollouts on every part against persistence
// (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "latent_report.hpp"
#include "stage.hpp"

#include <ostream>

namespace ember::learn {

// Reads every key of the stage from config (then rejects unknown keys), sets
// the thread count, loads the tokenizer and the data, trains from scratch
// or, with resume, from the checkpoint in run.out_dir, and evaluates.
// Progress lines go to log. Throws ConfigError for bad settings,
// std::runtime_error for bad data or a checkpoint that does not match.
LatentTrainingReport train_dynamics(const Config& config, bool resume, std::ostream& log);

// The subcommand: train_dynamics on args, logging to stdout.
int dynamics_command(const StageArgs& args);

}  // namespace ember::learn
