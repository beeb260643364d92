// Synthetic runs for the I/O and ensemble tests: analytic fields that are not
// physics, just patterns whose every value is known, and a stand-in for
// hydro::run_void_case that emits them.
#pragma once

#include "ensemble.hpp"
#include "run_spec.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>

namespace ember::datagen::test {

// A small run: nx × ny cells of 0.1 µm, one void of radius 0.25 µm at the
// window's centre, n snapshots every 0.1 ns.
inline RunSpec small_run(const std::string& set, int index, int nx = 8, int ny = 6, int n = 4) {
  RunSpec r;
  r.set = set;
  r.index = index;
  r.seed = 1000 + static_cast<std::uint64_t>(index);
  r.spec.nx = nx;
  r.spec.ny = ny;
  r.spec.dx = 1e-7;
  r.spec.voids.x_max = nx * r.spec.dx;
  r.spec.voids.y_max = ny * r.spec.dx;
  r.spec.voids.voids = {{0.5 * nx * r.spec.dx, 0.5 * ny * r.spec.dx, 2.5e-7}};
  r.spec.shock_pressure = 1e10 + 1e9 * index;
  r.spec.n_snapshots = n;
  r.spec.snapshot_dt = 1e-10;
  return r;
}

// The patterns, per cell (i, j) of snapshot k. The temperature has a third in
// it, so it is not a float32 number and shows the rounding; the void fraction
// is 1 inside the first void, 0 outside, and exactly 0.5 in cell (0, 0) (which must
// not count as void: the mask is void_fraction > 0.5).
inline double temperature(int i, int j, int k) {
  return 300.0 + i + 10.0 * j + 100.0 * k + 1.0 / 3;
}
inline double pressure(int i, int j, int k) { return 1e5 + 1e9 * k * std::exp(-0.3 * i) + 1e3 * j; }
inline double velocity_x(int i, int, int k) { return 50.0 * k - 2.0 * i; }
inline double velocity_y(int, int j, int k) { return -0.25 * j * k; }
inline double progress(int i, int, int k) { return 0.01 * k * i; }
inline double void_fraction(const RunSpec& r, int i, int j) {
  if (i == 0 && j == 0) return 0.5;
  if (r.spec.voids.voids.empty()) return 0.0;
  const hydro::Void& v = r.spec.voids.voids[0];
  const double x = (i + 0.5) * r.spec.dx, y = (j + 0.5) * r.spec.dx;
  return std::hypot(x - v.x, y - v.y) < v.radius ? 1.0 : 0.0;
}

// Hotspot curves: nothing hot at k = 0 (T_hs NaN), then growing.
inline metrics::HotspotSnapshot hotspot(int k) {
  metrics::HotspotSnapshot h;
  h.hot_area_um2 = 0.02 * k * k;
  h.hot_area_fraction = 0.001 * k * k;
  h.mean_hot_temperature_K = k == 0 ? std::numeric_limits<double>::quiet_NaN() : 900.0 + 50.0 * k;
  h.reacted_mass_fraction = 1e-4 * k;
  return h;
}

inline hydro::VoidSnapshot snapshot(const RunSpec& r, int k) {
  hydro::VoidSnapshot s;
  s.index = k;
  s.t = k * r.spec.snapshot_dt;
  for (int j = 0; j < r.spec.ny; ++j)
    for (int i = 0; i < r.spec.nx; ++i) {
      s.temperature.push_back(temperature(i, j, k));
      s.pressure.push_back(pressure(i, j, k));
      s.void_fraction.push_back(void_fraction(r, i, j));
      s.progress.push_back(progress(i, j, k));
      s.velocity_x.push_back(velocity_x(i, j, k));
      s.velocity_y.push_back(velocity_y(i, j, k));
    }
  s.hotspot = hotspot(k);
  return s;
}

// What the solver reports for a synthetic run.
inline hydro::VoidCaseInfo info(const RunSpec& r) {
  hydro::VoidCaseInfo i;
  i.particle_velocity = 1e-7 * r.spec.shock_pressure;
  i.porosity = 0.05;
  i.steps = 100 + r.index;
  i.wall_seconds = 0.5;
  return i;
}

// A stand-in for hydro::run_void_case over the given runs (matched by their
// spec's shock pressure, unique among them).
inline RunFunction fake_solver(const std::vector<RunSpec>& runs, int* calls) {
  return [runs, calls](MPI_Comm, const hydro::VoidCaseSpec& spec, const SnapshotSink& sink) {
    for (const RunSpec& r : runs)
      if (r.spec.shock_pressure == spec.shock_pressure) {
        ++*calls;
        for (int k = 0; k < spec.n_snapshots; ++k) sink(snapshot(r, k));
        return info(r);
      }
    throw std::logic_error("fake_solver: no such run");
  };
}

// A fresh, empty folder for one test, removed afterwards unless the test
// failed (then it stays for a look).
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("ember_datagen_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;  // a folder left behind is no reason to fail
    if (!::testing::Test::HasFailure()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ember::datagen::test
