// An ember-train stage: one subcommand that reads a TOML config
// (config.hpp), trains or evaluates, and returns the exit code. New stages
// (dynamics, meso, parc, evaluate, export) add a function of this type and
// a line to the table in train_main.cpp.
#pragma once

#include <string>
#include <vector>

namespace ember::learn {

struct StageArgs {
  std::string config;                  // path of the stage's TOML config
  std::vector<std::string> overrides;  // "table.key=value", applied after the file
  bool resume = false;                 // continue from the checkpoint in run.out_dir
};

using StageFunction = int (*)(const StageArgs&);

}  // namespace ember::learn
