// One run of a data set: the void-collapse case plus where it belongs (set,
// index) and the seed its voids came from. Its name and spec hash are what
// the dataset files and the resume logic key on.
#pragma once

#include "multiphase/void_case.hpp"

#include <cstdint>
#include <string>

namespace ember::datagen {

struct RunSpec {
  std::string set;         // "micro" or "meso" for the presets; [a-z0-9]+
  int index = 0;           // 0 … 9999 within the set
  std::uint64_t seed = 0;  // seed of random_voids; 0 when nothing is random
  hydro::VoidCaseSpec spec;
};

// "<set>_<NNNN>", e.g. "micro_0007". Throws std::invalid_argument naming the
// set or the index if either cannot make such a name.
std::string run_name(const RunSpec& run);

// Lower-case hex SHA-256 of everything that defines the run's data: the
// schema version, set, index, seed and every field of the VoidCaseSpec
// (floats written exactly, as hex floats). Not the code version: a resumed
// generation built from a later commit must still recognise its runs.
std::string spec_hash(const RunSpec& run);

// Relative cost for load balancing: cells × time steps. Steps are taken as
// (simulated time)/dx × (1 + shock pressure / 17 GPa): the CFL limit, with the
// fastest wave behind the shock growing with its pressure (fitted to the
// five-equation solver on the full micro grid: 836 steps at 5 GPa, 1794 at
// 30 GPa). Only the ratios between runs matter.
double estimated_cost(const RunSpec& run);

}  // namespace ember::datagen
