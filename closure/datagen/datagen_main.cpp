// ember-datagen: the resolved-void data sets of docs/dataset_schema.md.
//
//   mpiexec -n N ember-datagen generate --preset tiny|full --set micro|meso|all
//                                       --out DIR [--threads T]
//   ember-datagen summary FILE.h5
//
// generate computes each run of the preset on one rank (hydro::run_void_case
// on MPI_COMM_SELF), resumes where a previous call stopped, and merges each
// complete set into DIR/<set>.h5. It exits 1 if any run failed, after the
// other runs have finished.
#include "driver/program.hpp"
#include "ensemble.hpp"
#include "multiphase/void_case.hpp"
#include "presets.hpp"
#include "summary.hpp"

#include <mpi.h>
#include <CLI/CLI.hpp>
#include <Kokkos_Macros.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace ember::datagen;

// Kokkos takes its thread count from its own flag, which it removes from argv
// before the program's parser runs; Kokkos 3 also aborts on a bare
// "--threads T". So --threads T is renamed to that flag before Kokkos starts.
#if KOKKOS_VERSION >= 30700
constexpr const char* kKokkosThreads = "--kokkos-num-threads=";
#else
constexpr const char* kKokkosThreads = "--kokkos-threads=";
#endif

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int generate(const std::string& preset, const std::string& set, const std::string& out) {
  const auto t0 = std::chrono::steady_clock::now();
  const int rank = world_rank();
  std::vector<RunSpec> runs;
  try {
    runs = preset_runs(preset, set);
  } catch (const std::exception& e) {
    throw EnsembleError(e.what());  // the same on every rank: the table is deterministic
  }
  const EnsembleOptions options{out, preset, &std::cout};
  const EnsembleResult r = run_ensemble(MPI_COMM_WORLD, runs, ember::hydro::run_void_case, options);
  if (rank == 0) {
    for (const std::string& f : r.failures) std::fprintf(stderr, "ember-datagen: %s\n", f.c_str());
    for (const std::string& s : r.unmerged_sets)
      std::fprintf(stderr,
                   "ember-datagen: set '%s' not merged: a run failed (run again to redo it)\n",
                   s.c_str());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%d computed, %d skipped, %zu failed; total wall time %.1f s\n", r.computed,
                r.skipped, r.failures.size(), wall);
    std::fflush(stdout);
  }
  return r.failures.empty() ? 0 : 1;
}

int body(int argc, char** argv) {
  const int rank = world_rank();
  CLI::App app{"ember-datagen: resolved void-collapse data sets (docs/dataset_schema.md)"};
  app.require_subcommand(1);

  std::string preset, set = "all", out, file;
  CLI::App* gen = app.add_subcommand("generate", "compute (or resume) a preset's runs under MPI");
  gen->add_option("--preset", preset, "which preset")
      ->required()
      ->check(CLI::IsMember(preset_names()));
  gen->add_option("--set", set, "which set")
      ->capture_default_str()
      ->check(CLI::IsMember({"micro", "meso", "all"}));
  gen->add_option("--out", out, "output folder (per-run files in OUT/runs)")->required();
  gen->footer(
      "Kokkos:\n"
      "  --threads T                 host threads per rank (a serial Kokkos runs one)");
  CLI::App* sum = app.add_subcommand("summary", "print a readable summary of a dataset file");
  sum->add_option("file", file, "a per-run or merged .h5 file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (rank == 0) return app.exit(e);
    return e.get_exit_code();
  }
  try {
    if (gen->parsed()) return generate(preset, set, out);
    if (rank == 0) write_summary(std::cout, file);
    return 0;
  } catch (const EnsembleError& e) {  // raised alike on every rank
    if (rank == 0) std::fprintf(stderr, "ember-datagen: %s\n", e.what());
    return 1;
  } catch (const std::runtime_error& e) {
    if (!sum->parsed()) throw;  // one rank's error: run_program aborts the job
    std::fprintf(stderr, "ember-datagen: %s\n", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string n;
    if (args[i] == "--threads") {
      if (i + 1 < args.size()) {
        n = args[i + 1];
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      }
    } else if (args[i].rfind("--threads=", 0) == 0) {
      n = args[i].substr(10);
    } else {
      continue;
    }
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(n) < 1) {
      std::fprintf(stderr, "ember-datagen: --threads needs a positive integer, got '%s'\n",
                   n.c_str());
      return 2;
    }
    args[i] = kKokkosThreads + n;
  }
  std::vector<char*> ptrs;
  for (std::string& a : args) ptrs.push_back(a.data());
  ptrs.push_back(nullptr);
  return ember::hydro::run_program("ember-datagen", static_cast<int>(args.size()), ptrs.data(),
                                   body);
}
