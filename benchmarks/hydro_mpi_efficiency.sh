#!/usr/bin/env bash
# Parallel efficiency of hydro_mini on a 2D problem: zone-cycles per second on
# 2 ranks against 1 rank, printed as JSON.
#   benchmarks/hydro_mpi_efficiency.sh BUILD_DIR [N]   (N x N cells, default 1024)
set -euo pipefail
build="${1:?build directory}"
n="${2:-1024}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rate() {
  mpiexec -n "$1" --oversubscribe "$build/bin/hydro_mini" "$root/inputs/hydro/blast_2d.toml" \
    mesh.nx="$n" mesh.ny="$n" time.max_steps=40 output.dir="$work/np$1" \
    output.snapshot_interval=0 output.history_interval=1000000 output.progress_interval=1000000 |
    sed -n 's/.* \([0-9.e+]*\) zone-cycles\/s.*/\1/p'
}
r1="$(rate 1)"
r2="$(rate 2)"
python3 - "$n" "$r1" "$r2" <<'PY'
import json, sys
n, r1, r2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(json.dumps({"problem": f"blast_2d {n}x{n}", "zone_cycles_per_second_1_rank": r1,
                  "zone_cycles_per_second_2_ranks": r2, "efficiency_2_vs_1": r2 / (2 * r1)}, indent=1))
PY
