#!/usr/bin/env python3
"""Plot a Pop plot table written by hydro_mini_pop_plot against the published
PBX 9501 fit, log10(P/GPa) = 1.10 - 0.61 log10(x*/mm) (Gibbs & Popolato).

    python3 scripts/plot_pop_plot.py TABLE.tsv OUT.png

Optional: needs Debian's python3-matplotlib; nothing in ember depends on it.
"""
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def main(table, out):
    rows = [line.split() for line in open(table) if not line.startswith("#")]
    runs = [(float(r[0]), float(r[2])) for r in rows if r[5] == "1"]
    p_fit = [2.0 + 0.1 * k for k in range(0, 160)]
    x_fit = [10 ** ((1.10 - math.log10(p)) / 0.61) for p in p_fit]
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    ax.loglog(x_fit, p_fit, "k-", label="PBX 9501, Gibbs & Popolato fit")
    ax.loglog([x for _, x in runs], [p for p, _ in runs], "o", color="tab:red",
              label="hydro_mini + I&G plugin (LX-14 rates)")
    ax.set_xlabel("run distance to detonation x* (mm)")
    ax.set_ylabel("input shock pressure P (GPa)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
