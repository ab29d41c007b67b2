"""Rewrites the generated section of BENCHMARKS.md from one results file (bench/run calls it)."""

import json
import os
import platform
import subprocess
import sys

START, END = "<!-- bench/run: start -->", "<!-- bench/run: end -->"


def machine() -> str:
    cores = os.cpu_count()
    with open("/proc/meminfo") as meminfo:
        kib = int(meminfo.readline().split()[1])
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{cores} cores ({cpu}), {kib / 1024 / 1024:.0f} GiB, {platform.system()} {platform.release()}"


def main(results_path: str, doc_path: str) -> None:
    records = [json.loads(line) for line in open(results_path) if line.strip()]
    by = {(r["backend"], r["scenario"], r["figures"].get("sockets")): r["figures"] for r in records}
    backends = [b for b in ("sqlite", "postgres") if any(r["backend"] == b for r in records)]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    date = os.path.basename(results_path).split("-")[0]
    lines = [START, "", f"Measured {date[:4]}-{date[4:6]}-{date[6:]} on commit `{commit}`; machine: {machine()}.",
             f"Raw figures: `{results_path}`. One run per figure (not yet medians of several).", ""]

    def row(label, key, fmt="{:.0f}", scenario="server", sockets=None):
        cells = []
        for backend in backends:
            value = by.get((backend, scenario, sockets), {}).get(key)
            cells.append("–" if value is None else fmt.format(value))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    lines += ["| figure | " + " | ".join(backends) + " |", "| --- |" + " --- |" * len(backends)]
    row("cold start, process start → `/ready` (ms)", "cold_start_ms")
    lines.append("| idle RSS (MiB) | " + " | ".join(
        f"{by.get((b, 'server', None), {}).get('idle_rss_kib', 0) / 1024:.1f}" for b in backends) + " |")
    lines.append("| peak RSS during the run (MiB) | " + " | ".join(
        f"{by.get((b, 'server_peak', None), {}).get('peak_rss_kib', 0) / 1024:.1f}" for b in backends) + " |")
    row("events committed per second (16 writers creating work items)", "committed_per_s", scenario="event_log")
    row("events fanned out per second (live tail → WebSocket)", "fanned_out_per_s", scenario="event_log")
    row("events through every durable consumer per second", "consumers_caught_up_per_s", scenario="event_log")
    for sockets in sorted({k[2] for k in by if k[1] == "ws_fanout"}):
        row(f"WebSocket fan-out to {sockets:,} sockets: commit → receipt p50 (ms)", "p50_ms", "{:.1f}", "ws_fanout", sockets)
        row(f"WebSocket fan-out to {sockets:,} sockets: p99 (ms)", "p99_ms", "{:.1f}", "ws_fanout", sockets)
        row(f"WebSocket fan-out to {sockets:,} sockets: delivered / expected", "delivered", "{}", "ws_fanout", sockets)
    binary = by.get((backends[0], "server", None), {}).get("binary_bytes", 0)
    lines += ["", f"Binary size: {binary / 1024 / 1024:.1f} MiB.", "", END]
    section = "\n".join(lines)

    doc = open(doc_path).read() if os.path.exists(doc_path) else (
        "# Benchmarks\n\nReproduce with `bench/run` (builds a release binary, starts it on SQLite and on "
        "PostgreSQL on this machine, runs every scenario, appends to `bench/results/` and rewrites the "
        "section below).\n\n## Events and real time\n\n" + START + "\n" + END + "\n")
    before, _, rest = doc.partition(START)
    _, _, after = rest.partition(END)
    open(doc_path, "w").write(before + section + after)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
