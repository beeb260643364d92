// One resolved void-collapse run: a window of HMX with voids, shocked from
// its x-low edge by a piston, advanced by the five-equation two-material
// solver with Arrhenius chemistry, and handed back as snapshots at fixed
// times. The data generator and the verification tests drive runs through
// this function alone.
#pragma once

#include "init/microstructure.hpp"
#include "hotspot_metrics.hpp"

#include <mpi.h>

#include <functional>
#include <string>
#include <vector>

namespace ember::hydro {

// The shock starts this many cells into the window, already formed (see
// VoidCaseSpec); voids belong to the right of these cells.
constexpr int kShockStartCells = 4;

struct VoidCaseSpec {
  // Window [0, nx·dx] × [0, ny·dx] of square cells; voids in metres inside it.
  int nx = 0, ny = 0;
  double dx = 0.0;  // m
  Microstructure voids;

  // Loading: a piston at the x-low edge driving a shock of this pressure into
  // HMX at rest (speed from the HMX Hugoniot). The shock starts already
  // formed, four cells into the window, so that no start-up entropy spike
  // ignites at the piston. pulse_duration > 0 stops the piston after that
  // time (a square pulse); 0 keeps it going.
  double shock_pressure = 0.0;  // Pa
  double pulse_duration = 0.0;  // s

  // Snapshot k (k = 0 … n_snapshots−1) is taken at t = k·snapshot_dt.
  int n_snapshots = 0;
  double snapshot_dt = 0.0;  // s

  bool reactive = true;      // Arrhenius chemistry in the HMX phase
  bool conduction = true;    // heat conduction in the HMX phase
  double cfl = 0.4;
};

// Fields of one snapshot on rank 0, row-major [ny][nx] doubles in SI units.
struct VoidSnapshot {
  int index = 0;
  double t = 0.0;  // s
  long long step = 0;  // time steps taken up to this snapshot
  // Temperature of the cell's majority phase: the HMX-phase temperature where
  // the HMX volume fraction is at least 1/2, the gas temperature elsewhere.
  std::vector<double> temperature;   // K
  std::vector<double> pressure;      // Pa
  std::vector<double> void_fraction; // 1 − HMX volume fraction, the microstructure μ
  std::vector<double> progress;      // HMX reaction progress λ
  std::vector<double> velocity_x, velocity_y;  // m/s
  metrics::HotspotSnapshot hotspot;  // HMX-phase metrics (875 K threshold)
};

// What the run did, for the record.
struct VoidCaseInfo {
  double particle_velocity = 0.0;  // m/s, the piston's
  double porosity = 0.0;           // void area fraction of the window at t = 0
  long long steps = 0;
  double wall_seconds = 0.0;
};

// Runs the case on the ranks of comm (one run; ensembles give each run its
// own communicator) and calls on_snapshot on rank 0 for every snapshot, in
// order. Throws std::invalid_argument for a bad spec (naming the field) and
// std::runtime_error if the solver fails (naming the time and the cell).
VoidCaseInfo run_void_case(MPI_Comm comm, const VoidCaseSpec& spec,
                           const std::function<void(const VoidSnapshot&)>& on_snapshot);

}  // namespace ember::hydro
