// Checkpoints: every conserved variable of the interior at full precision,
// with the time and step, written to a temporary name and renamed into place
// once complete, so that an interrupted write never leaves a file that looks
// like a checkpoint. A restart from one continues bitwise identically.
#pragma once

#include "hydro/solver.hpp"
#include "io/snapshot.hpp"

#include <cmath>
#include <vector>

#include <string>

namespace ember::hydro {

struct CheckpointInfo {
  double time = 0.0;
  long long step = 0;
  int snapshot_index = 0;     // snapshots already written
  double dt_limit = HUGE_VAL;  // a source step's limit on the next dt
};

// Writes <path> with the conserved variables and any extra per-cell fields
// (such as a closure's state); collective.
void write_checkpoint(const std::string& path, const Solver& solver, const CheckpointInfo& info,
                      const std::string& deck_echo, const std::vector<NamedField>& extra = {});

// Reads extra per-cell fields of this block by name; collective.
std::vector<std::vector<double>> read_checkpoint_fields(const std::string& path, const Solver& solver,
                                                        const std::vector<std::string>& names);

// Loads the conserved variables into the solver's interior and returns the
// time and step; collective. Throws if the file does not match the run.
CheckpointInfo read_checkpoint(const std::string& path, Solver& solver);

}  // namespace ember::hydro
