// Stage "study" of ember-train: the scarce-data comparison of the seed
// (arXiv 2506.12996). For every number n of meso training runs and every
// seed it fine-tunes the latent meso model (the meso stage, from the micro
// evolvers) and trains PARC (meso only) on the same n runs under the same
// budget, evaluates both and persistence on meso_split's test runs
// (evaluate_stage.hpp), and records the training wall times; then writes a
// Markdown table (mean ± std over seeds per n) and a CSV of every cell.
// Resumable: a cell whose result.csv exists is skipped, a model whose
// training finished is not trained again, and an interrupted training goes
// on from its checkpoint (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "stage.hpp"

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

namespace ember::learn {

struct StudyCell {
  std::int64_t train_runs = 0;  // as asked (0: all)
  std::uint64_t seed = 0;
  std::int64_t epochs = 0;      // of each model, by the budget rule
  bool skipped = false;         // its result.csv was there from an earlier call
  std::filesystem::path result;
};

struct StudyReport {
  std::vector<StudyCell> cells;
  std::filesystem::path markdown, csv;
};

// Reads every key of the stage (then rejects unknown keys), runs the cells
// not yet done, then writes the report. Training logs go to each cell's
// folder, a line per step to log. Throws ConfigError for bad settings.
StudyReport run_study(const Config& config, std::ostream& log);

// The subcommand: run_study on args, logging to stdout.
int study_command(const StageArgs& args);

}  // namespace ember::learn
