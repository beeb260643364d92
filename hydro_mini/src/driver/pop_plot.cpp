// hydro_mini_pop_plot: run distance to detonation against input shock
// pressure (a Pop plot) for a shock-to-detonation deck.
//
//   hydro_mini_pop_plot DECK.toml P1,P2,... [section.key=value ...]
//
// For each input pressure (GPa) the deck runs with its x_lo piston set to
// drive that shock, and the leading front (pressure above half the input
// pressure) is recorded every step. The run distance x* is where the straight
// line through the initial shock (front below 0.5 mm) meets the straight line
// through the last 2 mm of the trajectory, the wedge-test convention; a run
// counts as detonated when that last slope is within 5 % of the CJ speed.
// Writes <output.dir>/pop_plot.tsv and prints the table with the published
// PBX 9501 fit log10(P/GPa) = 1.10 - 0.61 log10(x*/mm) (Gibbs & Popolato).
#include "driver/program.hpp"
#include "driver/run_config.hpp"
#include "eos/chapman_jouguet.hpp"
#include "hydro/diagnostics.hpp"

#include <Kokkos_Core.hpp>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ember::hydro {
namespace {

struct Line {
  double slope = 0.0, intercept = 0.0;  // x = slope * t + intercept
};

// Least-squares line x(t) through the points with x in [lo, hi].
Line fit(const std::vector<std::pair<double, double>>& tx, double lo, double hi) {
  double n = 0, st = 0, sx = 0, stt = 0, stx = 0;
  for (const auto& [t, x] : tx)
    if (x >= lo && x <= hi) {
      n += 1;
      st += t;
      sx += x;
      stt += t * t;
      stx += t * x;
    }
  if (n < 3) return {0.0, 0.0};
  const double slope = (n * stx - st * sx) / (n * stt - st * st);
  return {slope, (sx - slope * st) / n};
}

struct RunResult {
  double p_gpa, up, run_distance, d_late, us_initial;
  bool detonated;
};

RunResult run_one(const std::string& deck_path, std::vector<std::string> overrides, double p_gpa,
                  const std::string& plugins) {
  std::ostringstream pk;
  pk << "boundary.x_lo_piston_pressure_GPa=" << p_gpa;
  overrides.push_back(pk.str());
  const Deck deck = Deck::from_file(deck_path, overrides);
  const RunConfig rc = read_run_config(deck, plugins);
  if (!std::holds_alternative<ReactiveMixture>(rc.solver.eos) || !rc.closure)
    throw std::runtime_error(deck_path + ": a Pop plot needs eos.kind = \"reactive_mixture\" and [closure]");
  const ReactiveMixture& mix = std::get<ReactiveMixture>(rc.solver.eos);
  const CjState cj = chapman_jouguet(mix, rc.init.left.rho);
  auto solver = make_solver(MPI_COMM_WORLD, rc.solver);
  set_state(*solver, [&](Real, Real) { return rc.init.left; });
  ClosureCoupling closure(*rc.closure, *solver);
  const double length = rc.solver.mesh.x_max - rc.solver.mesh.x_min;
  std::vector<std::pair<double, double>> tx;
  double t = 0.0;
  const auto on_step = [&](const StepInfo& info) {
    const double x = leading_front(*solver, rc.init.left.p, 0.5 * p_gpa * 1e9);
    if (std::isfinite(x)) tx.emplace_back(info.t, x - rc.solver.mesh.x_min);
  };
  while (t < rc.t_end && (tx.empty() || tx.back().second < 0.95 * length))
    evolve(*solver, t, std::fmin(rc.t_end, t + 1e-8), rc.max_steps, on_step, &closure);
  RunResult r{p_gpa, rc.solver.bcs[kXlo].piston_speed, HUGE_VAL, 0.0, 0.0, false};
  if (tx.size() < 10) return r;
  const double x_end = tx.back().second;
  const Line early = fit(tx, 0.0, 5e-4);
  const Line late = fit(tx, x_end - 2e-3, x_end);
  r.us_initial = early.slope;
  r.d_late = late.slope;
  r.detonated = std::fabs(late.slope / cj.D - 1.0) < 0.05;
  if (r.detonated && late.slope > early.slope) {
    const double t_cross = (early.intercept - late.intercept) / (late.slope - early.slope);
    r.run_distance = early.slope * t_cross + early.intercept;
  }
  return r;
}

}  // namespace

// The program's body, run by run_program().
int run(int argc, char** argv);
int run(int argc, char** argv) {
  if (argc < 3)
    throw std::runtime_error("usage: hydro_mini_pop_plot DECK.toml P1,P2,... [section.key=value ...]");
  const std::string deck = argv[1];
  std::vector<double> pressures;
  std::stringstream ss(argv[2]);
  for (std::string item; std::getline(ss, item, ',');) pressures.push_back(std::stod(item));
  std::vector<std::string> overrides(argv + 3, argv + argc);
  const std::string plugins = plugin_dir();
  // Output folder from the deck, created once.
  const RunConfig base = read_run_config(Deck::from_file(deck, overrides), plugins);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank == 0) std::filesystem::create_directories(base.output.dir);
  std::vector<RunResult> results;
  for (const double p : pressures) {
    results.push_back(run_one(deck, overrides, p, plugins));
    const RunResult& r = results.back();
    if (rank == 0)
      std::printf("P = %6.2f GPa: up %7.1f m/s, initial Us %7.1f m/s, late front %7.1f m/s, x* %s\n",
                  p, r.up, r.us_initial, r.d_late,
                  r.detonated ? (std::to_string(r.run_distance * 1e3) + " mm").c_str() : "none in the domain");
  }
  if (rank != 0) return 0;
  const std::string path = base.output.dir + "/pop_plot.tsv";
  std::ofstream out(path);
  out << "# P_GPa\tup_m_s\trun_distance_mm\tpublished_mm\tlog10_ratio\tdetonated\n";
  std::printf("\n%8s %10s %12s %14s %12s\n", "P (GPa)", "x* (mm)", "fit (mm)", "log10(x*/fit)", "detonated");
  double sum2 = 0.0;
  int n = 0;
  for (const RunResult& r : results) {
    const double published = std::pow(10.0, (1.10 - std::log10(r.p_gpa)) / 0.61);
    const double x_mm = r.run_distance * 1e3;
    const double lr = r.detonated ? std::log10(x_mm / published) : NAN;
    if (r.detonated) {
      sum2 += lr * lr;
      ++n;
    }
    out << r.p_gpa << '\t' << r.up << '\t' << (r.detonated ? x_mm : NAN) << '\t' << published << '\t'
        << lr << '\t' << (r.detonated ? 1 : 0) << '\n';
    std::printf("%8.2f %10.3f %12.3f %14.3f %12s\n", r.p_gpa, r.detonated ? x_mm : NAN, published, lr,
                r.detonated ? "yes" : "no");
  }
  if (n > 0)
    std::printf("RMS of log10(x*/x*_published) over %d detonated runs: %.3f (a factor %.2f)\n", n,
                std::sqrt(sum2 / n), std::pow(10.0, std::sqrt(sum2 / n)));
  std::printf("wrote %s\n", path.c_str());
  return 0;
}

}  // namespace ember::hydro

int main(int argc, char** argv) {
  return ember::hydro::run_program("hydro_mini_pop_plot", argc, argv, &ember::hydro::run);
}
