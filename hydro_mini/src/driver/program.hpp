// What every hydro_mini program shares: MPI and Kokkos set up around the
// program's body, errors reported with the rank and turned into exit code 1,
// and the folder of the closure plugins beside the executable.
#pragma once

#include <string>

namespace ember::hydro {

// Runs body(argc, argv) between MPI/Kokkos initialisation and finalisation.
int run_program(const char* name, int argc, char** argv, int (*body)(int, char**));

// <bin>/../lib/ember/plugins (build tree, or an install with libdir lib),
// else <bin>/../<libdir>/ember/plugins.
std::string plugin_dir();

}  // namespace ember::hydro
