#include "driver/run_config.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace ember::hydro {
namespace {

constexpr double kBig = 1e300;

MieGruneisen read_mie_gruneisen(const Deck& d, const std::string& t) {
  MieGruneisen m;
  m.rho0 = d.get_double(t + ".rho0", 1e-3, 1e5);
  m.c0 = d.get_double(t + ".c0", 1e-3, 1e5);
  m.s = d.get_double(t + ".s", 0.0, 10.0);
  m.gamma0 = d.get_double(t + ".gamma0", 1e-3, 10.0);
  m.cv = d.get_double(t + ".cv", 1e-3, 1e5);
  m.T0 = d.get_double(t + ".T0", 0.0, 1e4, 300.0);
  return m;
}

Jwl read_jwl(const Deck& d, const std::string& t) {
  Jwl j;
  j.rho0 = d.get_double(t + ".rho0", 1e-3, 1e5);
  j.A = d.get_double(t + ".A", 0.0, 1e14);
  j.B = d.get_double(t + ".B", -1e14, 1e14);
  j.C = d.get_double(t + ".C", 0.0, 1e14);
  j.R1 = d.get_double(t + ".R1", 1e-3, 100.0);
  j.R2 = d.get_double(t + ".R2", 1e-3, 100.0);
  j.omega = d.get_double(t + ".omega", 1e-3, 10.0);
  j.cv = d.get_double(t + ".cv", 1e-3, 1e5);
  j.T_s = d.get_double(t + ".T_s", 0.0, 1e5, 300.0);
  return j;
}

AnyEos read_eos(const Deck& d) {
  const std::string kind =
      d.get_choice("eos.kind", {"ideal", "stiffened", "mie_gruneisen", "jwl", "reactive_mixture"});
  if (kind == "reactive_mixture") {
    const MieGruneisen solid = read_mie_gruneisen(d, "eos.solid");
    const Jwl products = read_jwl(d, "eos.products");
    return make_reactive_mixture(solid, products, d.get_double("eos.heat_of_reaction_J_kg", 0.0, 1e8));
  }
  if (kind == "ideal")
    return IdealGas{d.get_double("eos.gamma", 1.0001, 10.0), d.get_double("eos.cv", 1e-6, 1e6, 717.5)};
  if (kind == "stiffened")
    return StiffenedGas{d.get_double("eos.gamma", 1.0001, 10.0), d.get_double("eos.p_inf", 0.0, 1e12),
                        d.get_double("eos.cv", 1e-6, 1e6)};
  if (kind == "mie_gruneisen") return read_mie_gruneisen(d, "eos");
  return read_jwl(d, "eos");
}

std::string find_plugin(const std::string& name, const std::string& plugin_dir) {
  if (name.find('/') != std::string::npos) return name;
  const std::string file = "lib" + name + ".so";
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("EMBER_PLUGIN_PATH")) {
    std::stringstream ss(env);
    for (std::string dir; std::getline(ss, dir, ':');)
      if (!dir.empty()) dirs.push_back(dir);
  }
  dirs.push_back(plugin_dir);
  for (const std::string& dir : dirs)
    if (std::filesystem::exists(dir + "/" + file)) return dir + "/" + file;
  std::string where;
  for (const std::string& dir : dirs) where += (where.empty() ? "" : ", ") + dir;
  throw DeckError("closure plugin '" + name + "' (" + file + ") is not in " + where);
}

ClosureConfig read_closure(const Deck& d, const std::string& plugin_dir) {
  ClosureConfig c;
  c.plugin = find_plugin(d.get_string("closure.plugin"), plugin_dir);
  const std::filesystem::path model = d.get_string("closure.model");
  c.model = model.is_absolute() ? model.string()
                                : (std::filesystem::path(d.name()).parent_path() / model).string();
  c.active_pressure = d.get_double("closure.active_pressure_GPa", 0.0, 1e4, 0.1) * 1e9;
  c.porosity = d.get_double("closure.porosity", 0.0, 1.0, 0.0);
  return c;
}

PrimitiveState read_state(const Deck& d, const std::string& table, int nscalar) {
  PrimitiveState s;
  s.rho = d.get_double(table + ".rho", 1e-300, kBig);
  s.u = d.get_double(table + ".u", -kBig, kBig, 0.0);
  s.v = d.get_double(table + ".v", -kBig, kBig, 0.0);
  s.p = d.get_double(table + ".p", -kBig, kBig);
  if (nscalar > 0) {
    s.scalars = d.get_double_array(table + ".scalars");
    if (static_cast<int>(s.scalars.size()) != nscalar)
      throw DeckError(d.name() + ": key '" + table + ".scalars' has " +
                      std::to_string(s.scalars.size()) + " values, hydro.nscalar is " +
                      std::to_string(nscalar));
  }
  return s;
}

}  // namespace

RunConfig read_run_config(const Deck& d, const std::string& plugin_dir) {
  RunConfig rc;
  // Two-material decks are run by hydro_mini itself (two_material_run.hpp),
  // not by the programs built on this configuration.
  if (d.get_choice("model.kind", {"single_material", "two_material"}, "single_material") !=
      "single_material")
    throw DeckError(d.name() +
                    ": key 'model.kind' = \"two_material\": this program runs "
                    "single-material decks only");
  rc.name = d.get_string("problem.name");

  SolverConfig& s = rc.solver;
  s.mesh.nx = static_cast<int>(d.get_int("mesh.nx", 1, 1 << 26));
  s.mesh.ny = static_cast<int>(d.get_int("mesh.ny", 1, 1 << 26, 1));
  s.mesh.x_min = d.get_double("mesh.x_min", -kBig, kBig);
  s.mesh.x_max = d.get_double("mesh.x_max", s.mesh.x_min, kBig);
  if (s.mesh.two_d()) {
    s.mesh.y_min = d.get_double("mesh.y_min", -kBig, kBig);
    s.mesh.y_max = d.get_double("mesh.y_max", s.mesh.y_min, kBig);
  }
  if (!(s.mesh.x_max > s.mesh.x_min))
    throw DeckError(d.name() + ": key 'mesh.x_max' must exceed mesh.x_min");
  s.ranks_x = static_cast<int>(d.get_int("mpi.ranks_x", 0, 1 << 20, 0));
  s.ranks_y = static_cast<int>(d.get_int("mpi.ranks_y", 0, 1 << 20, 0));
  s.eos = read_eos(d);
  s.riemann = d.get_choice("hydro.riemann", {"hllc", "hll"}, "hllc");
  const std::string lim = d.get_choice("hydro.limiter", {"minmod", "van_leer", "mc"}, "van_leer");
  s.limiter = lim == "minmod" ? Limiter::Minmod : lim == "mc" ? Limiter::MonotonizedCentral : Limiter::VanLeer;
  s.nscalar = static_cast<int>(d.get_int("hydro.nscalar", 0, 8, 0));
  s.cfl = d.get_double("time.cfl", 1e-3, s.mesh.two_d() ? 0.5 : 1.0);

  const char* side_keys[4] = {"boundary.x_lo", "boundary.x_hi", "boundary.y_lo", "boundary.y_hi"};
  const std::vector<std::string> kinds = {"outflow", "reflect", "periodic", "piston"};
  for (int side = 0; side < (s.mesh.two_d() ? 4 : 2); ++side) {
    s.bcs[side].kind = bc_kind_from_name(d.get_choice(side_keys[side], kinds));
    if (s.bcs[side].kind != BcKind::Piston) continue;
    // A piston is given by its speed, or by the shock pressure it drives into
    // an explosive at its reference state (on the solid's Hugoniot).
    const std::string key = side_keys[side];
    if (d.has(key + "_piston_pressure_GPa")) {
      const double p = d.get_double(key + "_piston_pressure_GPa", 0.0, 1e3) * 1e9;
      const MieGruneisen* solid = std::holds_alternative<ReactiveMixture>(s.eos)
                                      ? &std::get<ReactiveMixture>(s.eos).solid
                                      : std::get_if<MieGruneisen>(&s.eos);
      if (solid == nullptr)
        throw DeckError(d.name() + ": key '" + key +
                        "_piston_pressure_GPa' needs eos.kind mie_gruneisen or reactive_mixture");
      s.bcs[side].piston_speed = solid->particle_velocity_for_pressure(p);
    } else {
      s.bcs[side].piston_speed = d.get_double(key + "_piston_speed", -kBig, kBig);
    }
  }

  rc.t_end = d.get_double("time.t_end", 0.0, kBig);
  rc.max_steps = d.get_int("time.max_steps", 1, int64_t{1} << 50, int64_t{1} << 40);

  InitConfig& in = rc.init;
  in.kind = d.get_choice("init.kind", {"uniform", "riemann"});
  if (in.kind == "uniform") {
    in.left = read_state(d, "init.state", s.nscalar);
  } else {
    const std::string dir = d.get_choice("init.direction", {"x", "y", "diagonal"}, "x");
    in.direction = dir == "x" ? Direction::X : dir == "y" ? Direction::Y : Direction::Diagonal;
    if (in.direction != Direction::X && !s.mesh.two_d())
      throw DeckError(d.name() + ": key 'init.direction' = \"" + dir + "\" needs a 2D mesh (mesh.ny > 1)");
    in.x0 = d.get_double("init.x0", -kBig, kBig);
    in.left = read_state(d, "init.left", s.nscalar);
    in.right = read_state(d, "init.right", s.nscalar);
  }

  if (d.has("closure.plugin")) {
    rc.closure = read_closure(d, plugin_dir);
    if (s.nscalar < 1)
      throw DeckError(d.name() + ": the reactive mode ([closure]) needs hydro.nscalar >= 1 (scalar 0 is λ)");
  }

  OutputConfig& o = rc.output;
  o.dir = d.get_string("output.dir", "output");
  o.prefix = d.get_string("output.prefix", rc.name);
  o.snapshot_interval = d.get_double("output.snapshot_interval", 0.0, kBig, 0.0);
  o.checkpoint_interval = d.get_int("output.checkpoint_interval", 0, int64_t{1} << 50, 0);
  o.history_interval = d.get_int("output.history_interval", 1, int64_t{1} << 50, 1);
  o.progress_interval = d.get_int("output.progress_interval", 1, int64_t{1} << 50, 100);

  d.check_all_used();
  return rc;
}

}  // namespace ember::hydro
