#include "ig_params.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ember::ig {
namespace {

// Reads one table strictly. The table's keys are checked against the known
// ones before any value is read, so a misspelt key is named as such ("unknown
// key 'ignition.lamda_max'") rather than reported as its correct twin missing.
class TableReader {
 public:
  TableReader(const std::string& file, const toml::table& root, const std::string& name,
              const std::set<std::string>& known)
      : file_(file), name_(name) {
    const toml::node* node = root.get(name);
    if (node == nullptr) fail("", "missing table [" + name + "]");
    table_ = node->as_table();
    if (table_ == nullptr) fail("", "'" + name + "' must be a table");
    for (const auto& [key, value] : *table_) {
      const std::string k(key.str());
      if (known.count(k) == 0) {
        std::string list;
        for (const auto& u : known) list += (list.empty() ? "" : ", ") + u;
        fail(k, "unknown key (keys of [" + name + "]: " + list + ")");
      }
    }
  }

  double number(const std::string& key, double lo, double hi) const {
    const toml::node* node = table_->get(key);
    if (node == nullptr) fail(key, "missing key");
    const std::optional<double> v = node->value<double>();
    if (!v || !std::isfinite(*v)) fail(key, "must be a finite number");
    if (*v < lo || *v > hi) {
      std::ostringstream os;
      os << "= " << *v << " is outside [" << lo << ", " << hi << "]";
      fail(key, os.str());
    }
    return *v;
  }

  std::string text(const std::string& key) const {
    const toml::node* node = table_->get(key);
    if (node == nullptr) fail(key, "missing key");
    const std::optional<std::string> v = node->value<std::string>();
    if (!v) fail(key, "must be a string");
    return *v;
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    std::string where = file_ + ": ";
    if (!key.empty()) where += "key '" + name_ + "." + key + "' ";
    throw std::runtime_error(where + what);
  }

 private:
  std::string file_;
  std::string name_;
  const toml::table* table_ = nullptr;
};

double unit_factor(const TableReader& r, const std::string& key,
                   const std::map<std::string, double>& units) {
  const std::string u = r.text(key);
  const auto it = units.find(u);
  if (it == units.end()) {
    std::string known;
    for (const auto& [name, f] : units) known += (known.empty() ? "" : ", ") + name;
    r.fail(key, "= \"" + u + "\" is not one of " + known);
  }
  return it->second;
}

}  // namespace

Params load_params(const std::string& path) {
  if (!std::filesystem::is_regular_file(path) || !std::ifstream(path).good())
    throw std::runtime_error("cannot open model file '" + path + "'");
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
       << e.description();
    throw std::runtime_error(os.str());
  }
  for (const auto& [key, node] : root) {
    static const std::set<std::string> tables = {"model",   "units",   "explosive", "ignition",
                                                 "growth1", "growth2", "numerics",  "validity"};
    if (tables.count(std::string(key.str())) == 0) {
      std::string list;
      for (const auto& t : tables) list += (list.empty() ? "" : ", ") + t;
      throw std::runtime_error(path + ": unknown table [" + std::string(key.str()) +
                               "] (tables of a model file: " + list + ")");
    }
  }
  constexpr double kInf = HUGE_VAL;
  Params P;

  const TableReader model(path, root, "model", {"kind", "name", "version", "source"});
  if (model.text("kind") != "ignition_growth")
    model.fail("kind", "must be \"ignition_growth\" for this plugin");
  P.name = model.text("name");
  P.version = model.text("version");
  P.source = model.text("source");

  const TableReader units(path, root, "units", {"pressure", "time"});
  const double pa = unit_factor(units, "pressure", {{"Pa", 1.0}, {"GPa", 1e9}, {"Mbar", 1e11}});
  const double sec = unit_factor(units, "time", {{"s", 1.0}, {"us", 1e-6}, {"ns", 1e-9}});

  const TableReader ex(path, root, "explosive", {"density_kg_m3", "heat_of_reaction_J_kg"});
  P.rho0 = ex.number("density_kg_m3", 1.0, 1e5);
  P.q = ex.number("heat_of_reaction_J_kg", 0.0, 1e8);

  const TableReader ig(path, root, "ignition", {"I", "a", "b", "x", "lambda_max"});
  P.I = ig.number("I", 0.0, kInf) / sec;
  P.a = ig.number("a", -1.0, 1.0);
  P.b = ig.number("b", 0.0, 10.0);
  P.x = ig.number("x", 0.0, 100.0);
  P.lambda_ig_max = ig.number("lambda_max", 0.0, 1.0);

  const TableReader g1(path, root, "growth1", {"G1", "c", "d", "y", "lambda_max"});
  P.c = g1.number("c", 0.0, 10.0);
  P.d = g1.number("d", 0.0, 10.0);
  P.y = g1.number("y", 0.0, 10.0);
  P.G1 = g1.number("G1", 0.0, kInf) / std::pow(pa, P.y) / sec;
  P.lambda_g1_max = g1.number("lambda_max", 0.0, 1.0);

  const TableReader g2(path, root, "growth2", {"G2", "e", "g", "z", "lambda_min"});
  P.e = g2.number("e", 0.0, 10.0);
  P.g = g2.number("g", 0.0, 10.0);
  P.z = g2.number("z", 0.0, 10.0);
  P.G2 = g2.number("G2", 0.0, kInf) / std::pow(pa, P.z) / sec;
  P.lambda_g2_min = g2.number("lambda_min", 0.0, 1.0);

  const TableReader num(path, root, "numerics",
                        {"max_dlambda_per_substep", "max_dlambda_per_step"});
  P.max_dlambda_substep = num.number("max_dlambda_per_substep", 1e-6, 0.5);
  P.max_dlambda_step = num.number("max_dlambda_per_step", 1e-6, 1.0);

  const TableReader val(path, root, "validity", {"pressure_max_GPa", "density_max_kg_m3"});
  P.p_max = val.number("pressure_max_GPa", 1e-3, 1e4) * 1e9;
  P.rho_max = val.number("density_max_kg_m3", P.rho0, 1e6);

  return P;
}

}  // namespace ember::ig
