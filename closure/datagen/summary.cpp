#include "summary.hpp"

#include "dataset_file.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

namespace ember::datagen {
namespace {

// A number in a fixed format, "-" if it is NaN (not measured or never hot).
std::string num(const char* format, double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

void write_summary(std::ostream& out, const std::filesystem::path& file) {
  const DatasetReader reader(file);
  const FileInfo& info = reader.info();
  out << "file           " << file.string() << "\n"
      << "schema_version " << info.schema_version << "\n"
      << "kind           " << info.kind << "\n"
      << "code_version   " << info.code_version << "\n";
  if (info.kind == "set")
    out << "set            " << info.set << "\n"
        << "preset         " << info.preset << "\n";
  out << "runs           " << reader.runs().size() << "\n\n";

  char line[256];
  std::snprintf(line, sizeof line, "%-12s %7s %9s %6s %9s %9s %11s %14s %13s %8s\n", "run", "P/GPa",
                "porosity", "voids", "grid", "snapshots", "peak_T_hs/K", "final_A_hs/um2",
                "final_reacted", "complete");
  out << line;
  for (const std::string& run : reader.runs()) {
    const RunAttributes a = reader.attributes(run);
    const std::vector<double> t_hs = reader.curve(run, "mean_hot_temperature_K").values;
    const std::vector<double> a_hs = reader.curve(run, "hot_area_um2").values;
    const std::vector<double> reacted = reader.curve(run, "reacted_mass_fraction").values;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double peak = nan;
    for (double t : t_hs)
      if (!std::isnan(t) && (std::isnan(peak) || t > peak)) peak = t;
    const std::string grid = std::to_string(a.nx) + "x" + std::to_string(a.ny);
    const std::string snaps = std::to_string(t_hs.size()) + "/" + std::to_string(a.n_snapshots);
    std::snprintf(line, sizeof line, "%-12s %7s %9s %6zu %9s %9s %11s %14s %13s %8s\n", run.c_str(),
                  num("%.2f", a.shock_pressure_Pa / 1e9).c_str(), num("%.4f", a.porosity).c_str(),
                  reader.voids(run).size(), grid.c_str(), snaps.c_str(), num("%.1f", peak).c_str(),
                  num("%.4g", a_hs.empty() ? nan : a_hs.back()).c_str(),
                  num("%.4g", reacted.empty() ? nan : reacted.back()).c_str(),
                  a.complete ? "yes" : "no");
    out << line;
  }
}

}  // namespace ember::datagen
