#!/usr/bin/env bash
# Builds if needed and runs the benchmarks; JSON results go to
# $EMBER_BUILD_DIR/benchmarks/results/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
ember_install_deps
ember_build -DEMBER_BUILD_BENCHMARKS=ON
out="$EMBER_BUILD_DIR/benchmarks/results"
mkdir -p "$out"
"$EMBER_BUILD_DIR/bin/bench_ig_evaluate" --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/ig_evaluate.json" --benchmark_out_format=json
"$EMBER_BUILD_DIR/bin/bench_hydro" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/hydro_cycle.json" --benchmark_out_format=json
"$EMBER_BUILD_DIR/bin/bench_reactive" --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/reactive_cycle.json" --benchmark_out_format=json
"$EMBER_ROOT/benchmarks/hydro_mpi_efficiency.sh" "$EMBER_BUILD_DIR" 1024 | tee "$out/hydro_mpi_efficiency.json"
echo "ember: wrote $out/{ig_evaluate,hydro_cycle,reactive_cycle,hydro_mpi_efficiency}.json"
