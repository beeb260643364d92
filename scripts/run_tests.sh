#!/usr/bin/env bash
# Installs missing Debian packages, builds if needed, and runs every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
ember_install_deps
ember_build -DEMBER_BUILD_TESTS=ON
ctest --test-dir "$EMBER_BUILD_DIR" --output-on-failure -j "$(nproc)"
