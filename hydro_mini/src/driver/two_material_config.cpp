#include "driver/two_material_config.hpp"

#include "init/microstructure.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>

namespace ember::hydro {
namespace {

constexpr double kBig = 1e300;

// Shortest round-trip spelling, as the deck's own messages write numbers.
std::string number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

[[noreturn]] void fail(const Deck& d, const std::string& key, const std::string& what) {
  throw DeckError(d.name() + ": key '" + key + "' " + what);
}

// A value that must be > 0 and at most hi (the getters' ranges are closed).
double positive(const Deck& d, const std::string& key, double hi) {
  const double v = d.get_double(key, 0.0, hi);
  if (!(v > 0.0)) fail(d, key, "= " + number(v) + " must be > 0");
  return v;
}

// The simulation window [0, width] x [0, height] of square cells dx.
struct Window {
  int nx, ny;
  double dx;
  double width() const { return nx * dx; }
  double height() const { return ny * dx; }
  // The strip x < shock_start() starts already shocked (VoidCaseSpec).
  double shock_start() const { return kShockStartCells * dx; }
};

// Does any void reach into the already-shocked strip? There it would start
// as air at the shock pressure and ambient density, a state far off any
// Hugoniot.
bool reaches_shock_start(const Microstructure& m, const Window& w) {
  const VoidFractionField phi(m);
  for (int j = 0; j < w.ny; ++j)
    if (phi(0.0, w.shock_start(), j * w.dx, (j + 1) * w.dx) > 0.0) return true;
  return false;
}

std::string shock_start_note(const Window& w) {
  return "reaches x < " + number(w.shock_start()) + " m, the first " +
         std::to_string(kShockStartCells) +
         " cells, where the run starts with the shock already formed";
}

Microstructure read_void_list(const Deck& d, const Window& w) {
  const std::size_t n = d.array_size("microstructure.void");
  if (n == 0)
    fail(d, "microstructure.void", "holds no voids; give at least one [[microstructure.void]]");
  Microstructure m;
  m.x_max = w.width();
  m.y_max = w.height();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string k = "microstructure.void." + std::to_string(i);
    const double x = d.get_double(k + ".x", -kBig, kBig);
    const double y = d.get_double(k + ".y", -kBig, kBig);
    const double diameter = positive(d, k + ".diameter", kBig);
    // A void may reach across the window's edges (cut by the symmetry planes
    // at y = 0 and y = height), but its centre must lie inside.
    if (x < 0.0 || x > w.width())
      fail(d, k + ".x",
           "= " + number(x) + " m puts the void's centre outside the window [0, " +
               number(w.width()) + "] m");
    if (y < 0.0 || y > w.height())
      fail(d, k + ".y",
           "= " + number(y) + " m puts the void's centre outside the window [0, " +
               number(w.height()) + "] m");
    if (x - 0.5 * diameter < w.shock_start())
      fail(d, k + ".x",
           "= " + number(x) + " m: the void of diameter " + number(diameter) + " m " +
               shock_start_note(w));
    m.voids.push_back({x, y, 0.5 * diameter});
  }
  return m;
}

Microstructure read_random_voids(const Deck& d, const Window& w) {
  const std::string t = "microstructure.random.";
  const double extent = std::min(w.width(), w.height());
  RandomVoidSpec s;
  s.porosity = positive(d, t + "porosity", 0.5);
  s.median_diameter = positive(d, t + "median_diameter", extent);
  s.sigma_ln = d.get_double(t + "sigma_ln", 0.0, 5.0);
  s.d_min = positive(d, t + "d_min", extent);
  s.d_max = d.get_double(t + "d_max", s.d_min, extent);
  s.min_spacing = d.get_double(t + "min_spacing", 0.0, extent);
  s.margin = d.get_double(t + "margin", 0.0, extent);
  s.seed = static_cast<std::uint64_t>(
      d.get_int(t + "seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
  Microstructure m;
  try {
    m = random_voids(s, 0.0, w.width(), 0.0, w.height());
  } catch (const std::exception& e) {
    throw DeckError(d.name() + ": [microstructure.random]: " + e.what());
  }
  if (reaches_shock_start(m, w))
    fail(d, t + "margin",
         "= " + number(s.margin) + " m: a random void " + shock_start_note(w) +
             "; make the margin at least " + number(w.shock_start()) + " m");
  return m;
}

Microstructure read_pgm_mask(const Deck& d, const Window& w) {
  const std::string key = "microstructure.pgm.path";
  const std::filesystem::path given = d.get_string(key);
  const std::filesystem::path path =
      given.is_absolute() ? given : std::filesystem::path(d.name()).parent_path() / given;
  const int threshold = static_cast<int>(d.get_int("microstructure.pgm.threshold", 0, 255, 128));
  const std::string value = "= \"" + given.string() + "\"";
  if (!std::filesystem::is_regular_file(path))
    fail(d, key,
         value + ": there is no file " + path.string() +
             " (relative paths are taken from the deck's folder)");
  Microstructure m;
  try {
    m = read_pgm(path.string(), threshold, 0.0, w.width(), 0.0, w.height());
  } catch (const std::exception& e) {
    fail(d, key, value + ": " + e.what());
  }
  // The image is stretched onto the window: only matching shapes keep the
  // voids round (within 1 %, since cell counts are whole numbers).
  const double image_aspect = static_cast<double>(m.mask_nx) / m.mask_ny;
  if (std::fabs(image_aspect / (w.width() / w.height()) - 1.0) > 0.01)
    fail(d, key,
         value + " is " + std::to_string(m.mask_nx) + " x " + std::to_string(m.mask_ny) +
             " pixels but the mesh is " + std::to_string(w.nx) + " x " + std::to_string(w.ny) +
             " cells; their aspect ratios must agree");
  if (reaches_shock_start(m, w))
    fail(d, key,
         value + ": a void " + shock_start_note(w) +
             "; keep the image's left columns solid (light)");
  return m;
}

Microstructure read_microstructure(const Deck& d, const Window& w, std::string& kind) {
  std::vector<std::string> given;
  for (const char* k : {"void", "random", "pgm"})
    if (d.has(std::string("microstructure.") + k)) given.push_back(k);
  if (given.size() != 1) {
    std::string which;
    for (const std::string& k : given)
      which += (which.empty() ? "" : " and ") + ("microstructure." + k);
    throw DeckError(d.name() + ": [microstructure] needs exactly one of [[microstructure.void]], " +
                    "[microstructure.random] and [microstructure.pgm]; the deck gives " +
                    (given.empty() ? "none" : which));
  }
  kind = given.front();
  if (kind == "void") return read_void_list(d, w);
  if (kind == "random") return read_random_voids(d, w);
  return read_pgm_mask(d, w);
}

}  // namespace

bool is_two_material(const Deck& deck) {
  return deck.get_choice("model.kind", {"single_material", "two_material"}, "single_material") ==
         "two_material";
}

TwoMaterialConfig read_two_material_config(const Deck& d) {
  if (!is_two_material(d))
    throw DeckError(d.name() + ": not a two-material deck (set model.kind = \"two_material\")");
  TwoMaterialConfig c;
  c.name = d.get_string("problem.name");

  VoidCaseSpec& s = c.spec;
  // The one pair run_void_case is made for; named so that decks stay valid
  // when others arrive.
  d.get_choice("model.materials", {"hmx_in_air"}, "hmx_in_air");
  s.reactive = d.get_bool("model.reactive", true);
  s.conduction = d.get_bool("model.conduction", true);

  s.nx = static_cast<int>(d.get_int("mesh.nx", 4, 1 << 16));
  s.ny = static_cast<int>(d.get_int("mesh.ny", 4, 1 << 16));
  s.dx = positive(d, "mesh.dx", 1e-4);

  s.shock_pressure = positive(d, "loading.shock_pressure_GPa", 100.0) * 1e9;
  s.pulse_duration = d.get_double("loading.pulse_duration", 0.0, kBig, 0.0);

  c.t_end = positive(d, "time.t_end", 1.0);
  s.cfl = d.get_double("time.cfl", 1e-3, 0.5, 0.4);

  // Snapshots at k * interval up to t_end, which must be one of them.
  const double interval = d.get_double("output.snapshot_interval", 0.0, c.t_end, 0.0);
  double intervals = 1.0;
  if (interval > 0.0) {
    intervals = std::round(c.t_end / interval);
    if (std::fabs(intervals * interval - c.t_end) > 1e-9 * c.t_end)
      fail(d, "output.snapshot_interval",
           "= " + number(interval) + " s does not divide time.t_end = " + number(c.t_end) +
               " s into whole intervals");
    if (intervals > 100000.0)
      fail(d, "output.snapshot_interval",
           "= " + number(interval) + " s gives more than 100000 snapshots");
  }
  s.n_snapshots = static_cast<int>(intervals) + 1;
  s.snapshot_dt = c.t_end / intervals;

  s.voids = read_microstructure(d, Window{s.nx, s.ny, s.dx}, c.microstructure);

  c.output_dir = d.get_string("output.dir", "output");
  c.output_prefix = d.get_string("output.prefix", c.name);

  d.check_all_used();
  return c;
}

}  // namespace ember::hydro
