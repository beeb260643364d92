// Stage "meso" of ember-train: the latent model on the meso set. Starts from
// the micro stage's evolvers, keeps the per-field (decoupled) evolvers frozen
// as the seed does, and fine-tunes the coupled evolver on the meso training
// runs (all of them, or data.train_runs chosen by run.seed: the scarce-data
// study), with latent_steps_per_snapshot micro latent steps per meso
// snapshot interval. The split is meso_split's, shared with PARC and the
// evaluation (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "latent_report.hpp"
#include "stage.hpp"

#include <ostream>

namespace ember::learn {

// As train_dynamics (dynamics_stage.hpp), for the meso stage.
LatentTrainingReport train_meso(const Config& config, bool resume, std::ostream& log);

// The subcommand: train_meso on args, logging to stdout.
int meso_command(const StageArgs& args);

}  // namespace ember::learn
