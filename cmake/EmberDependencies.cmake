# Every third-party package ember uses, each from its Debian 12 package.
#   plugin_api  : libc, libdl
#   closure     : tomlplusplus (I&G model files); LibTorch (learned closures)
#   hydro_mini  : MPI, parallel HDF5, Kokkos
#   tests/bench : GoogleTest, Google Benchmark
find_package(Threads REQUIRED)
find_package(tomlplusplus 3 REQUIRED)

if(EMBER_WITH_HYDRO)
  find_package(MPI 3.0 REQUIRED COMPONENTS C CXX)
  set(HDF5_PREFER_PARALLEL TRUE)
  find_package(HDF5 1.10 REQUIRED COMPONENTS C)
  if(NOT HDF5_IS_PARALLEL)
    message(FATAL_ERROR "HDF5 ${HDF5_VERSION} at ${HDF5_C_INCLUDE_DIRS} is serial; "
                        "hydro_mini writes collectively and needs parallel HDF5 "
                        "(Debian: libhdf5-openmpi-dev)")
  endif()
  include(EmberKokkos)
endif()

if(EMBER_WITH_TORCH)
  find_package(Torch REQUIRED)
  message(STATUS "LibTorch ${Torch_VERSION}")
endif()

if(EMBER_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(EMBER_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
