// GoogleTest main for hydro_mini's tests: MPI and Kokkos set up once; only
// rank 0 reports, but every rank runs every test (they call collectives).
#include "core/mpi_init.hpp"
#include <Kokkos_Core.hpp>
#include <gtest/gtest.h>
#include <mpi.h>

#include <cstdlib>

int main(int argc, char** argv) {
  ember::hydro::mpi_init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int result = 0;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    // Other ranks stay quiet unless EMBER_TEST_ALL_RANKS is set (to see a
    // failure that only one rank detects).
    if (rank != 0 && std::getenv("EMBER_TEST_ALL_RANKS") == nullptr) {
      auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
    result = RUN_ALL_TESTS();
  }
  // A test that fails on any rank fails the run.
  int worst = 0;
  MPI_Allreduce(&result, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return worst;
}
