// The two-material resolved-void mode of hydro_mini decks: a window of HMX
// with air-filled voids, shocked from its x-low edge, run by run_void_case.
// Selected by
//
//   [model]
//   kind = "two_material"
//
// Lengths and times are SI (m, s) unless the key names its unit
// (shock_pressure_GPa). The keys:
//
//   [problem]  name
//   [model]    kind, materials = "hmx_in_air", reactive = true, conduction = true
//   [mesh]     nx, ny, dx (m; square cells, window [0, nx dx] x [0, ny dx])
//   [loading]  shock_pressure_GPa, pulse_duration = 0 (s; 0 = sustained)
//   [time]     t_end (s), cfl = 0.4
//   [output]   dir = "output", prefix = problem.name,
//              snapshot_interval = 0 (s; 0 = first and last only)
//   [microstructure], exactly one of
//     [[microstructure.void]]  x, y, diameter (m; one block per void)
//     [microstructure.random]  porosity, median_diameter, sigma_ln, d_min, d_max,
//                              min_spacing, margin (m), seed = 1
//     [microstructure.pgm]     path (relative to the deck's folder), threshold = 128
//
// Every problem is a DeckError naming the deck, the key and the value.
#pragma once

#include "io/deck.hpp"
#include "multiphase/void_case.hpp"

#include <string>

namespace ember::hydro {

struct TwoMaterialConfig {
  std::string name;
  std::string microstructure;  // which form the deck used: "void", "random" or "pgm"
  VoidCaseSpec spec;           // voids with their window set to the mesh
  double t_end = 0.0;          // s, the time of the last snapshot
  std::string output_dir;
  std::string output_prefix;
};

// Whether the deck selects the two-material mode (model.kind; the default is
// "single_material").
bool is_two_material(const Deck& deck);

// Reads a two-material deck, then rejects any key it did not read.
TwoMaterialConfig read_two_material_config(const Deck& deck);

}  // namespace ember::hydro
