#!/usr/bin/env bash
# Installs missing Debian packages, builds if needed, and runs ember's main
# job: a coupled shock-to-detonation simulation of PBX 9501 in hydro_mini,
# with the reference Ignition & Growth closure loaded as a plugin through the
# C ABI (checked for conformance first). Output (HDF5 + XDMF snapshots,
# history, checkpoint) goes to output/sdt_pbx9501/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
ember_install_deps
ember_build
plugin="$EMBER_BUILD_DIR/lib/ember/plugins/libember_ignition_growth.so"
model="$EMBER_ROOT/inputs/closure/pbx9501_ignition_growth.toml"
"$EMBER_BUILD_DIR/bin/ember-plugin-check" "$plugin" "$model"
ranks="${EMBER_RANKS:-$(nproc)}"
mpiexec -n "$ranks" --oversubscribe "$EMBER_BUILD_DIR/bin/hydro_mini" \
  "$EMBER_ROOT/inputs/hydro/sdt_pbx9501.toml" "$@"
