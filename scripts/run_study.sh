#!/usr/bin/env bash
# The scarce-data study from nothing, in one command (docs/learning.md,
# "Evaluation, the scarce-data study and export"): installs missing Debian
# packages, builds if needed, generates the full micro and meso sets, trains
# the micro tokenizer and evolvers, then runs ember-train study, which writes
# docs/study/scarce_data.md and .csv; the PNG follows where Debian's
# python3-matplotlib is installed. Every step resumes: run it again after an
# interruption and finished work is kept.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
ember_install_deps
ember_build
cd "$EMBER_ROOT"
bin="$EMBER_BUILD_DIR/bin"
mpiexec -n "${EMBER_RANKS:-$(nproc)}" --oversubscribe "$bin/ember-datagen" generate \
  --preset full --set all --out data/full
"$bin/ember-train" tokenizer inputs/learn/tokenizer.toml --resume
"$bin/ember-train" dynamics inputs/learn/dynamics.toml --resume
"$bin/ember-train" study inputs/learn/study.toml
if /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  /usr/bin/python3 scripts/plot_study.py docs/study/scarce_data.csv docs/study/scarce_data.png
else
  echo "run_study.sh: no python3-matplotlib; the plot (scripts/plot_study.py) is left out"
fi
