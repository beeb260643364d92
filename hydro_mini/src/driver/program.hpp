// What every hydro_mini program shares: MPI and Kokkos set up around the
// program's body, errors reported with the rank and turned into exit code 1,
// the folder of the closure plugins beside the executable, and the time-left
// format of progress lines.
#pragma once

#include <string>

namespace ember::hydro {

// A time to go in progress lines, as h:mm:ss.
std::string format_duration(double seconds);

// Runs body(argc, argv) between MPI/Kokkos initialisation and finalisation.
int run_program(const char* name, int argc, char** argv, int (*body)(int, char**));

// <bin>/../lib/ember/plugins (build tree, or an install with libdir lib),
// else <bin>/../<libdir>/ember/plugins.
std::string plugin_dir();

}  // namespace ember::hydro
