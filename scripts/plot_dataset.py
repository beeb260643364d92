#!/usr/bin/python3
"""Plot one run of an ember-datagen dataset (docs/dataset_schema.md): the
temperature, pressure and void fraction fields at a few snapshots, and the
hotspot curves T_hs(t) and A_hs(t).

    /usr/bin/python3 scripts/plot_dataset.py FILE.h5 [RUN] OUT.png [--snapshots 0,2,5]

FILE.h5 is a merged set (OUT/micro.h5) or a per-run file (OUT/runs/micro_0003.h5);
RUN (e.g. micro_0003) may be left out when the file holds a single run. By default
the first, middle and last snapshots are drawn.

Optional: needs Debian's python3-h5py and python3-matplotlib; nothing in ember
depends on it.
"""
import argparse
import sys

try:
    import h5py
    import matplotlib
except ImportError as e:
    sys.exit(f"plot_dataset.py: {e.name} is missing; on Debian: "
             "apt-get install python3-h5py python3-matplotlib")

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

FIELDS = [  # dataset, label, scale, colour map
    ("temperature", "T (K)", 1.0, "inferno"),
    ("pressure", "p (GPa)", 1e-9, "viridis"),
    ("void_fraction", "void fraction μ", 1.0, "gray_r"),
]


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def pick_run(f, run, path):
    runs = sorted(f["runs"].keys())
    if run is None:
        if len(runs) != 1:
            sys.exit(f"plot_dataset.py: {path} holds {len(runs)} runs; name one of "
                     f"{', '.join(runs[:8])}{' …' if len(runs) > 8 else ''}")
        return runs[0]
    if run not in runs:
        sys.exit(f"plot_dataset.py: {path} has no run {run}")
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("args", nargs="+", metavar="[RUN] OUT.png")
    ap.add_argument("--snapshots", help="comma-separated snapshot indices")
    a = ap.parse_args()
    if len(a.args) > 2:
        ap.error("expected [RUN] OUT.png")
    run_name, out = (a.args[0], a.args[1]) if len(a.args) == 2 else (None, a.args[0])

    with h5py.File(a.file, "r") as f:
        run_name = pick_run(f, run_name, a.file)
        g = f["runs"][run_name]
        t_ns = g["time"][...] * 1e9
        nt = len(t_ns)
        if a.snapshots:
            snaps = [int(k) for k in a.snapshots.split(",")]
            bad = [k for k in snaps if not 0 <= k < nt]
            if bad:
                sys.exit(f"plot_dataset.py: snapshots {bad} outside 0 … {nt - 1}")
        else:
            snaps = sorted({0, nt // 2, nt - 1})
        nx, ny, dx = int(g.attrs["nx"]), int(g.attrs["ny"]), float(g.attrs["dx_m"])
        extent = [0, nx * dx * 1e6, 0, ny * dx * 1e6]  # µm
        fields = {name: g[name][snaps] * scale for name, _, scale, _ in FIELDS}
        t_hs = g["mean_hot_temperature_K"][...]
        a_hs = g["hot_area_um2"][...]
        title = (f"{run_name}: {g.attrs['shock_pressure_Pa'] / 1e9:.1f} GPa, "
                 f"porosity {g.attrs['porosity']:.3f}, {g['voids'].shape[0]} void(s), "
                 f"{nx}×{ny} cells of {dx * 1e9:.1f} nm ({text(g.attrs['code_version'])})")

    fig = plt.figure(figsize=(3.4 * len(snaps), 2.5 * (len(FIELDS) + 1)), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[len(FIELDS), 1])
    axes = top.subplots(len(FIELDS), len(snaps), squeeze=False)
    for r, (name, label, _, cmap) in enumerate(FIELDS):
        lo, hi = np.nanmin(fields[name]), np.nanmax(fields[name])
        for c, k in enumerate(snaps):
            ax = axes[r][c]
            im = ax.imshow(fields[name][c], origin="lower", extent=extent, cmap=cmap,
                           vmin=lo, vmax=hi)
            ax.set_title(f"{label}, t = {t_ns[k]:.2f} ns", fontsize=8)
            ax.tick_params(labelsize=7)
        top.colorbar(im, ax=axes[r].tolist(), shrink=0.8)
    ax_t, ax_a = bottom.subplots(1, 2)
    ax_t.plot(t_ns, t_hs, "o-", color="tab:red")
    ax_t.set_xlabel("t (ns)")
    ax_t.set_ylabel("T_hs (K)")
    ax_a.plot(t_ns, a_hs, "o-", color="tab:blue")
    ax_a.set_xlabel("t (ns)")
    ax_a.set_ylabel("A_hs (µm²)")
    for ax in (ax_t, ax_a):
        ax.grid(True, alpha=0.3)
    fig.suptitle(title, fontsize=9)
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
