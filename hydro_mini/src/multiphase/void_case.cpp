#include "multiphase/void_case.hpp"

#include "hydro/evolve.hpp"
#include "multiphase/five_eq_solver.hpp"
#include "multiphase/materials.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace ember::hydro {
namespace {

void check_spec(const VoidCaseSpec& s) {
  const auto bad = [](const std::string& what) {
    throw std::invalid_argument("void case: " + what);
  };
  if (s.nx < 4 || s.ny < 4) bad("nx and ny must be at least 4 (got " + std::to_string(s.nx) + " x " + std::to_string(s.ny) + ")");
  if (!(s.dx > 0.0 && s.dx < 1e-3)) bad("dx must be in (0, 1 mm), got " + std::to_string(s.dx) + " m");
  if (!(s.shock_pressure > 0.0 && s.shock_pressure <= 100e9))
    bad("shock_pressure must be in (0, 100 GPa], got " + std::to_string(s.shock_pressure) + " Pa");
  if (!(s.pulse_duration >= 0.0)) bad("pulse_duration must be >= 0");
  if (s.n_snapshots < 1) bad("n_snapshots must be at least 1");
  if (!(s.snapshot_dt > 0.0)) bad("snapshot_dt must be > 0");
  if (!s.voids.voids.empty() && !s.voids.mask.empty()) bad("give voids as circles or as a mask, not both");
}

}  // namespace

VoidCaseInfo run_void_case(MPI_Comm comm, const VoidCaseSpec& spec,
                           const std::function<void(const VoidSnapshot&)>& on_snapshot) {
  check_spec(spec);
  const auto start = std::chrono::steady_clock::now();
  const HmxGas mix = hmx_in_air();
  VoidCaseInfo info;
  info.particle_velocity = mix.phase1.particle_velocity_for_pressure(spec.shock_pressure);

  FiveEqConfig cfg;
  cfg.mesh.nx = spec.nx;
  cfg.mesh.ny = spec.ny;
  cfg.mesh.x_min = 0.0;
  cfg.mesh.x_max = spec.nx * spec.dx;
  cfg.mesh.y_min = 0.0;
  cfg.mesh.y_max = spec.ny * spec.dx;
  cfg.bcs[kXlo] = {BcKind::Piston, info.particle_velocity,
                   spec.pulse_duration > 0.0 ? spec.pulse_duration : 1e300};
  cfg.bcs[kXhi].kind = BcKind::Outflow;
  cfg.bcs[kYlo].kind = BcKind::Reflect;
  cfg.bcs[kYhi].kind = BcKind::Reflect;
  cfg.materials = mix;
  cfg.cfl = spec.cfl;
  cfg.reactive = spec.reactive;
  cfg.conductivity = spec.conduction ? kHmxConductivity : 0.0;
  auto solver = make_five_eq_solver(comm, cfg);

  Microstructure micro = spec.voids;
  micro.x_min = cfg.mesh.x_min;
  micro.x_max = cfg.mesh.x_max;
  micro.y_min = cfg.mesh.y_min;
  micro.y_max = cfg.mesh.y_max;
  info.porosity = porosity(micro);
  const VoidFractionField phi(micro);
  const Real x_shock = kShockStartCells * spec.dx;
  solver->initialise([&](Real x0, Real x1, Real y0, Real y1) {
    const Real a1 = 1.0 - phi(x0, x1, y0, y1);
    return x1 <= x_shock ? shocked_cell(mix, a1, info.particle_velocity) : ambient_cell(mix, a1);
  });

  const int rank = solver->decomp().rank();
  const BlockGeometry& g = solver->geom();
  Array3 fields("void_case_fields", N_MIXED_FIELDS, g.ny_tot, g.nx_tot);
  const metrics::Grid grid{spec.nx, spec.ny, spec.dx, spec.dx};
  Real t = 0.0;
  for (int k = 0; k < spec.n_snapshots; ++k) {
    info.steps += evolve(*solver, t, k * spec.snapshot_dt, int64_t{1} << 40);
    solver->fields(fields);
    VoidSnapshot snap;
    snap.index = k;
    snap.t = t;
    snap.step = info.steps;
    snap.temperature = solver->gather(fields, F_T);
    snap.pressure = solver->gather(fields, F_P);
    std::vector<double> alpha1 = solver->gather(fields, F_A1);
    snap.progress = solver->gather(fields, F_LAM);
    snap.velocity_x = solver->gather(fields, F_U);
    snap.velocity_y = solver->gather(fields, F_V);
    const std::vector<double> rho1 = solver->gather(fields, F_R1);
    if (rank != 0) continue;
    // Hotspot metrics over the cells where the explosive is the majority
    // phase (where `temperature` is its temperature), weighted by α1.
    std::vector<double> weight(alpha1.size());
    snap.void_fraction.resize(alpha1.size());
    for (size_t c = 0; c < alpha1.size(); ++c) {
      weight[c] = alpha1[c] >= 0.5 ? alpha1[c] : 0.0;
      snap.void_fraction[c] = 1.0 - alpha1[c];
    }
    snap.hotspot = metrics::hotspot_snapshot(grid, snap.temperature.data(), weight.data(),
                                             rho1.data(), snap.progress.data());
    if (on_snapshot) on_snapshot(snap);
  }
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return info;
}

}  // namespace ember::hydro
