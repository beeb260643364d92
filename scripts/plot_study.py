#!/usr/bin/python3
"""Plot the scarce-data study (ember-train study, docs/learning.md): the test
error of the latent model and of PARC against the number of meso training
runs, mean ± standard deviation over the seeds, with persistence as a
dashed line; and the training wall time.

    /usr/bin/python3 scripts/plot_study.py docs/study/scarce_data.csv docs/study/scarce_data.png

Optional: needs Debian's python3-matplotlib; nothing in ember depends on it.
"""
import argparse
import csv
import math
import sys

try:
    import matplotlib
except ImportError as e:
    sys.exit(f"plot_study.py: {e.name} is missing; on Debian: apt-get install python3-matplotlib")

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PANELS = [  # column, label, factor (CSV unit → plotted unit)
    ("T_rmse_K", "T RMSE (K)", 1.0),
    ("P_rmse_GPa", "P RMSE (GPa)", 1.0),
    ("T_hs_rmse_K", "T_hs RMSE (K)", 1.0),
    ("A_hs_rmse_um2", "A_hs RMSE (µm²)", 1.0),
    ("A_hs_rate_rmse_um2_per_s", "dA_hs/dt RMSE (µm²/ns)", 1e-9),
    ("train_s", "training wall time (s)", 1.0),
]
STYLE = {"latent": ("tab:blue", "o", "latent model"), "parc": ("tab:orange", "s", "PARC")}


def number(text):
    return float("nan") if text == "nan" else float(text)


def mean_sd(values):
    v = [x for x in values if math.isfinite(x)]
    if not v:
        return float("nan"), float("nan")
    m = sum(v) / len(v)
    sd = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else 0.0
    return m, sd


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="the study's CSV (report.csv)")
    parser.add_argument("png", help="the figure to write")
    args = parser.parse_args()
    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"plot_study.py: {args.csv} holds no rows")

    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    for ax, (column, label, factor) in zip(axes.flat, PANELS):
        for model, (colour, marker, name) in STYLE.items():
            by_n = {}
            for r in rows:
                if r["model"] == model:
                    by_n.setdefault(int(r["train_runs"]), []).append(number(r[column]) * factor)
            ns = sorted(by_n)
            stats = [mean_sd(by_n[n]) for n in ns]
            ax.errorbar(ns, [s[0] for s in stats], yerr=[s[1] for s in stats], color=colour,
                        marker=marker, capsize=3, label=name)
        if column != "train_s":
            persistence = [number(r[column]) * factor for r in rows if r["model"] == "persistence"]
            m, _ = mean_sd(persistence)
            if math.isfinite(m):
                ax.axhline(m, color="grey", linestyle="--", label="persistence")
        ax.set_xscale("log", base=2)
        ax.set_xlabel("meso training runs")
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    axes.flat[0].legend()
    fig.suptitle("Scarce-data study: test error against the number of meso training runs "
                 "(mean ± std over seeds)")
    fig.tight_layout()
    fig.savefig(args.png, dpi=120)
    print(f"plot_study.py: wrote {args.png}")


if __name__ == "__main__":
    main()
