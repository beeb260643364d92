// Snapshots: one HDF5 file of named cell fields per output time, written
// collectively, with an XDMF companion that ParaView and VisIt open directly,
// and a time-series XDMF listing every snapshot of the run.
#pragma once

#include "hydro/solver.hpp"

#include <string>
#include <vector>

namespace ember::hydro {

// A cell field of the block interior, row-major [ny_local][nx_local].
struct NamedField {
  std::string name;
  std::string unit;
  std::vector<double> values;
};

// A number describing a whole snapshot (a hotspot metric, say), written as an
// attribute of the file's root group; the unit belongs in the name.
struct NamedScalar {
  std::string name;
  double value;
};

// The interior of one variable of a [var][j][i] array, on the host.
std::vector<double> interior(const BlockGeometry& g, const Array3& a, int var);

class SnapshotWriter {
 public:
  // Files go to <prefix>.<index>.h5/.xdmf; the series to <prefix>.xdmf.
  SnapshotWriter(std::string prefix, std::string deck_echo);

  // Writes snapshot `index` of the fields at time t; collective.
  void write(const Solver& solver, int index, double t, long long step,
             const std::vector<NamedField>& fields);

  // Writes snapshot `index` of fields that each cover the whole mesh,
  // row-major [ny][nx], from the calling process alone: for runs that gather
  // their fields to one rank (the two-material void runs). Not collective.
  void write_gathered(const GlobalMesh& mesh, int index, double t, long long step,
                      const std::vector<NamedField>& fields,
                      const std::vector<NamedScalar>& scalars);

 private:
  // The XDMF companion of the HDF5 file just written, and the series.
  void add_to_series(const GlobalMesh& mesh, int index, double t, const std::string& h5,
                     const std::vector<NamedField>& fields);
  void write_xdmf(const GlobalMesh& mesh, const std::string& h5_name, double t,
                  const std::vector<NamedField>& fields, const std::string& path) const;
  void write_series() const;

  std::string prefix_;
  std::string deck_echo_;
  std::vector<std::pair<double, std::string>> written_;  // (time, xdmf file name), writer rank
};

}  // namespace ember::hydro
