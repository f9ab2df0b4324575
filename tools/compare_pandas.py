#!/usr/bin/env python3
"""The same report an analyst would compute with pandas + SciPy, timed beside `tandem analyze`.

Reads a Tandem story CSV the way `tandem analyze` does (T1.a/.b/.c triads, D… sliders, M… choices
with `;` for multiple choice, other columns metadata), runs the same tests on the same pairs
(sensemaking.md §3: chi-square or Fisher for choice × choice, Mann–Whitney or Kruskal–Wallis for
slider × choice, Spearman for slider × slider, groups under --min-group stories dropped, and, with
a `teller` column, groups under --min-group people — an empty key is a person of its own —,
multiple choices one option at a time, Benjamini–Hochberg over all), and then:

- times `tandem analyze` and this computation on the same file, in one run, side by side;
- checks that both found the same tests with the same statistic and p (1e-6 relative).

Pinned: scipy==1.14.1 (as the fixtures), pandas 2.x. Usage, from the repository root:

    pip install scipy==1.14.1 pandas
    python3 tools/compare_pandas.py --input /tmp/stories-1m.csv --tandem target/release/tandem
"""
import argparse
import json
import math
import subprocess
import time

import numpy as np
import pandas as pd
import scipy
from scipy import stats

FIXED = {"id", "text", "collected_on"}
TELLER = "teller"


def load(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    kinds = []  # (column, kind) in file order, as `tandem analyze` reads them
    for column in frame.columns:
        if column in FIXED or column == TELLER:
            continue
        if "." in column and column.rsplit(".", 1)[1] in ("a", "b", "c"):
            if column.endswith(".a"):
                kinds.append((column[:-2], "triad"))
        elif column.startswith("D"):
            kinds.append((column, "slider"))
        elif column.startswith("M"):
            kinds.append((column, "multi" if frame[column].str.contains(";").any() else "single"))
        else:
            kinds.append((column, "metadata"))
    return frame, kinds


def categoricals(frame, kinds):
    """(name, field, is_metadata, labels with NaN for N/A, group order) in file order."""
    out = []
    for column, kind in kinds:
        if kind in ("single", "metadata"):
            values = frame[column].replace("", np.nan)
            out.append((column, column, kind == "metadata", values, list(pd.unique(values.dropna()))))
        elif kind == "multi":
            answered = frame[column] != ""
            chosen = frame[column].str.split(";")
            labels = list(dict.fromkeys(label for row in chosen[answered] for label in row))
            for label in labels:
                flag = chosen.map(lambda row, label=label: "chosen" if label in row else "not chosen")
                out.append((f"{column}={label}", column, False, flag.where(answered), ["not chosen", "chosen"]))
    return out


def tellers_of(frame):
    """Each story's teller: its key, or a key of its own when empty; None without the column."""
    if TELLER not in frame.columns:
        return None
    keys = frame[TELLER]
    return keys.where(keys != "", "\0story " + frame.index.astype(str))


def enough_people(labels, tellers, min_group):
    """The labels (of the stories that count) told by at least `min_group` people."""
    people = pd.DataFrame({"label": labels, "teller": tellers}).dropna().groupby("label")["teller"].nunique()
    return set(people[people >= min_group].index)


def contingency(a, b, min_group, tellers):
    table = pd.crosstab(a[3], b[3])
    table = table.loc[table.sum(axis=1) >= min_group, table.sum(axis=0) >= min_group]
    if tellers is not None:
        both = a[3].notna() & b[3].notna()
        rows = enough_people(a[3][both], tellers[both], min_group)
        cols = enough_people(b[3][both], tellers[both], min_group)
        table = table.loc[[r in rows for r in table.index], [c in cols for c in table.columns]]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return None
    observed = table.to_numpy()
    expected = stats.contingency.expected_freq(observed)
    if observed.shape == (2, 2) and (expected < 5).any():
        result = stats.fisher_exact(observed)
        return ("fisher_exact", a[0], b[0], result.statistic, result.pvalue)
    chi2, p, _, _ = stats.chi2_contingency(observed, correction=False)
    return ("chi_square", a[0], b[0], chi2, p)


def by_group(name, values, group, min_group, tellers):
    frame = pd.DataFrame({"v": values, "g": group[3]}).dropna()
    counts = frame["g"].value_counts()
    keep = [g for g in group[4] if counts.get(g, 0) >= min_group]
    if tellers is not None:
        people = enough_people(frame["g"], tellers[frame.index], min_group)
        keep = [g for g in keep if g in people]
    samples = [frame.loc[frame["g"] == g, "v"].to_numpy() for g in keep]
    if len(samples) < 2:
        return None
    try:
        if len(samples) == 2:
            result = stats.mannwhitneyu(samples[0], samples[1], alternative="two-sided", method="auto")
            return ("mann_whitney", name, group[0], result.statistic, result.pvalue)
        result = stats.kruskal(*samples)
        return ("kruskal_wallis", name, group[0], result.statistic, result.pvalue)
    except ValueError:
        return None


def analyze(path, min_group):
    frame, kinds = load(path)
    sliders = [column for column, kind in kinds if kind == "slider"]
    numbers = {s: pd.to_numeric(frame[s].replace("", np.nan)) for s in sliders}
    cats = categoricals(frame, kinds)
    tellers = tellers_of(frame)
    results = []
    for i, a in enumerate(cats):
        for b in cats[i + 1:]:
            if (a[2] and b[2]) or a[1] == b[1]:
                continue
            results.append(contingency(a, b, min_group, tellers))
    for s in sliders:
        for group in cats:
            results.append(by_group(s, numbers[s], group, min_group, tellers))
    for i, x in enumerate(sliders):
        for y in sliders[i + 1:]:
            pair = pd.DataFrame({"x": numbers[x], "y": numbers[y]}).dropna()
            result = stats.spearmanr(pair["x"], pair["y"])
            results.append(("spearman", x, y, result.statistic, result.pvalue))
    results = [r for r in results if r is not None and math.isfinite(r[4])]
    q = stats.false_discovery_control([r[4] for r in results], method="bh")
    return results, q


def close(a, b):
    return abs(a - b) <= 1e-6 * max(abs(b), 1e-300) or (a < 1e-300 and b < 1e-300)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True)
    parser.add_argument("--tandem", default="target/release/tandem")
    parser.add_argument("--min-group", type=int, default=5)
    args = parser.parse_args()
    assert scipy.__version__ == "1.14.1", f"pinned to SciPy 1.14.1, not {scipy.__version__}"

    started = time.perf_counter()
    output = subprocess.run(
        [args.tandem, "analyze", "--input", args.input, "--min-group", str(args.min_group)],
        check=True, capture_output=True,
    ).stdout
    tandem_seconds = time.perf_counter() - started
    report = json.loads(output)

    started = time.perf_counter()
    results, _ = analyze(args.input, args.min_group)
    python_seconds = time.perf_counter() - started

    theirs = {(t["kind"], t["a"], t["b"]): t for t in report["tests"]}
    mismatches = [r for r in results if (r[0], r[1], r[2]) not in theirs
                  or not close(theirs[(r[0], r[1], r[2])]["statistic"], r[3])
                  or not close(theirs[(r[0], r[1], r[2])]["p"], r[4])]
    print(f"stories: {report['n_stories']}; tests: tandem {len(theirs)}, pandas + SciPy {len(results)}")
    print(f"tandem analyze: {tandem_seconds:.2f} s; pandas + SciPy: {python_seconds:.2f} s; "
          f"ratio {python_seconds / tandem_seconds:.1f}x")
    print(f"tests that differ (kind, pair, statistic or p beyond 1e-6): {len(mismatches)}")
    for r in mismatches[:10]:
        print("  ", r, theirs.get((r[0], r[1], r[2]), {}).get("p"))


if __name__ == "__main__":
    main()
