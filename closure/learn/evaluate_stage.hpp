// Stage "evaluate" of ember-train: the latent meso model, the PARC baseline
// and persistence, each rolled out from snapshot 0 over the whole of every
// held-out test run of meso_split (runs that neither model trained or was
// selected on: checked against their checkpoints), scored by evaluation.hpp;
// writes evaluation.csv and evaluation_curves.csv and prints a table
// (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "stage.hpp"

#include <cstdint>
#include <filesystem>
#include <ostream>

namespace ember::learn {

struct DatasetTensors;
struct Evaluation;

// The models of a meso stage's run.out_dir (meso_model.pt, checkpoint
// meso.pt) and of a parc stage's (parc_model.pt, parc.pt) with persistence,
// on the test runs of meso_split(runs, split_seed). The latent model adds an
// ensemble of `members` rollouts from sampled latents (seeded with
// ensemble_seed; 0 members: none). Throws std::runtime_error naming the file
// when a model is missing, was trained on other data, or saw a test run.
Evaluation evaluate_meso(const DatasetTensors& data, std::uint64_t split_seed,
                         const std::filesystem::path& latent_dir,
                         const std::filesystem::path& parc_dir, std::int64_t members,
                         std::uint64_t ensemble_seed);

// Reads every key of the stage (then rejects unknown keys), sets the thread
// count, loads the data, evaluates, writes the results to run.out_dir and the
// table to log. Throws ConfigError for bad settings.
Evaluation run_evaluate(const Config& config, std::ostream& log);

// The subcommand: run_evaluate on args, logging to stdout.
int evaluate_command(const StageArgs& args);

}  // namespace ember::learn
