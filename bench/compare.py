"""Compares two results files figure by figure (bench/run calls it; it never fails on a regression).

    compare.py --previous NEW       the most recent committed results file other than NEW (or nothing)
    compare.py OLD NEW              a table of new/old per scenario, backend and figure present in both
"""

import json
import os
import re
import subprocess
import sys

# Counts and settings, not measurements.
SETTINGS = {"requests", "seconds", "runs", "concurrency", "per_page", "pages", "items", "matched", "moves",
            "sockets", "expected", "creates", "fanned_out", "work_items", "projects", "list_project_items",
            "requests_per_s_min", "requests_per_s_max", "loadavg_1m_median", "loadavg_1m_max", "wal_max_bytes", "non_2xx", "socket_errors", "timeouts"}
THRESHOLD = 0.10  # a change beyond ±10 % is flagged; the machine's run-to-run noise is of that order


def higher_is_better(figure: str) -> bool:
    return figure.endswith("_per_s") or figure == "delivered"


def load(path: str) -> dict:
    figures = {}
    for line in open(path):
        if line.strip():
            record = json.loads(line)
            key = (record["scenario"], record.get("backend", "?"), record["figures"].get("sockets"))
            figures[key] = record["figures"]
    return figures


def variant(path: str) -> str:
    """What a results file's name says after `<date>-<commit>[-dirty]`: `-w<items>-p<projects>`
    for another data size, `-quick`, or "" for a default run."""
    match = re.match(r"^\d{8}-[0-9a-f]+(?:-dirty)?(.*)$", os.path.basename(path).removesuffix(".jsonl"))
    return match.group(1) if match else ""


def previous(current: str) -> str:
    """The results file of the same variant most recently added or changed in a commit,
    other than `current`."""
    log = subprocess.run(["git", "log", "--format=", "--name-only", "--diff-filter=AM", "--", "bench/results/"],
                         capture_output=True, text=True).stdout.split()
    for path in log:
        if (path.endswith(".jsonl") and os.path.abspath(path) != os.path.abspath(current)
                and variant(path) == variant(current) and os.path.exists(path)):
            return path
    return ""


def compare(old_path: str, new_path: str) -> None:
    old, new = load(old_path), load(new_path)
    rows = []
    for key in sorted(set(old) & set(new), key=lambda k: (k[1], k[0], k[2] or 0)):
        for figure, value in new[key].items():
            before = old[key].get(figure)
            if figure in SETTINGS or not isinstance(value, (int, float)) or not isinstance(before, (int, float)):
                continue
            if before == 0:
                continue
            ratio = value / before
            better = ratio > 1 if higher_is_better(figure) else ratio < 1
            flag = "" if abs(ratio - 1) <= THRESHOLD else ("better" if better else "WORSE")
            scenario = key[0] + (f"[{key[2]}]" if key[2] else "")
            rows.append((key[1], scenario, figure, before, value, ratio, flag))
    print(f"\nnew/old: {new_path} vs {old_path} (flagged beyond ±{THRESHOLD:.0%})")
    if not rows:
        print("  no figure in common")
        return
    print(f"  {'backend':<9} {'scenario':<22} {'figure':<26} {'old':>11} {'new':>11} {'new/old':>8}")
    for backend, scenario, figure, before, value, ratio, flag in rows:
        print(f"  {backend:<9} {scenario:<22} {figure:<26} {before:>11.1f} {value:>11.1f} {ratio:>8.2f} {flag}")
    worse = sum(1 for row in rows if row[-1] == "WORSE")
    print(f"  {worse} figure(s) worse by more than {THRESHOLD:.0%}" if worse else "  no figure worse beyond the threshold")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--previous":
        print(previous(sys.argv[2]))
    elif len(sys.argv) == 3:
        compare(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
