// Stage "export" of ember-train: writes the trained latent meso model as one
// versioned model file (model_file.hpp) with a golden input/output pair taken
// from the first held-out test run, and reloads it to run the self-test
// (docs/learning.md lists the config keys).
#pragma once

#include "config.hpp"
#include "stage.hpp"

#include <filesystem>
#include <ostream>

namespace ember::learn {

struct ExportReport {
  std::filesystem::path file;  // the model file written
  double golden_difference = 0;  // reloaded rollout against the stored golden output
};

// Reads every key of the stage (then rejects unknown keys), sets the thread
// count, loads the meso model and its data (whose hash must be the model's),
// writes the file, reloads it with load_model_file and logs its metadata.
// Throws ConfigError for bad settings, std::runtime_error for a failed reload.
ExportReport run_export(const Config& config, std::ostream& log);

// The subcommand: run_export on args, logging to stdout.
int export_command(const StageArgs& args);

}  // namespace ember::learn
