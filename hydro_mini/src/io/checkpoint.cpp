#include "io/checkpoint.hpp"

#include "io/hdf5_file.hpp"

#include <cstdio>
#include <stdexcept>

namespace ember::hydro {
namespace {
std::string var_name(int v) { return "conserved_" + std::to_string(v); }
}  // namespace

void write_checkpoint(const std::string& path, const Solver& solver, const CheckpointInfo& info,
                      const std::string& deck_echo, const std::vector<NamedField>& extra) {
  const std::string tmp = path + ".incomplete";
  const GlobalMesh& m = solver.config().mesh;
  {
    H5File f(tmp, H5File::Mode::Create, solver.decomp().comm());
    f.write_attribute("time", info.time);
    f.write_attribute("step", info.step);
    f.write_attribute("snapshot_index", static_cast<long long>(info.snapshot_index));
    f.write_attribute("nvar", static_cast<long long>(solver.nvar()));
    f.write_attribute("dt_limit", info.dt_limit);
    f.write_attribute("deck", deck_echo);
    for (int v = 0; v < solver.nvar(); ++v)
      f.write_field(var_name(v), solver.geom(), m.nx, m.ny,
                    interior(solver.geom(), solver.conserved(), v), "SI");
    for (const NamedField& e : extra)
      f.write_field(e.name, solver.geom(), m.nx, m.ny, e.values, e.unit.c_str());
  }
  // The file is closed on every rank before it gets its real name.
  MPI_Barrier(solver.decomp().comm());
  int ok = 1;
  if (solver.decomp().rank() == 0) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  MPI_Bcast(&ok, 1, MPI_INT, 0, solver.decomp().comm());
  if (!ok) throw std::runtime_error("cannot rename checkpoint '" + tmp + "' to '" + path + "'");
}

CheckpointInfo read_checkpoint(const std::string& path, Solver& solver) {
  H5File f(path, H5File::Mode::Read, solver.decomp().comm());
  const long long nvar = f.read_int("nvar");
  if (nvar != solver.nvar())
    throw std::runtime_error("checkpoint '" + path + "' holds " + std::to_string(nvar) +
                             " variables, this run has " + std::to_string(solver.nvar()));
  const BlockGeometry& g = solver.geom();
  const GlobalMesh& m = solver.config().mesh;
  auto h = Kokkos::create_mirror_view(solver.conserved());
  for (int v = 0; v < solver.nvar(); ++v) {
    const std::vector<double> local = f.read_field(var_name(v), g, m.nx, m.ny);
    size_t k = 0;
    for (int j = g.js; j <= g.je; ++j)
      for (int i = g.is; i <= g.ie; ++i) h(v, j, i) = local[k++];
  }
  Kokkos::deep_copy(solver.conserved(), h);
  CheckpointInfo info;
  info.time = f.read_double("time");
  info.step = f.read_int("step");
  info.snapshot_index = static_cast<int>(f.read_int("snapshot_index"));
  info.dt_limit = f.read_double("dt_limit");
  return info;
}

std::vector<std::vector<double>> read_checkpoint_fields(const std::string& path, const Solver& solver,
                                                        const std::vector<std::string>& names) {
  H5File f(path, H5File::Mode::Read, solver.decomp().comm());
  const GlobalMesh& m = solver.config().mesh;
  std::vector<std::vector<double>> out;
  for (const std::string& n : names) out.push_back(f.read_field(n, solver.geom(), m.nx, m.ny));
  return out;
}

}  // namespace ember::hydro
