#include "io/snapshot.hpp"

#include "io/hdf5_file.hpp"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ember::hydro {
namespace {

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string numbered(const std::string& prefix, int index, const char* ext) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ".%05d%s", index, ext);
  return prefix + buf;
}

// The uniform grid of the run as XDMF topology and geometry.
std::string xdmf_grid(const GlobalMesh& m) {
  const int ny = m.two_d() ? m.ny : 1;
  const double dx = (m.x_max - m.x_min) / m.nx;
  const double dy = m.two_d() ? (m.y_max - m.y_min) / m.ny : dx;
  std::ostringstream os;
  os << std::setprecision(17);
  os << "      <Topology TopologyType=\"2DCoRectMesh\" Dimensions=\"" << ny + 1 << " " << m.nx + 1
     << "\"/>\n"
     << "      <Geometry GeometryType=\"ORIGIN_DXDY\">\n"
     << "        <DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">"
     << m.y_min << " " << m.x_min << "</DataItem>\n"
     << "        <DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">"
     << dy << " " << dx << "</DataItem>\n"
     << "      </Geometry>\n";
  return os.str();
}

}  // namespace

std::vector<double> interior(const BlockGeometry& g, const Array3& a, int var) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  std::vector<double> out;
  out.reserve(static_cast<size_t>(g.nx) * g.ny);
  for (int j = g.js; j <= g.je; ++j)
    for (int i = g.is; i <= g.ie; ++i) out.push_back(h(var, j, i));
  return out;
}

SnapshotWriter::SnapshotWriter(std::string prefix, std::string deck_echo)
    : prefix_(std::move(prefix)), deck_echo_(std::move(deck_echo)) {}

void SnapshotWriter::write(const Solver& solver, int index, double t, long long step,
                           const std::vector<NamedField>& fields) {
  const std::string h5 = numbered(prefix_, index, ".h5");
  const GlobalMesh& m = solver.config().mesh;
  {
    H5File f(h5, H5File::Mode::Create, solver.decomp().comm());
    f.write_attribute("time", t);
    f.write_attribute("step", step);
    f.write_attribute("deck", deck_echo_);
    for (const NamedField& field : fields)
      f.write_field(field.name, solver.geom(), m.nx, m.ny, field.values, field.unit.c_str());
  }
  if (solver.decomp().rank() == 0) add_to_series(m, index, t, h5, fields);
}

void SnapshotWriter::write_gathered(const GlobalMesh& mesh, int index, double t, long long step,
                                    const std::vector<NamedField>& fields,
                                    const std::vector<NamedScalar>& scalars) {
  // The whole mesh as the one block of a one-process run.
  BlockGeometry whole;
  whole.nx = mesh.nx;
  whole.ny = mesh.two_d() ? mesh.ny : 1;
  whole.two_d = mesh.two_d();
  const std::string h5 = numbered(prefix_, index, ".h5");
  {
    H5File f(h5, H5File::Mode::Create, MPI_COMM_SELF);
    f.write_attribute("time", t);
    f.write_attribute("step", step);
    f.write_attribute("deck", deck_echo_);
    for (const NamedScalar& s : scalars) f.write_attribute(s.name, s.value);
    for (const NamedField& field : fields) {
      if (field.values.size() != static_cast<size_t>(whole.nx) * whole.ny)
        throw std::invalid_argument("snapshot field '" + field.name + "' has " +
                                    std::to_string(field.values.size()) + " values, not " +
                                    std::to_string(whole.nx) + " x " + std::to_string(whole.ny));
      f.write_field(field.name, whole, mesh.nx, mesh.ny, field.values, field.unit.c_str());
    }
  }
  add_to_series(mesh, index, t, h5, fields);
}

void SnapshotWriter::add_to_series(const GlobalMesh& mesh, int index, double t,
                                   const std::string& h5, const std::vector<NamedField>& fields) {
  const std::string xdmf = numbered(prefix_, index, ".xdmf");
  write_xdmf(mesh, base_name(h5), t, fields, xdmf);
  written_.emplace_back(t, base_name(xdmf));
  write_series();
}

void SnapshotWriter::write_xdmf(const GlobalMesh& m, const std::string& h5_name, double t,
                                const std::vector<NamedField>& fields,
                                const std::string& path) const {
  const int ny = m.two_d() ? m.ny : 1;
  std::ofstream out(path);
  out << std::setprecision(17);
  out << "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\">\n  <Domain>\n"
      << "    <Grid Name=\"hydro_mini\" GridType=\"Uniform\">\n"
      << "      <Time Value=\"" << t << "\"/>\n"
      << xdmf_grid(m);
  for (const NamedField& f : fields)
    out << "      <Attribute Name=\"" << f.name << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
        << "        <DataItem Dimensions=\"" << ny << " " << m.nx
        << "\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">" << h5_name << ":/" << f.name
        << "</DataItem>\n      </Attribute>\n";
  out << "    </Grid>\n  </Domain>\n</Xdmf>\n";
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
}

void SnapshotWriter::write_series() const {
  const std::string path = prefix_ + ".xdmf";
  std::ofstream out(path);
  out << std::setprecision(17);
  out << "<?xml version=\"1.0\" ?>\n<Xdmf Version=\"3.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
      << "  <Domain>\n    <Grid Name=\"series\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const auto& [t, name] : written_)
    out << "      <xi:include href=\"" << name << "\" xpointer=\"xpointer(//Xdmf/Domain/Grid)\"/>\n";
  out << "    </Grid>\n  </Domain>\n</Xdmf>\n";
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
}

}  // namespace ember::hydro
