// Runs a two-material deck (two_material_config.hpp) through run_void_case
// and writes what it hands back, from rank 0, to output_dir/output_prefix:
//   .NNNNN.h5     temperature (K, the majority phase's), pressure (Pa),
//                 void_fraction, reaction_progress (-), velocity_x/_y (m s-1),
//                 [ny][nx] with a "unit" attribute each; the root group holds
//                 time, step, the deck and the hotspot metrics below;
//   .NNNNN.xdmf   its ParaView/VisIt companion, and .xdmf the time series;
//   .hst          one line per snapshot (columns in its header): step, time,
//                 hotspot area (m²) and HMX-area fraction, mean hotspot
//                 temperature (K; nan while nothing is hot), reacted mass
//                 fraction, peak HMX temperature (K) and peak pressure (Pa).
// Progress, one line per snapshot with the same metrics, goes to stdout.
#pragma once

#include "driver/two_material_config.hpp"

#include <mpi.h>

#include <string>

namespace ember::hydro {

// Collective over comm. deck_echo is stored in every snapshot.
VoidCaseInfo run_two_material(MPI_Comm comm, const TwoMaterialConfig& config,
                              const std::string& deck_echo);

}  // namespace ember::hydro
