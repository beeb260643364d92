#include "io/history.hpp"

#include "hydro/diagnostics.hpp"
#include "hydro/variables.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ember::hydro {
namespace {

constexpr const char* kHeader =
    "# step time_s dt_s mass momentum_x momentum_y energy burned_mass peak_pressure_Pa front_x_m";

// Lines of an existing history whose step is at most last_step.
std::vector<std::string> kept_lines(const std::string& path, long long last_step) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (std::stoll(line) <= last_step) lines.push_back(line);
  }
  return lines;
}

}  // namespace

HistoryWriter::HistoryWriter(const std::string& path, const Solver& solver, bool restart,
                             long long restart_step)
    : path_(path) {
  if (solver.decomp().rank() != 0) return;
  const std::vector<std::string> keep = restart ? kept_lines(path, restart_step) : std::vector<std::string>{};
  out_.open(path, std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot open history file '" + path + "'");
  out_ << kHeader << "\n";
  for (const std::string& l : keep) out_ << l << "\n";
  out_.flush();
}

void HistoryWriter::write(const Solver& solver, long long step, double t, double dt) {
  const Totals tot = solver.totals();
  const BlockGeometry& g = solver.geom();
  const double global_peak = peak_pressure(solver);
  // The undisturbed pressure ahead: the last cell of the first row.
  double ahead = -HUGE_VAL;
  if (solver.decomp().at_domain_edge(kXhi) && g.gj0 == 0) {
    auto w = Kokkos::create_mirror_view_and_copy(
        Kokkos::HostSpace(), Kokkos::subview(solver.primitives(), static_cast<int>(IPR), g.js, g.ie));
    ahead = w();
  }
  double global_ahead = ahead;
  MPI_Allreduce(&ahead, &global_ahead, 1, MPI_DOUBLE, MPI_MAX, solver.decomp().comm());
  const double threshold = 0.01 * std::fabs(global_peak - global_ahead);
  const double global_front = threshold > 0.0 ? leading_front(solver, global_ahead, threshold) : -HUGE_VAL;
  if (solver.decomp().rank() != 0) return;
  out_.precision(12);
  out_ << step << ' ' << t << ' ' << dt << ' ' << tot.mass << ' ' << tot.momentum_x << ' '
       << tot.momentum_y << ' ' << tot.energy << ' ' << tot.burned_mass << ' ' << global_peak << ' ' << global_front << "\n";
  out_.flush();
  if (!out_) throw std::runtime_error("cannot write history file '" + path_ + "'");
}

}  // namespace ember::hydro
