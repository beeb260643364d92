# Shared by the scripts in scripts/: install what is missing, configure, build.
# Sourced, not run. Honours EMBER_BUILD_DIR (default: build) and
# EMBER_BUILD_TYPE (default: Release).

EMBER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EMBER_BUILD_DIR="${EMBER_BUILD_DIR:-$EMBER_ROOT/build}"
EMBER_BUILD_TYPE="${EMBER_BUILD_TYPE:-Release}"

# Debian 12 packages ember builds and tests with.
EMBER_DEBIAN_PACKAGES=(
  g++ gfortran cmake make binutils pkg-config
  libtorch-dev
  libtrilinos-kokkos-dev
  libopenmpi-dev openmpi-bin
  libhdf5-openmpi-dev
  libtomlplusplus-dev libcli11-dev
  libgtest-dev libbenchmark-dev
)

ember_install_deps() {
  local missing=()
  for p in "${EMBER_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "ember: installing missing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "ember: run as root (or install them yourself): apt-get install ${missing[*]}" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ember_build() {
  cmake -S "$EMBER_ROOT" -B "$EMBER_BUILD_DIR" -DCMAKE_BUILD_TYPE="$EMBER_BUILD_TYPE" "$@"
  cmake --build "$EMBER_BUILD_DIR" -j "$(nproc)"
}

# OpenMPI refuses to run as root unless told, and to oversubscribe cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
