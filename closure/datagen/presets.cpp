#include "presets.hpp"

#include <cmath>
#include <stdexcept>

namespace ember::datagen {
namespace {

constexpr double um = 1e-6, ns = 1e-9, GPa = 1e9;

// n values from a to b, equally spaced.
std::vector<double> linear(double a, double b, int n) {
  std::vector<double> v;
  for (int k = 0; k < n; ++k) v.push_back(n == 1 ? a : a + (b - a) * k / (n - 1));
  return v;
}

// n values from a to b in geometric progression: hotspot response grows
// steeply with pressure, so the low end gets the closer spacing.
std::vector<double> geometric(double a, double b, int n) {
  std::vector<double> v;
  for (int k = 0; k < n; ++k)
    v.push_back(n == 1 ? a : a * std::pow(b / a, static_cast<double>(k) / (n - 1)));
  return v;
}

std::vector<double> scaled(std::vector<double> v, double unit) {
  for (double& x : v) x *= unit;
  return v;
}

// ---- the table ----------------------------------------------------------------
// Micro: 6 × 4 µm of HMX, one void centred at (2, 2) µm.
// Meso: HMX with random voids in a wider window (full: 10 × 6 µm), at the
// micro set's cells per µm. Snapshot k is at t = k·dt.
const std::vector<PresetTable>& tables() {
  static const std::vector<PresetTable> t = {
      {"tiny",
       {/* nx, ny, dx */ 48, 32, 0.125 * um,
        /* void centre */ 2.0 * um, 2.0 * um,
        /* pressures */ scaled({10, 20}, GPa),
        /* diameters */ scaled({0.8, 1.2}, um),
        /* snapshots, dt */ 6, 0.2 * ns},
       {/* nx, ny, dx */ 96, 64, 0.125 * um,
        /* porosities */ {0.04},
        /* medians */ scaled({0.8}, um),
        /* pressures */ scaled({12, 20}, GPa),
        /* sigma_ln, d_min, d_max, spacing, margin */ 0.3, 0.3 * um, 2.0 * um, 0.2 * um, 0.25 * um,
        /* base seed */ 2024,
        /* snapshots, dt */ 6, 0.2 * ns},
       /* pulse */ 0.0},
      {"full",
       {/* nx, ny, dx */ 96, 64, 0.0625 * um,
        /* void centre */ 2.0 * um, 2.0 * um,
        /* pressures */ scaled(geometric(5, 30, 10), GPa),
        /* diameters */ scaled(linear(0.4, 1.6, 20), um),
        /* snapshots, dt */ 20, 0.1 * ns},
       {/* nx, ny, dx */ 160, 96, 0.0625 * um,
        /* porosities */ {0.03, 0.05, 0.08},
        /* medians */ scaled({0.6, 1.0}, um),
        /* pressures */ scaled({8, 12, 16, 20, 25}, GPa),
        /* sigma_ln, d_min, d_max, spacing, margin */ 0.3, 0.3 * um, 2.0 * um, 0.2 * um, 0.25 * um,
        /* base seed */ 2024,
        /* snapshots, dt */ 22, 0.2 * ns},
       /* pulse */ 0.0},
  };
  return t;
}
// -------------------------------------------------------------------------------

hydro::VoidCaseSpec base_spec(int nx, int ny, double dx, double pressure, int n_snapshots,
                              double snapshot_dt, double pulse_duration) {
  hydro::VoidCaseSpec s;
  s.nx = nx;
  s.ny = ny;
  s.dx = dx;
  s.voids.x_min = 0.0;
  s.voids.x_max = nx * dx;
  s.voids.y_min = 0.0;
  s.voids.y_max = ny * dx;
  s.shock_pressure = pressure;
  s.pulse_duration = pulse_duration;
  s.n_snapshots = n_snapshots;
  s.snapshot_dt = snapshot_dt;
  return s;
}

std::vector<RunSpec> micro_runs(const PresetTable& p) {
  const MicroTable& m = p.micro;
  std::vector<RunSpec> runs;
  for (double d : m.diameters)
    for (double pressure : m.pressures) {
      RunSpec r;
      r.set = "micro";
      r.index = static_cast<int>(runs.size());
      r.spec =
          base_spec(m.nx, m.ny, m.dx, pressure, m.n_snapshots, m.snapshot_dt, p.pulse_duration);
      r.spec.voids.voids = {{m.void_x, m.void_y, 0.5 * d}};
      runs.push_back(r);
    }
  return runs;
}

std::vector<RunSpec> meso_runs(const PresetTable& p) {
  const MesoTable& m = p.meso;
  std::vector<RunSpec> runs;
  for (double porosity : m.porosities)
    for (double median : m.median_diameters)
      for (double pressure : m.pressures) {
        RunSpec r;
        r.set = "meso";
        r.index = static_cast<int>(runs.size());
        r.seed = seed_for_run(m.base_seed, r.index);
        r.spec =
            base_spec(m.nx, m.ny, m.dx, pressure, m.n_snapshots, m.snapshot_dt, p.pulse_duration);
        hydro::RandomVoidSpec v;
        v.porosity = porosity;
        v.median_diameter = median;
        v.sigma_ln = m.sigma_ln;
        v.d_min = m.d_min;
        v.d_max = m.d_max;
        v.min_spacing = m.min_spacing;
        v.margin = m.margin;
        v.seed = r.seed;
        const hydro::Microstructure window = r.spec.voids;  // the simulation window
        r.spec.voids =
            hydro::random_voids(v, window.x_min, window.x_max, window.y_min, window.y_max);
        runs.push_back(r);
      }
  return runs;
}

}  // namespace

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const PresetTable& t : tables()) names.push_back(t.name);
  return names;
}

const PresetTable& preset_table(const std::string& preset) {
  for (const PresetTable& t : tables())
    if (t.name == preset) return t;
  std::string known;
  for (const std::string& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("no preset '" + preset + "' (presets: " + known + ")");
}

std::uint64_t seed_for_run(std::uint64_t base_seed, int index) {
  std::uint64_t z = base_seed + static_cast<std::uint64_t>(index) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<RunSpec> preset_runs(const std::string& preset, const std::string& set) {
  const PresetTable& p = preset_table(preset);
  if (set == "micro") return micro_runs(p);
  if (set == "meso") return meso_runs(p);
  if (set == "all") {
    std::vector<RunSpec> runs = micro_runs(p);
    const std::vector<RunSpec> meso = meso_runs(p);
    runs.insert(runs.end(), meso.begin(), meso.end());
    return runs;
  }
  throw std::invalid_argument("no set '" + set + "' in preset '" + preset +
                              "' (sets: micro, meso, all)");
}

}  // namespace ember::datagen
