// The history file: integrated quantities of the whole domain, one line per
// history step, written by rank 0. Columns: step, time (s), dt (s), mass,
// momentum_x, momentum_y, total energy, burned mass (products, per unit depth
// in 2D, per unit area in 1D), peak pressure (Pa), leading-front x (m): the largest x where the
// pressure departs from the undisturbed state at the x_max end (first row) by
// more than 1 % of the peak jump; for a problem driven from x_min that is the
// leading shock. -inf before anything has moved.
#pragma once

#include "hydro/solver.hpp"

#include <fstream>
#include <string>

namespace ember::hydro {

class HistoryWriter {
 public:
  // Starts a new file, or on restart keeps the lines up to restart_step and
  // appends after them.
  HistoryWriter(const std::string& path, const Solver& solver, bool restart, long long restart_step);
  // Collective (reductions over ranks); call with fresh primitives.
  void write(const Solver& solver, long long step, double t, double dt);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace ember::hydro
