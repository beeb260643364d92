// The two data-set presets: `tiny` (CI: six small runs, well under a minute
// on two cores) and `full` (the training data, about 30 minutes on two
// cores). Every number lives in one table in presets.cpp.
#pragma once

#include "run_spec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ember::datagen {

// Micro set: one circular void in a window, pressures × diameters.
struct MicroTable {
  int nx = 0, ny = 0;
  double dx = 0;                  // m
  double void_x = 0, void_y = 0;  // m, centre of the void
  std::vector<double> pressures;  // Pa
  std::vector<double> diameters;  // m
  int n_snapshots = 0;
  double snapshot_dt = 0;  // s
};

// Meso set: random voids (hydro::random_voids over the whole window),
// porosities × median diameters × pressures.
struct MesoTable {
  int nx = 0, ny = 0;
  double dx = 0;                                                           // m
  std::vector<double> porosities;                                          // void area fraction
  std::vector<double> median_diameters;                                    // m
  std::vector<double> pressures;                                           // Pa
  double sigma_ln = 0, d_min = 0, d_max = 0, min_spacing = 0, margin = 0;  // m, but sigma_ln
  std::uint64_t base_seed = 0;  // run i's seed: seed_for_run(base_seed, i)
  int n_snapshots = 0;
  double snapshot_dt = 0;  // s
};

struct PresetTable {
  std::string name;
  MicroTable micro;
  MesoTable meso;
  double pulse_duration = 0;  // s; 0: the piston keeps pushing
};

std::vector<std::string> preset_names();  // {"tiny", "full"}

// Throws std::invalid_argument naming the preset if there is no such one.
const PresetTable& preset_table(const std::string& preset);

// The seed of run `index` of a set: SplitMix64 of base_seed + index, so
// neighbouring runs get unrelated streams.
std::uint64_t seed_for_run(std::uint64_t base_seed, int index);

// The runs of a preset: set "micro", "meso" or "all" (micro then meso). Run
// indices go pressure-fastest: micro index = i_diameter·n_p + i_pressure,
// meso index = (i_porosity·n_median + i_median)·n_p + i_pressure. Throws
// std::invalid_argument naming the preset or set, and std::runtime_error
// from random_voids if a meso microstructure cannot be packed.
std::vector<RunSpec> preset_runs(const std::string& preset, const std::string& set);

}  // namespace ember::datagen
