#!/usr/bin/env bash
# Installs missing Debian packages, builds if needed, and runs ember's main
# job: the reference Ignition & Growth closure plugin checked for conformance
# and driven by the C, C++ and Fortran host examples.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
ember_install_deps
ember_build
plugin="$EMBER_BUILD_DIR/lib/ember/plugins/libember_ignition_growth.so"
model="$EMBER_ROOT/inputs/closure/pbx9501_ignition_growth.toml"
"$EMBER_BUILD_DIR/bin/ember-plugin-check" "$plugin" "$model"
for host in c cpp fortran; do
  exe="$EMBER_BUILD_DIR/bin/ember_host_$host"
  [ -x "$exe" ] && "$exe" "$plugin" "$model"
done
