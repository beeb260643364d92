// Everything a run reads from its deck, read in one place so that every key
// is checked (and unknown keys rejected) before the first step.
#pragma once

#include "hydro/solver.hpp"
#include "init/initial_conditions.hpp"
#include "io/deck.hpp"
#include "reactive/closure_coupling.hpp"

#include <optional>

#include <string>

namespace ember::hydro {

struct InitConfig {
  std::string kind;  // uniform | riemann
  Direction direction = Direction::X;
  double x0 = 0.0;
  PrimitiveState left, right;  // uniform uses left
};

struct OutputConfig {
  std::string dir = "output";
  std::string prefix;             // file name stem, defaults to problem.name
  double snapshot_interval = 0.0;  // s of simulated time, 0: first and last only
  long long checkpoint_interval = 0;  // steps, 0: at the end only
  long long history_interval = 1;     // steps
  long long progress_interval = 100;  // steps
};

struct RunConfig {
  std::string name;
  SolverConfig solver;
  std::optional<ClosureConfig> closure;  // the reactive mode, when [closure] is present
  InitConfig init;
  OutputConfig output;
  double t_end = 0.0;
  long long max_steps = 0;
};

// Reads the run from the deck and then rejects any key it did not read;
// model.kind, if given, must be "single_material".
// Relative model paths are taken from the deck's folder; a plugin given by
// name (no '/') is looked for in $EMBER_PLUGIN_PATH, then in plugin_dir.
RunConfig read_run_config(const Deck& deck, const std::string& plugin_dir);

}  // namespace ember::hydro
