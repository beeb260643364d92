#include "run_spec.hpp"

#include "schema.hpp"
#include "sha256.hpp"

#include <cstdio>
#include <stdexcept>

namespace ember::datagen {
namespace {

// %a prints the exact binary value, so two specs hash alike only if every
// number is bitwise equal.
void put(std::string& s, const char* key, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s=%a\n", key, v);
  s += buf;
}

void put(std::string& s, const char* key, long long v) {
  s += key;
  s += '=';
  s += std::to_string(v);
  s += '\n';
}

}  // namespace

std::string run_name(const RunSpec& run) {
  if (run.set.empty()) throw std::invalid_argument("run spec: the set name is empty");
  for (char c : run.set)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      throw std::invalid_argument("run spec: set name '" + run.set +
                                  "' may hold only a-z and 0-9 (it names groups and files)");
  if (run.index < 0 || run.index > 9999)
    throw std::invalid_argument("run spec: index " + std::to_string(run.index) + " of set '" +
                                run.set + "' is outside 0 … 9999");
  char buf[16];
  std::snprintf(buf, sizeof buf, "_%04d", run.index);
  return run.set + buf;
}

std::string spec_hash(const RunSpec& run) {
  const hydro::VoidCaseSpec& c = run.spec;
  std::string s = "ember-datagen run\n";
  put(s, "schema_version", static_cast<long long>(kSchemaVersion));
  s += "set=" + run.set + "\n";
  put(s, "index", static_cast<long long>(run.index));
  s += "seed=" + std::to_string(run.seed) + "\n";
  put(s, "nx", static_cast<long long>(c.nx));
  put(s, "ny", static_cast<long long>(c.ny));
  put(s, "dx", c.dx);
  put(s, "shock_pressure", c.shock_pressure);
  put(s, "pulse_duration", c.pulse_duration);
  put(s, "n_snapshots", static_cast<long long>(c.n_snapshots));
  put(s, "snapshot_dt", c.snapshot_dt);
  put(s, "reactive", static_cast<long long>(c.reactive));
  put(s, "conduction", static_cast<long long>(c.conduction));
  put(s, "cfl", c.cfl);
  const hydro::Microstructure& m = c.voids;
  put(s, "x_min", m.x_min);
  put(s, "x_max", m.x_max);
  put(s, "y_min", m.y_min);
  put(s, "y_max", m.y_max);
  put(s, "n_voids", static_cast<long long>(m.voids.size()));
  for (const hydro::Void& v : m.voids) {
    put(s, "void_x", v.x);
    put(s, "void_y", v.y);
    put(s, "void_radius", v.radius);
  }
  put(s, "mask_nx", static_cast<long long>(m.mask_nx));
  put(s, "mask_ny", static_cast<long long>(m.mask_ny));
  put(s, "mask_bytes", static_cast<long long>(m.mask.size()));
  s += "mask=";
  s.append(m.mask.begin(), m.mask.end());
  s += '\n';
  return kit::sha256_hex(s);
}

double estimated_cost(const RunSpec& run) {
  const hydro::VoidCaseSpec& c = run.spec;
  const double t_end = (c.n_snapshots - 1) * c.snapshot_dt;
  const double wave_speed = 1.0 + c.shock_pressure / 17e9;
  return static_cast<double>(c.nx) * c.ny * (c.dx > 0 ? t_end / c.dx : 0.0) * wave_speed;
}

}  // namespace ember::datagen
