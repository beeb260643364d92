#include "driver/program.hpp"

#include "core/mpi_init.hpp"
#include "io/deck.hpp"

#include <Kokkos_Core.hpp>

#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>

#ifndef EMBER_INSTALL_LIBDIR
#error "EMBER_INSTALL_LIBDIR must be defined by the build"
#endif

namespace ember::hydro {

std::string format_duration(double seconds) {
  const long s = std::lround(seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

int run_program(const char* name, int argc, char** argv, int (*body)(int, char**)) {
  mpi_init(&argc, &argv);
  int rc = 0;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    try {
      rc = body(argc, argv);
    } catch (const std::exception& e) {
      int rank = 0, size = 1;
      MPI_Comm_rank(MPI_COMM_WORLD, &rank);
      MPI_Comm_size(MPI_COMM_WORLD, &size);
      std::fprintf(stderr, "%s: error (rank %d): %s\n", name, rank, e.what());
      // Errors in the deck are found by every rank alike; anything else may
      // leave other ranks waiting in a collective.
      if (size > 1 && dynamic_cast<const DeckError*>(&e) == nullptr) MPI_Abort(MPI_COMM_WORLD, 1);
      rc = 1;
    }
  }
  MPI_Finalize();
  return rc;
}

std::string plugin_dir() {
  const std::filesystem::path bin = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  const std::filesystem::path build = bin / ".." / "lib" / "ember" / "plugins";
  if (std::filesystem::exists(build)) return build.lexically_normal().string();
  return (bin / ".." / EMBER_INSTALL_LIBDIR / "ember" / "plugins").lexically_normal().string();
}

}  // namespace ember::hydro
