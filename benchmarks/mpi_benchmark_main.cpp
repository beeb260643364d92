// main() of the hydro benchmarks: MPI and Kokkos around Google Benchmark.
#include "core/mpi_init.hpp"

#include <Kokkos_Core.hpp>
#include <benchmark/benchmark.h>

int main(int argc, char** argv) {
  ember::hydro::mpi_init(&argc, &argv);
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
  }
  MPI_Finalize();
  return 0;
}
