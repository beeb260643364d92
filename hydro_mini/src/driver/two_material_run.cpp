#include "driver/two_material_run.hpp"

#include "driver/program.hpp"
#include "io/snapshot.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ember::hydro {
namespace {

constexpr const char* kHistoryHeader =
    "# snapshot step time_s hotspot_area_m2 hotspot_area_fraction hotspot_temperature_K "
    "reacted_mass_fraction peak_hmx_temperature_K peak_pressure_Pa";

std::string describe_voids(const TwoMaterialConfig& c) {
  const Microstructure& m = c.spec.voids;
  char buf[128];
  if (c.microstructure == "pgm")
    std::snprintf(buf, sizeof buf, "a %d x %d PGM mask", m.mask_nx, m.mask_ny);
  else
    std::snprintf(buf, sizeof buf, "%zu %s void%s", m.voids.size(),
                  c.microstructure == "random" ? "random" : "listed",
                  m.voids.size() == 1 ? "" : "s");
  return buf;
}

double peak(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// The hottest cell where HMX is the majority phase, so that `temperature` is
// the HMX's (VoidSnapshot). The air in a collapsing void gets far hotter
// (millions of K as an ideal gas), but it does not react.
double peak_hmx_temperature(const VoidSnapshot& s) {
  double hottest = std::nan("");
  for (std::size_t c = 0; c < s.temperature.size(); ++c)
    if (s.void_fraction[c] <= 0.5) hottest = std::fmax(hottest, s.temperature[c]);
  return hottest;
}

}  // namespace

VoidCaseInfo run_two_material(MPI_Comm comm, const TwoMaterialConfig& c,
                              const std::string& deck_echo) {
  int rank = 0, ranks = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &ranks);
  const VoidCaseSpec& s = c.spec;
  const GlobalMesh mesh{s.nx, s.ny, 0.0, s.nx * s.dx, 0.0, s.ny * s.dx};
  const std::string stem = c.output_dir + "/" + c.output_prefix;
  const double cells = static_cast<double>(s.nx) * s.ny;

  // Only rank 0 receives snapshots, so only it writes.
  SnapshotWriter snapshots(stem, deck_echo);
  std::ofstream history;
  if (rank == 0) {
    std::filesystem::create_directories(c.output_dir);
    history.open(stem + ".hst", std::ios::trunc);
    if (!history) throw std::runtime_error("cannot open history file '" + stem + ".hst'");
    history << kHistoryHeader << "\n";
    history.precision(12);
    char pulse[48] = "";
    if (s.pulse_duration > 0.0) std::snprintf(pulse, sizeof pulse, " for %g s", s.pulse_duration);
    std::printf(
        "hydro_mini: %s, two-material HMX in air, %d x %d cells of %g m on %d ranks, %s "
        "(porosity %.4f), %g GPa shock%s, %s%s, t = 0 -> %g s\n",
        c.name.c_str(), s.nx, s.ny, s.dx, ranks, describe_voids(c).c_str(), porosity(s.voids),
        s.shock_pressure * 1e-9, pulse, s.reactive ? "reactive" : "inert",
        s.conduction ? ", conduction" : "", c.t_end);
    std::fflush(stdout);
  }

  const auto wall0 = std::chrono::steady_clock::now();
  const auto on_snapshot = [&](const VoidSnapshot& snap) {
    const metrics::HotspotSnapshot& h = snap.hotspot;
    const double peak_T = peak_hmx_temperature(snap), peak_p = peak(snap.pressure);
    snapshots.write_gathered(mesh, snap.index, snap.t, snap.step,
                             {{"temperature", "K", snap.temperature},
                              {"pressure", "Pa", snap.pressure},
                              {"void_fraction", "1", snap.void_fraction},
                              {"reaction_progress", "1", snap.progress},
                              {"velocity_x", "m s-1", snap.velocity_x},
                              {"velocity_y", "m s-1", snap.velocity_y}},
                             {{"hotspot_area_m2", h.hot_area_um2 * 1e-12},
                              {"hotspot_area_fraction", h.hot_area_fraction},
                              {"hotspot_temperature_K", h.mean_hot_temperature_K},
                              {"reacted_mass_fraction", h.reacted_mass_fraction}});
    history << snap.index << ' ' << snap.step << ' ' << snap.t << ' ' << h.hot_area_um2 * 1e-12
            << ' ' << h.hot_area_fraction << ' ' << h.mean_hot_temperature_K << ' '
            << h.reacted_mass_fraction << ' ' << peak_T << ' ' << peak_p << "\n";
    history.flush();
    if (!history) throw std::runtime_error("cannot write history file '" + stem + ".hst'");
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const double left = snap.t > 0.0 ? wall / snap.t * (c.t_end - snap.t) : 0.0;
    std::printf(
        "snapshot %4d  t %.4e  step %7lld  A_hs %.4g um2  T_hs %.0f K  reacted %.3e  "
        "peak HMX T %.0f K  peak p %.3g GPa  left %s\n",
        snap.index, snap.t, snap.step, h.hot_area_um2, h.mean_hot_temperature_K,
        h.reacted_mass_fraction, peak_T, peak_p * 1e-9, format_duration(left).c_str());
    std::fflush(stdout);
  };
  const VoidCaseInfo info = run_void_case(comm, s, on_snapshot);
  if (rank == 0)
    std::printf(
        "hydro_mini: done, %lld steps, t = %.6e s, %.3f s wall, %.3e zone-cycles/s; output in "
        "%s\n",
        info.steps, c.t_end, info.wall_seconds,
        info.wall_seconds > 0.0 ? cells * static_cast<double>(info.steps) / info.wall_seconds : 0.0,
        c.output_dir.c_str());
  return info;
}

}  // namespace ember::hydro
