// ember-train: the training stages of the learned closure (docs/learning.md).
//
//   ember-train <stage> CONFIG.toml [table.key=value ...] [--resume]
//                                   [--threads N] [--out DIR]
//
// Each stage reads its TOML config strictly (config.hpp); key=value pairs
// override the file, --threads and --out are short for run.threads=N and
// run.out_dir=DIR. --resume continues from the stage's checkpoint in
// run.out_dir. Exit codes: 0 done, 1 an error (named on stderr), 2 a bad
// command line.
#include "config.hpp"
#include "dynamics_stage.hpp"
#include "evaluate_stage.hpp"
#include "export_stage.hpp"
#include "meso_stage.hpp"
#include "parc_stage.hpp"
#include "stage.hpp"
#include "study_stage.hpp"
#include "tokenizer_stage.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

using namespace ember::learn;

struct Stage {
  const char* name;
  const char* summary;
  StageFunction run;
};

// One line per stage; the stages of the latent model arrive here in order.
const Stage kStages[] = {
    {"tokenizer", "train the per-field VAEs (T, P, mu) that map fields to latent grids",
     tokenizer_command},
    {"dynamics", "train the latent evolvers (decoupled and coupled) on the micro set",
     dynamics_command},
    {"meso", "fine-tune the coupled evolver on the meso set, decoupled ones frozen", meso_command},
    {"parc", "train the PARC baseline on the meso set alone", parc_command},
    {"evaluate", "score the latent model, PARC and persistence on the held-out meso runs",
     evaluate_command},
    {"study", "scarce-data study: both meso models on 2, 4, 8, all runs x seeds, then a table",
     study_command},
    {"export", "write the latent meso model as one versioned file with a golden self-test",
     export_command},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ember-train: training stages of the learned hotspot closure (docs/learning.md)"};
  app.require_subcommand(1);
  StageArgs args;
  int threads = 0;
  std::string out;
  std::vector<std::pair<CLI::App*, StageFunction>> commands;
  for (const Stage& stage : kStages) {
    CLI::App* cmd = app.add_subcommand(stage.name, stage.summary);
    cmd->add_option("config", args.config, "the stage's TOML config")->required();
    cmd->add_option("overrides", args.overrides, "table.key=value pairs that override the config");
    cmd->add_flag("--resume", args.resume, "continue from the checkpoint in run.out_dir");
    cmd->add_option("--threads", threads, "LibTorch threads (run.threads)")
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--out", out, "output folder (run.out_dir)");
    commands.emplace_back(cmd, stage.run);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (threads > 0) args.overrides.push_back("run.threads=" + std::to_string(threads));
  // A TOML string, so that any folder name survives the override parser.
  if (!out.empty()) args.overrides.push_back("run.out_dir='" + out + "'");
  try {
    for (const auto& [cmd, run] : commands)
      if (cmd->parsed()) return run(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ember-train: %s\n", e.what());
    return 1;
  }
  return 2;
}
